import { completeCase } from './complete-case.ts';
import { CaseInput, stepHandler, TransientStoreError } from './step-handler.ts';

/**
 * Completes the case and tells the citizen, once (complete-case.ts). The current case steps complete the case in
 * Seal; this step remains for the cases still running on the workflow released on 2026-12-06, which seals and then
 * notifies (RETAINED_WORKFLOWS). On such a case run by today's Seal, it finds the case COMPLETED and does nothing.
 */
export const handler = stepHandler('notify', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  // Not moved: a re-run after the first completed it (fine), or a write that lost a race — then try again.
  if (record.status !== 'COMPLETED' && !(await completeCase(rt, record)) && (await rt.cases.get(caseNumber))?.status !== 'COMPLETED')
    throw new TransientStoreError(new Error(`case ${caseNumber} was not completed; retrying`));
  return { notified: true };
});
