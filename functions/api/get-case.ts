import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { loadCaseFor, toCaseView } from './case-access.ts';

export const handler = httpHandler(operations.getCase, {
  async handle({ params, principal, requestId }) {
    const record = await loadCaseFor(principal, params.caseNumber, 'read-case', requestId);
    return { status: 200, body: toCaseView(record) };
  },
});
