/**
 * Every way a department can fail to answer is `DepartmentUnavailable` (the workflow retries it, then parks
 * the case); a 200 off the schema is `DepartmentResponseInvalid` (retried, then parked, never a result).
 * The stand-ins' runtime faults drive most rows.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDepartmentStandins, type DepartmentStandins } from '../../../infra/local/department-standins.ts';
import { createDepartmentClient, type DepartmentClient } from '../../../functions/departments/index.ts';
import type { DepartmentFault } from '../../../schemas/department-faults.ts';
import type { CitizenRecord } from '../../../schemas/department-record.ts';
import { demoRecords } from '../../support/demo-records.ts';
import { TEST_DEPARTMENT_KEY, testSigningKey } from '../../support/department-key.ts';

const CASE = 'RT20250301ABC123';
const records = demoRecords();
const known = [...records.values()][0] as CitizenRecord;

let standins: DepartmentStandins;
let client: DepartmentClient;
let silent: Server;
let silentUrl: string;
const silentSockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  standins = await startDepartmentStandins({ records, signingKey: TEST_DEPARTMENT_KEY });
  client = createDepartmentClient({ baseUrl: standins.baseUrl, callingSystem: 'retireone-test', signingKey: testSigningKey, timeoutMs: 300 });
  // Accepts the connection and never says a word.
  silent = createServer((socket) => {
    silentSockets.add(socket);
  });
  await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', () => ok()));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await standins.stop();
  for (const s of silentSockets) s.destroy();
  await new Promise((ok) => silent.close(ok));
});
afterEach(() => {
  for (const d of ['hr', 'tax', 'medical', 'housingFund'] as const) standins.setFault(d, { mode: 'up' });
});

const faultRows: { fault: DepartmentFault; name: string; message: RegExp }[] = [
  { fault: { mode: 'down' }, name: 'DepartmentUnavailable', message: /network error/ },
  { fault: { mode: 'errors' }, name: 'DepartmentUnavailable', message: /HTTP 500/ },
  { fault: { mode: 'errors', errorRate: 1 }, name: 'DepartmentUnavailable', message: /HTTP 500/ },
  { fault: { mode: 'slow', latencyMs: 1000 }, name: 'DepartmentUnavailable', message: /no answer within 300 ms/ },
  { fault: { mode: 'malformed' }, name: 'DepartmentResponseInvalid', message: /invalid response/ },
];

describe('department client: a department that cannot answer', () => {
  for (const { fault, name, message } of faultRows) {
    it(`${JSON.stringify(fault)} → ${name}`, async () => {
      standins.setFault('tax', fault);
      const err = await client.tax(CASE, known.idNumber).catch((e: unknown) => e);
      expect(err).toMatchObject({ name, department: 'tax' });
      expect((err as Error).message).toMatch(message);
      // Only that department: the others answer.
      await expect(client.medical(CASE, known.idNumber)).resolves.toEqual(known.medical);
    });
  }

  it('every department is hit the same way by a malformed answer', async () => {
    for (const d of ['hr', 'tax', 'medical', 'housingFund'] as const) {
      standins.setFault(d, { mode: 'malformed' });
      await expect(client[d](CASE, known.idNumber)).rejects.toMatchObject({ name: 'DepartmentResponseInvalid', department: d });
    }
  });

  it('slow but within the deadline, errorRate 0, and up again: normal answers', async () => {
    standins.setFault('tax', { mode: 'slow', latencyMs: 50 });
    await expect(client.tax(CASE, known.idNumber)).resolves.toEqual(known.tax);
    standins.setFault('tax', { mode: 'errors', errorRate: 0 });
    await expect(client.tax(CASE, known.idNumber)).resolves.toEqual(known.tax);
    standins.setFault('tax', { mode: 'down' });
    await expect(client.tax(CASE, known.idNumber)).rejects.toMatchObject({ name: 'DepartmentUnavailable' });
    standins.setFault('tax', { mode: 'up' });
    await expect(client.tax(CASE, known.idNumber)).resolves.toEqual(known.tax);
  });

  it('connection refused (nothing listening) → DepartmentUnavailable', async () => {
    // A port just freed, not port 1: fetch refuses "bad ports" itself, without ever connecting.
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', () => ok()));
    const { port } = probe.address() as AddressInfo;
    await new Promise((ok) => probe.close(ok));
    const dead = createDepartmentClient({ baseUrl: `http://127.0.0.1:${port}`, callingSystem: 'retireone-test', signingKey: testSigningKey });
    const err = await dead.hr(CASE, known.idNumber).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DepartmentUnavailable', department: 'hr' });
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('a connection accepted but never answered → DepartmentUnavailable after the deadline', async () => {
    const mute = createDepartmentClient({ baseUrl: silentUrl, callingSystem: 'retireone-test', signingKey: testSigningKey, timeoutMs: 200 });
    await expect(mute.medical(CASE, known.idNumber)).rejects.toMatchObject({ name: 'DepartmentUnavailable', department: 'medical' });
  });

  const thrown: { what: string; error: unknown }[] = [
    { what: 'fetch TypeError', error: new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }) },
    { what: 'ECONNRESET', error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) },
    { what: 'a TimeoutError', error: new DOMException('The operation was aborted due to timeout', 'TimeoutError') },
    { what: 'a non-Error', error: 'boom' },
  ];
  for (const { what, error } of thrown) {
    it(`${what} from fetch → DepartmentUnavailable`, async () => {
      const c = createDepartmentClient({
        baseUrl: 'http://departments.invalid',
        callingSystem: 'retireone-test',
        signingKey: testSigningKey,
        fetchImpl: async () => {
          throw error;
        },
      });
      await expect(c.housingFund(CASE, known.idNumber)).rejects.toMatchObject({ name: 'DepartmentUnavailable', department: 'housingFund' });
    });
  }
});
