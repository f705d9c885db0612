import { z } from 'zod';
import type { TimelineEntry } from '../../schemas/case.ts';
import { DepartmentKey, DepartmentResult, departmentsOf, Outcome } from '../../schemas/department-result.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { DEPARTMENT_NAMES } from '../../schemas/departments.ts';
import { applyManualDecisions, decide, type ManualDecision } from '../domain/decide.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { smsText } from '../notifications/texts.ts';
import { stepHandler } from './step-handler.ts';

const Input = z.object({
  caseNumber: z.string(),
  /** The checks' outcomes, from the case steps' Parallel state (the answers themselves are on the case); none when no department was asked on that run. */
  checks: z
    .array(
      z.object({
        department: DepartmentKey,
        outcome: Outcome.optional(),
        /** Workflow versions before 2026-12 handed the whole answer over instead of recording it: still read. */
        result: DepartmentResult.optional(),
      }),
    )
    .default([]),
});

function manualDecisions(record: CaseRecord): ManualDecision[] {
  return Object.entries(record.reviews ?? {})
    .filter(([k]) => k.startsWith('manual#'))
    .sort(([a], [b]) => (a === 'manual#all' ? 1 : b === 'manual#all' ? -1 : a.localeCompare(b)))
    .map(([, r]) => ({ department: r.department, outcome: r.outcome, note: r.note, actor: r.actor }));
}

/** The recorded answers, and for a case started on an older workflow version the answers its payload carries. */
function withAnswers(record: CaseRecord, checks: z.infer<typeof Input>['checks']): CaseRecord['departments'] {
  const out = { ...record.departments };
  for (const { department, result } of checks) if (result && out[department]?.outcome === 'PENDING') out[department] = result;
  return out;
}

/** A case stopped at pre-review never reached the departments: say so, rather than leave them pending. */
function notChecked(departments: CaseRecord['departments']): CaseRecord['departments'] {
  const out = { ...departments };
  for (const k of departmentsOf(out)) {
    if (out[k]?.outcome === 'PENDING') out[k] = { outcome: 'NOT_APPLICABLE', reasons: [], details: { note: '预审未通过，未提交本部门核查' } };
  }
  return out;
}

/**
 * Decides from the answers the checks recorded, in one conditional write: any FAIL rejects; any MANUAL waits for
 * staff; otherwise approved. Staff decisions recorded on the case are applied first, so this step runs
 * again after each manual review.
 */
export const handler = stepHandler('decide', Input, async ({ caseNumber, checks }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  if (record.decision) return { needsManualReview: false, decision: record.decision };
  const at = rt.clock.now().toISOString();
  const entry = (status: TimelineEntry['status'], note: string): TimelineEntry[] => [{ at, status, actor: 'system', note }];
  // Each move below tells the citizen in the same write; the message reports the one entry it appends.
  const told = (kind: 'decided' | 'manual-review', status: TimelineEntry['status'], text: string) => [
    caseSms(record, kind, text, at, { at, status, index: record.timeline.length }),
  ];

  const preReviewFailed = record.preReview?.outcome === 'FAIL' || record.reviews?.['pre-review']?.outcome === 'FAIL';
  if (preReviewFailed) {
    await rt.cases.advance(
      caseNumber,
      ['PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'SUBMITTED'],
      entry('SEALING', '预审未通过，不予批准，正在出具盖章文书'),
      {
        decision: 'REJECTED',
        departments: notChecked(record.departments),
      },
      told('decided', 'SEALING', smsText.decided(caseNumber, 'REJECTED')),
    );
    return { needsManualReview: false, decision: 'REJECTED' };
  }

  // Each check recorded its answer on the case (department-check.ts); the payload carries outcomes only.
  const answered = withAnswers(record, checks);
  const merged = applyManualDecisions(answered, manualDecisions(record));
  const result = decide(merged);
  if (result.needsManualReview) {
    const waiting = departmentsOf(merged).filter((k: DepartmentKey) => merged[k]?.outcome === 'MANUAL');
    // Already in MANUAL_REVIEW (a partial staff decision): nothing to write, keep waiting.
    await rt.cases.advance(
      caseNumber,
      ['CHECKING'],
      entry('MANUAL_REVIEW', `需工作人员人工审核：${waiting.map((k) => DEPARTMENT_NAMES[k].department).join('、')}`),
      {
        departments: answered,
      },
      told('manual-review', 'MANUAL_REVIEW', smsText.manualReview(caseNumber)),
    );
    return { needsManualReview: true };
  }
  await rt.cases.advance(
    caseNumber,
    ['CHECKING', 'MANUAL_REVIEW'],
    entry('SEALING', result.decision === 'APPROVED' ? '审核通过，正在出具盖章文书' : '不予批准，正在出具盖章文书'),
    { departments: merged, decision: result.decision },
    told('decided', 'SEALING', smsText.decided(caseNumber, result.decision)),
  );
  return { needsManualReview: false, decision: result.decision };
});
