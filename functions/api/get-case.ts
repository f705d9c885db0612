import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { caseViewOf, loadCaseFor } from './case-access.ts';

export const handler = httpHandler(operations.getCase, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'read-case', requestId);
    return { status: 200, body: await caseViewOf(record, rt) };
  },
});
