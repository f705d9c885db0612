import { Worker } from 'node:worker_threads';
import type { CitizenRecord } from '../../schemas/department-record.ts';
import type { DepartmentFault } from '../../schemas/department-faults.ts';
import type { Department } from '../../functions/departments/departments.ts';
import type { StandinCall, StandinRefusal } from './department-standins.ts';

export interface RemoteStandins {
  baseUrl: string;
  setUnavailable(dept: Department, unavailable: boolean): Promise<void>;
  /** Injects (or with mode `up` lifts) a fault: down, slow, errors, malformed. */
  setFault(dept: Department, fault: DepartmentFault): Promise<void>;
  calls(): Promise<StandinCall[]>;
  /** The requests refused with 401 and why. */
  refusals(): Promise<StandinRefusal[]>;
  clearCalls(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The department stand-ins on a thread of their own, as the real systems are remote: their answer delay
 * then runs on its own clock instead of waiting for the product's busy event loop, so the measured
 * parallel phase is the product's, not the stand-ins'.
 */
export async function startDepartmentStandinsThread(opts: {
  records: Map<string, CitizenRecord>;
  latencyMs?: number;
  /** The key department calls are signed with; the stand-ins refuse any other. */
  signingKey: Uint8Array;
  signatureWindowSeconds?: number;
}): Promise<RemoteStandins> {
  const worker = new Worker(new URL('./standins-worker.ts', import.meta.url), {
    workerData: { records: opts.records, latencyMs: opts.latencyMs ?? 0, signingKey: opts.signingKey, signatureWindowSeconds: opts.signatureWindowSeconds },
  });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 0;
  const ready = new Promise<{ baseUrl: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: { ready?: boolean; baseUrl?: string; id?: number; result?: unknown }) => {
      if (msg.ready) resolve({ baseUrl: msg.baseUrl! });
      else if (msg.id !== undefined) {
        pending.get(msg.id)?.(msg.result);
        pending.delete(msg.id);
      }
    });
  });
  const { baseUrl } = await ready;
  const ask = <T>(op: string, extra: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (r: unknown) => void);
      worker.postMessage({ id, op, ...extra });
    });
  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    setUnavailable: (dept, value) => ask('setUnavailable', { dept, value }),
    setFault: (dept, fault) => ask('setFault', { dept, fault }),
    calls: () => ask<StandinCall[]>('calls'),
    refusals: () => ask<StandinRefusal[]>('refusals'),
    clearCalls: () => ask('clearCalls'),
    stop: () => (stopped ??= ask('stop').then(() => worker.terminate().then(() => undefined))),
  };
}
