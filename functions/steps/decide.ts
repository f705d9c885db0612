import { z } from 'zod';
import type { TimelineEntry } from '../../schemas/case.ts';
import { DepartmentKey, DepartmentResult, departmentsOf, Outcome } from '../../schemas/department-result.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { DEPARTMENT_NAMES } from '../../schemas/departments.ts';
import { applyManualDecisions, decide, type ManualDecision } from '../domain/decide.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { smsText } from '../notifications/texts.ts';
import type { Runtime } from '../shared/runtime.ts';
import { openCase } from './case-snapshot.ts';
import { stepHandler } from './step-handler.ts';

const Input = z.object({
  caseNumber: z.string(),
  /** The checks' outcomes, from the case steps' Parallel state; none when no department was asked on that run. */
  checks: z
    .array(
      z.object({
        department: DepartmentKey,
        outcome: Outcome.optional(),
        /** The answer of a department asked on this run, recorded here (older versions recorded it in the check). */
        result: DepartmentResult.optional(),
        /** The department did not answer after its retries (the branch's Catch); `error` names what went wrong. */
        silent: z.boolean().optional(),
        error: z.string().optional(),
      }),
    )
    .default([]),
  /**
   * The case as the pre-review of this run left it, sealed (case-snapshot.ts), in place of this step's own read; null
   * where this run did not start at the pre-review. Workflow versions before 2026-12-08 leave it out.
   */
  snapshot: z.string().nullish(),
});

function manualDecisions(record: CaseRecord): ManualDecision[] {
  return Object.entries(record.reviews ?? {})
    .filter(([k]) => k.startsWith('manual#'))
    .sort(([a], [b]) => (a === 'manual#all' ? 1 : b === 'manual#all' ? -1 : a.localeCompare(b)))
    .map(([, r]) => ({ department: r.department, outcome: r.outcome, note: r.note, actor: r.actor }));
}

type Checks = z.infer<typeof Input>['checks'];

/** The recorded answers, and the answers this run's checks hand over where none is recorded yet. */
function withAnswers(record: CaseRecord, checks: Checks): CaseRecord['departments'] {
  const out = { ...record.departments };
  for (const { department, result } of checks) {
    const recorded = out[department];
    if (result && (recorded === undefined || recorded.outcome === 'PENDING')) out[department] = result;
  }
  return out;
}

type Routing = {
  needsManualReview: boolean;
  decision?: CaseRecord['decision'];
  /** Departments still silent on this run: nothing is decided, and the run fails under `error`. */
  silent?: DepartmentKey[];
  error?: string;
};

/** What the case records once another run of this step has written its decision first. */
function asRecorded(record: CaseRecord | undefined): Routing | undefined {
  if (record?.decision) return { needsManualReview: false, decision: record.decision };
  if (record?.status === 'MANUAL_REVIEW') return { needsManualReview: true };
  return undefined;
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
 * Records the checks' answers and decides from them, in one conditional write: any FAIL rejects; any MANUAL waits
 * for staff; otherwise approved. Staff decisions recorded on the case are applied first, so this step runs again
 * after each manual review. While a department is silent nothing is decided: the answers that came are recorded
 * (so the next run asks only the silent ones) and `silent` sends this run to its Fail state.
 */
export const handler = stepHandler('decide', Input, async ({ caseNumber, checks, snapshot }, rt) => {
  if (snapshot) {
    const handed = await openCase(rt, caseNumber, snapshot);
    const decided = await decideFrom(rt, handed, checks, { timelineLength: handed.timeline.length });
    if (decided) return decided;
    // The case moved since the copy was made (another run decided it, or it was withdrawn): decide from what it holds.
  }
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  return (await decideFrom(rt, record, checks))!;
});

/**
 * Decides the case from `record`. With `guard` (a copy of the case handed to this step), every write applies only if
 * the case has not moved since the copy, and undefined says one did not: the caller reads the case and decides again.
 */
async function decideFrom(rt: Runtime, record: CaseRecord, checks: Checks, guard?: { timelineLength: number }): Promise<Routing | undefined> {
  const { caseNumber } = record;
  if (record.decision) return { needsManualReview: false, decision: record.decision };
  const at = rt.clock.now().toISOString();
  const entry = (status: TimelineEntry['status'], note: string): TimelineEntry[] => [{ at, status, actor: 'system', note }];
  // Each move below tells the citizen in the same write; the message reports the one entry it appends.
  const told = (kind: 'decided' | 'manual-review', status: TimelineEntry['status'], text: string) => [
    caseSms(record, kind, text, at, { at, status, index: record.timeline.length }),
  ];

  const preReviewFailed = record.preReview?.outcome === 'FAIL' || record.reviews?.['pre-review']?.outcome === 'FAIL';
  if (preReviewFailed) {
    const moved = await rt.cases.advance(
      caseNumber,
      ['PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'SUBMITTED'],
      entry('SEALING', '预审未通过，不予批准，正在出具盖章文书'),
      {
        decision: 'REJECTED',
        departments: notChecked(record.departments),
      },
      told('decided', 'SEALING', smsText.decided(caseNumber, 'REJECTED')),
      undefined,
      [],
      guard,
    );
    if (guard && !moved) return undefined;
    return { needsManualReview: false, decision: 'REJECTED' };
  }

  // Where this run's write did not happen, another run of this step got there first (Express runs at least once):
  // route by what that one recorded. From a copy of the case, the caller reads the case and decides again instead.
  const routed = async (moved: boolean, ours: Routing): Promise<Routing | undefined> => {
    if (moved) return ours;
    if (guard) return undefined;
    return asRecorded(await rt.cases.get(caseNumber)) || ours;
  };

  const silent = checks.filter((c) => c.silent);
  if (silent.length > 0) {
    for (const { department, result } of checks) if (result) await rt.cases.recordCheck(caseNumber, department, result);
    return { needsManualReview: false, silent: silent.map((c) => c.department), error: silent[0]!.error ?? 'DepartmentUnavailable' };
  }

  const answered = withAnswers(record, checks);
  const merged = applyManualDecisions(answered, manualDecisions(record));
  const result = decide(merged);
  if (result.needsManualReview) {
    const waiting = departmentsOf(merged).filter((k: DepartmentKey) => merged[k]?.outcome === 'MANUAL');
    // Already in MANUAL_REVIEW (a partial staff decision): nothing to write, keep waiting.
    const moved = await rt.cases.advance(
      caseNumber,
      ['CHECKING'],
      entry('MANUAL_REVIEW', `需工作人员人工审核：${waiting.map((k) => DEPARTMENT_NAMES[k].department).join('、')}`),
      {
        departments: answered,
      },
      told('manual-review', 'MANUAL_REVIEW', smsText.manualReview(caseNumber)),
      undefined,
      [],
      guard,
    );
    return routed(moved, { needsManualReview: true });
  }
  const moved = await rt.cases.advance(
    caseNumber,
    ['CHECKING', 'MANUAL_REVIEW'],
    entry('SEALING', result.decision === 'APPROVED' ? '审核通过，正在出具盖章文书' : '不予批准，正在出具盖章文书'),
    { departments: merged, decision: result.decision },
    told('decided', 'SEALING', smsText.decided(caseNumber, result.decision)),
    undefined,
    [],
    guard,
  );
  return routed(moved, { needsManualReview: false, decision: result.decision });
}
