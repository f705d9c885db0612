import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/** Ready only when the case store, the object store and the workflow engine all answer. */
export const handler = httpHandler(operations.getHealth, {
  async handle({ rt }) {
    const checks = await Promise.allSettled([rt.cases.get('RT00000000HEALTH'), rt.objects.ping(), rt.workflow.ping()]);
    const ok = checks.every((c) => c.status === 'fulfilled');
    return ok ? { status: 200, body: { status: 'ok' } } : { status: 503, body: { status: 'unavailable' } };
  },
});
