import { caseClocks } from '../domain/case-sla.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { smsText } from '../notifications/texts.ts';
import { completion, type Completion, type SlaClock } from '../domain/sla.ts';
import { CalendarYearMissingError } from '../domain/working-days.ts';
import { logger } from '../shared/logger.ts';
import { TransientStoreError } from './step-handler.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/**
 * Completes the case and leaves one message for the citizen in the outbox (functions/sms/drain.ts sends it),
 * in one transaction that only applies once, so a re-run sends nothing twice. The timeline says 已短信通知 only
 * once the message went (the drain adds it).
 */
export const handler = stepHandler('notify', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  const at = rt.clock.now().toISOString();
  const result = record.decision === 'APPROVED' ? '已审核通过' : '未获批准';
  const clocks = caseClocks(record, rt.policy, rt.clock.today());
  // Counted once, with the completion itself; a case whose days fall in a year without a calendar is not counted.
  const done = clocks.case ? completionOrNone(clocks.case, rt.clock.today()) : undefined;
  const completed = await rt.cases.advance(
    caseNumber,
    ['SEALING'],
    [{ at, status: 'COMPLETED', actor: 'system', note: `办结：${result}` }],
    {},
    [caseSms(record, 'documents-ready', smsText.documentsReady(caseNumber, record.decision), at, { at, status: 'COMPLETED', index: record.timeline.length })],
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
