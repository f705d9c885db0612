import { logger } from '../shared/logger.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * Ready only when the case store answers and takes a write, the object store and the workflow engine
 * answer, and (embedded hosting) the data directory has room. A store that reads but cannot write is
 * not ready: bookings would fail while readiness said yes.
 */
export const handler = httpHandler(operations.getHealth, {
  async handle({ rt }) {
    const probes = {
      tableRead: () => rt.cases.get('RT00000000HEALTH'),
      tableWrite: () => rt.healthProbe.write(rt.instanceId, rt.clock.now()),
      objects: () => rt.objects.ping(),
      workflow: () => rt.workflow.ping(),
      dataDir: () => rt.dataDir?.probe(),
    };
    const results = await Promise.allSettled(Object.values(probes).map((probe) => probe()));
    const failing = Object.keys(probes).filter((_, i) => results[i]?.status === 'rejected');
    if (failing.length === 0) return { status: 200, body: { status: 'ok' } };
    logger.warn({ failing, reasons: results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : [])) }, 'not ready');
    return { status: 503, body: { status: 'unavailable' } };
  },
});
