import { completeCase, completedOrRetry } from './complete-case.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/**
 * Completes the case and tells the citizen, once (complete-case.ts). The current case steps complete the case in
 * Seal; this step remains for the cases still running on the workflow released on 2026-12-06, which seals and then
 * notifies (RETAINED_WORKFLOWS). On such a case run by today's Seal, it finds the case COMPLETED and does nothing.
 */
export const handler = stepHandler('notify', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  if (record.status !== 'COMPLETED' && !(await completeCase(rt, record))) await completedOrRetry(rt, caseNumber);
  return { notified: true };
});
