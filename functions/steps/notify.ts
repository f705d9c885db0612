import { keys } from '../adapters/table-keys.ts';
import { caseClocks } from '../domain/case-sla.ts';
import { maskPhone } from '../domain/mask.ts';
import { completion, type Completion, type SlaClock } from '../domain/sla.ts';
import { CalendarYearMissingError } from '../domain/working-days.ts';
import { logger } from '../shared/logger.ts';
import { TransientStoreError } from './step-handler.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/**
 * Completes the case and leaves one message for the citizen in the outbox (the SMS gateway reads it),
 * in one transaction that only applies once, so a re-run sends nothing twice.
 */
export const handler = stepHandler('notify', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  const at = rt.clock.now().toISOString();
  const result = record.decision === 'APPROVED' ? '已审核通过' : '未获批准';
  const clocks = caseClocks(record, rt.policy, rt.clock.today());
  // Counted once, with the completion itself; a case whose days fall in a year without a calendar is not counted.
  const done = clocks.case ? completionOrNone(clocks.case, rt.clock.today()) : undefined;
  const text = `【退休一件事】您的退休申请（办件编号 ${caseNumber}）${result}，盖章文书已出具，请登录查看或下载。`;
  const completed = await rt.cases.advance(
    caseNumber,
    ['SEALING'],
    [{ at, status: 'COMPLETED', actor: 'system', note: `办结：${result}，已短信通知` }],
    {},
    [{ ...keys.notification(caseNumber, 'result'), channel: 'sms', to: record.phone, toMasked: maskPhone(record.phone), text, at }],
    record.idNumber,
    done ? [rt.stats.completionUpdate(caseNumber, done)] : [],
  );
  // Not moved: a re-run after the first completed it (fine), or a write that lost a race — then try again.
  if (!completed && (await rt.cases.get(caseNumber))?.status !== 'COMPLETED')
    throw new TransientStoreError(new Error(`case ${caseNumber} was not completed; retrying`));
  return { notified: true };
});

function completionOrNone(clock: SlaClock, completedOn: string): Completion | undefined {
  try {
    return completion(clock, completedOn);
  } catch (err) {
    if (!(err instanceof CalendarYearMissingError)) throw err;
    logger.error({ year: err.year }, err.message);
    return undefined;
  }
}
