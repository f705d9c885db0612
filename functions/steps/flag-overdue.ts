import { z } from 'zod';
import { stepHandler } from './step-handler.ts';

/** A decision has waited past its time: put the case at the top of the staff queue as overdue. */
export const handler = stepHandler('flag-overdue', z.object({ caseNumber: z.string(), stage: z.string() }), async ({ caseNumber, stage }, rt) => {
  await rt.cases.flagOverdue(caseNumber, stage, rt.clock.now().toISOString());
  return { flagged: true };
});
