import { secondsUntilDeadlinePassed } from '../domain/application-wait.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

const MIN_WAIT_AGAIN_SECONDS = 60;

/**
 * The wait for the form timed out. Past the deadline with no form, the case ends EXPIRED and the person is
 * free to book again; otherwise (the deadline moved, or the clock) the workflow waits again, `seconds`
 * more: until the deadline on the case has passed.
 */
export const handler = stepHandler('expire-case', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  // At least a minute: a pinned clock (CLOCK_TODAY) whose date never turns must not make the wait spin.
  const waitAgain = () => ({
    expired: false,
    seconds: Math.max(MIN_WAIT_AGAIN_SECONDS, secondsUntilDeadlinePassed(record.applicationDeadline, rt.clock.now())),
  });
  if (record.status === 'EXPIRED') return { expired: true };
  if (record.status !== 'BOOKED' || rt.clock.today() <= record.applicationDeadline) return waitAgain();
  const moved = await rt.cases.transition(caseNumber, ['BOOKED'], 'EXPIRED', {
    at: rt.clock.now().toISOString(),
    actor: 'system',
    note: '未在申请期限内提交申请，办件已过期，可重新预约。',
  });
  // Not moved means the form arrived at the last moment: keep going with it.
  return moved ? { expired: true } : waitAgain();
});
