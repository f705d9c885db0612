import { z } from 'zod';
import type { TimelineEntry } from '../../schemas/case.ts';
import { checkingNote } from '../../schemas/departments.ts';
import { type PreReviewResult, preReview } from '../domain/pre-review.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { smsText } from '../notifications/texts.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import type { Runtime } from '../shared/runtime.ts';
import { sealCase } from './case-snapshot.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

const Input = CaseInput.extend({
  /**
   * The case steps (2026-12-08 on) ask for the case as this step left it, sealed, with a passing outcome
   * (case-snapshot.ts): that payload stays inside the Express run. Workflow versions before it leave this out, and
   * their Standard history is handed the outcome alone, as before.
   */
  handChecks: z.boolean().optional(),
});

/**
 * The outcome, and (`handChecks`) for a case that goes on to the departments the case as it now stands, sealed for
 * the checks and Decide (case-snapshot.ts); `snapshot` is null for a case that does not.
 */
async function handedOn(rt: Runtime, record: CaseRecord, outcome: PreReviewResult['outcome'], handChecks: boolean | undefined) {
  if (!handChecks) return { outcome };
  const sealed = outcome === 'PASS' ? await sealCase(rt, record) : null;
  // A case grown far past the usual 5 KB is not carried: each state's payload must stay under Step Functions' 256 KB,
  // and the checks and Decide then read the case themselves.
  return { outcome, snapshot: sealed !== null && sealed.length <= MAX_SNAPSHOT_CHARS ? sealed : null };
}

/** The largest sealed case handed on (characters): a quarter of a state's 256 KB payload limit. */
export const MAX_SNAPSHOT_CHARS = 64 * 1024;

/**
 * Automatic pre-review. Its result, the PRE_REVIEW entry and — when it passes — the move to CHECKING are
 * one conditional write; a re-run finds the result recorded and returns it. A case withdrawn before its form
 * is WITHDRAWN here, unchanged, so the workflow needs no state of its own to look for a withdrawal first.
 */
export const handler = stepHandler('pre-review', Input, async ({ caseNumber, handChecks }, rt) => {
  const record = await rt.cases.get(caseNumber);
  // Withdrawn while the form was awaited: the workflow ends here (its PreReviewRoute), with nothing to review.
  if (record?.status === 'WITHDRAWN') return { outcome: 'WITHDRAWN' as const };
  if (!record?.application) throw new Error(`case ${caseNumber} has no application`);
  if (record.preReview) return handedOn(rt, record, record.preReview.outcome, handChecks);

  const result = preReview({
    application: record.application,
    booking: { idNumber: record.idNumber, name: record.name },
    today: rt.clock.today(),
    policy: rt.policy,
  });
  const at = rt.clock.now().toISOString();
  const reasons = result.reasons.map((r) => r.message).join('；');
  const entries: TimelineEntry[] =
    result.outcome === 'PASS'
      ? [
          { at, status: 'PRE_REVIEW', actor: 'system', note: '自动预审通过' },
          { at, status: 'CHECKING', actor: 'system', note: checkingNote(rt.policy.health.takesPart) },
        ]
      : [{ at, status: 'PRE_REVIEW', actor: 'system', note: result.outcome === 'MANUAL' ? `自动预审需人工核实：${reasons}` : `自动预审未通过：${reasons}` }];
  // PRE_REVIEW too: a corrected form (supplement) comes back in PRE_REVIEW with the earlier verdict cleared.
  // Waiting for a person: the citizen is told so in the same write.
  const told =
    result.outcome === 'MANUAL'
      ? [caseSms(record, 'manual-review', smsText.manualReview(caseNumber), at, { at, status: 'PRE_REVIEW', index: record.timeline.length })]
      : [];
  const moved = await rt.cases.advance(caseNumber, ['SUBMITTED', 'PRE_REVIEW'], entries, { preReview: result }, told);
  // The case as this write left it, which is what the checks and Decide would read next.
  const written: CaseRecord = { ...record, status: entries.at(-1)!.status, updatedAt: at, timeline: [...record.timeline, ...entries], preReview: result };
  if (moved) return handedOn(rt, written, result.outcome, handChecks);
  // Another run got there first: its recorded answer stands.
  const now = (await rt.cases.get(caseNumber))!;
  return handedOn(rt, now, now.preReview!.outcome, handChecks);
});
