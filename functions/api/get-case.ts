import { httpHandler } from './http/handler.ts';
import { CasePathParams, loadCaseFor, toCaseView } from './case-access.ts';

export const handler = httpHandler({
  auth: ['citizen', 'platform', 'pre-review', 'supervisor'],
  params: CasePathParams,
  async handle({ params, principal, requestId }) {
    const record = await loadCaseFor(principal, params.caseNumber, 'read-case', requestId);
    return { status: 200, body: toCaseView(record) };
  },
});
