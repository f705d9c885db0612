import { CaseInput, stepHandler } from './step-handler.ts';

/**
 * The wait for the form woke up. Past the deadline with no form, the case ends EXPIRED and the person is
 * free to book again; otherwise the workflow goes back to waiting.
 */
export const handler = stepHandler('expire-case', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  if (record.status === 'EXPIRED') return { expired: true };
  if (record.status !== 'BOOKED' || rt.clock.today() <= record.applicationDeadline) return { expired: false };
  const moved = await rt.cases.transition(caseNumber, ['BOOKED'], 'EXPIRED', {
    at: rt.clock.now().toISOString(),
    actor: 'system',
    note: '未在申请期限内提交申请，办件已过期，可重新预约。',
  });
  // Not moved means the form arrived at the last moment: keep going with it.
  return { expired: moved };
});
