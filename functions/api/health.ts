import { logger } from '../shared/logger.ts';
import type { Runtime } from '../shared/runtime.ts';
import { cachedProbe, HEALTH_CACHE_ENV } from './cached-probe.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

const cacheMs = () => Math.max(0, Number(process.env[HEALTH_CACHE_ENV] ?? 0) || 0) * 1000;

/**
 * Ready only when the case store answers and takes a write, the object store and the workflow engine
 * answer, and (embedded hosting) the data directory has room. A store that reads but cannot write is
 * not ready: bookings would fail while readiness said yes.
 */
async function probeReadiness(rt: Runtime): Promise<boolean> {
  const probes = {
    tableRead: () => rt.cases.get('RT00000000HEALTH'),
    tableWrite: () => rt.healthProbe.write(rt.instanceId, rt.clock.now()),
    objects: () => rt.objects.ping(),
    workflow: () => rt.workflow.ping(),
    dataDir: () => rt.dataDir?.probe(),
  };
  const results = await Promise.allSettled(Object.values(probes).map((probe) => probe()));
  const failing = Object.keys(probes).filter((_, i) => results[i]?.status === 'rejected');
  if (failing.length === 0) return true;
  logger.warn({ failing, reasons: results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : [])) }, 'not ready');
  return false;
}

// One probe (and one kept outcome) per runtime: a container has one; a test process may start several stacks.
const probes = new WeakMap<Runtime, () => Promise<boolean>>();

function readinessOf(rt: Runtime): () => Promise<boolean> {
  let ready = probes.get(rt);
  if (!ready) {
    ready = cachedProbe(() => probeReadiness(rt), cacheMs);
    probes.set(rt, ready);
  }
  return ready;
}

export const handler = httpHandler(operations.getHealth, {
  async handle({ rt }) {
    return (await readinessOf(rt)()) ? { status: 200, body: { status: 'ok' } } : { status: 503, body: { status: 'unavailable' } };
  },
});
