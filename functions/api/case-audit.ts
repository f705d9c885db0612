import { loadCaseFor } from './case-access.ts';
import { runtime } from '../shared/runtime.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * Who looked at or acted on a case, newest first — supervisors only. Reading the trail is itself an
 * access, and is recorded like any other.
 */
export const handler = httpHandler(operations.getCaseAuditTrail, {
  async handle({ params, principal, requestId }) {
    await loadCaseFor(principal, params.caseNumber, 'read-audit', requestId);
    return { status: 200, body: await (await runtime()).cases.auditTrail(params.caseNumber) };
  },
});
