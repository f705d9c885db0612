import type { CaseRecord, StoredDocument } from '../adapters/case-record.ts';
import { caseClocks } from '../domain/case-sla.ts';
import { type Completion, completion, type SlaClock } from '../domain/sla.ts';
import { CalendarYearMissingError } from '../domain/working-days.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { smsText } from '../notifications/texts.ts';
import type { Runtime } from '../shared/runtime.ts';
import { logger } from '../shared/logger.ts';
import { TransientStoreError } from './step-handler.ts';

/**
 * Completes a sealed case in one transaction that applies only from SEALING, so a re-run sends nothing twice:
 * COMPLETED on its timeline, one message for the citizen in the outbox (functions/sms/drain.ts sends it; the timeline
 * says 已短信通知 once it went), the completion in the team's totals, and the person's open-case lock freed. With
 * `papers`, the seal's new papers are recorded in it too (each record write-once, and its entry in the case's map):
 * the papers and the completion then cost one write, and a case is never COMPLETED without its papers.
 * Returns whether this call moved the case; false when it was not in SEALING, or a racing run recorded a paper first.
 */
export async function completeCase(rt: Runtime, record: CaseRecord, papers: readonly StoredDocument[] = []): Promise<boolean> {
  const { caseNumber } = record;
  const at = rt.clock.now().toISOString();
  const result = record.decision === 'APPROVED' ? '已审核通过' : '未获批准';
  const clocks = caseClocks(record, rt.policy, rt.clock.today());
  // Counted once, with the completion itself; a case whose days fall in a year without a calendar is not counted.
  const done = clocks.case ? completionOrNone(clocks.case, rt.clock.today()) : undefined;
  return rt.cases.advance(
    caseNumber,
    ['SEALING'],
    [{ at, status: 'COMPLETED', actor: 'system', note: `办结：${result}` }],
    Object.fromEntries(papers.map((d) => [`documents.${d.documentId}`, d])),
    [
      ...rt.documents.recordItems(papers),
      caseSms(record, 'documents-ready', smsText.documentsReady(caseNumber, record.decision), at, { at, status: 'COMPLETED', index: record.timeline.length }),
    ],
    record.idNumber,
    done ? [rt.stats.completionUpdate(caseNumber, done)] : [],
  );
}

/**
 * After a completion that did not apply: fine when a run before this one completed the case; completed now when the
 * case is still SEALING (the write lost a race); otherwise retried (TransientStoreError, the workflow's Retry), and
 * after its retries the case goes to staff.
 */
export async function completedOrRetry(rt: Runtime, caseNumber: string): Promise<void> {
  const now = await rt.cases.get(caseNumber);
  if (now?.status === 'COMPLETED') return;
  if (now?.status === 'SEALING' && (await completeCase(rt, now))) return;
  throw new TransientStoreError(new Error(`case ${caseNumber} was not completed; retrying`));
}

function completionOrNone(clock: SlaClock, completedOn: string): Completion | undefined {
  try {
    return completion(clock, completedOn);
  } catch (err) {
    if (!(err instanceof CalendarYearMissingError)) throw err;
    logger.error({ year: err.year }, err.message);
    return undefined;
  }
}
