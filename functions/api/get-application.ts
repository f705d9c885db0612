import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem } from './http/problem.ts';

/** The one form as the citizen (or the platform for them) sent it, latest version: what a supplement corrects. */
export const handler = httpHandler(operations.getApplication, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'read-application', requestId);
    if (!record.application) throw new HttpProblem(404, 'Not found', 'No form has been sent for this case yet.');
    return { status: 200, body: record.application, headers: { 'cache-control': 'no-store' } };
  },
});
