import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * Who looked at or acted on a case, newest first — supervisors only. Reading the trail is itself an
 * access, and is recorded like any other.
 */
export const handler = httpHandler(operations.getCaseAuditTrail, {
  async handle({ params, principal, requestId, rt }) {
    await loadCaseFor(rt, principal, params.caseNumber, 'read-audit', requestId);
    return { status: 200, body: await rt.audit.trail(params.caseNumber) };
  },
});
