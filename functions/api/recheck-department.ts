import { applyManualDecisions, type ManualDecision } from '../domain/decide.ts';
import { departmentsOf } from '../../schemas/department-result.ts';
import { DEPARTMENT_NAMES } from '../../schemas/departments.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { evaluateDepartment } from '../departments/evaluate.ts';
import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { operations } from './routes.ts';
import { signalWaitingStep } from './signal.ts';

/** How long staff are told to wait before asking a department again that is still down. */
const RETRY_AFTER_SECONDS = 60;

/** The department errors that mean "no usable answer now" (functions/departments/errors.ts). */
const NO_ANSWER = new Set(['DepartmentUnavailable', 'DepartmentResponseInvalid']);

function stillWaitingForAPerson(record: CaseRecord): boolean {
  const decisions: ManualDecision[] = Object.entries(record.reviews ?? {})
    .filter(([k]) => k.startsWith('manual#'))
    .map(([, r]) => ({ department: r.department, outcome: r.outcome, note: r.note, actor: r.actor }));
  const merged = applyManualDecisions(record.departments, decisions);
  return departmentsOf(merged).some((k) => merged[k]?.outcome === 'MANUAL');
}

/**
 * A department that was down when the case was checked is asked again, on a staff member's word, once it is
 * back: its fresh answer replaces the DEPARTMENT_UNAVAILABLE placeholder (one conditional write), and when
 * no department waits for a person any more the waiting workflow goes on exactly as after a staff decision
 * (the Decide step reads the case and decides). Still down: 503 and nothing changes.
 */
export const handler = httpHandler(operations.recheckDepartment, {
  async handle({ params, body, principal, requestId, rt }) {
    const { department } = body;
    const record = await loadCaseFor(rt, principal, params.caseNumber, `recheck:${department}`, requestId);
    const current = record.departments[department];
    if (record.status !== 'MANUAL_REVIEW') {
      throw new HttpProblem(409, 'Not waiting for manual review', `The case is ${record.status} and is not waiting for a manual review.`);
    }
    if (current?.outcome !== 'MANUAL' || current.reasons[0]?.code !== 'DEPARTMENT_UNAVAILABLE') {
      const what = current ? `is ${current.outcome}` : 'is not part of this case';
      throw new HttpProblem(409, 'Nothing to recheck', `The ${department} result ${what}, not a department that could not answer.`);
    }

    let result: Awaited<ReturnType<typeof evaluateDepartment>>;
    try {
      result = await evaluateDepartment(department, record, rt);
    } catch (err) {
      if (err instanceof Error && NO_ANSWER.has(err.name)) {
        throw new HttpProblem(
          503,
          'Department still unavailable',
          `The ${department} department still gives no usable answer; nothing was changed.`,
          undefined,
          undefined,
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
        );
      }
      throw err;
    }

    const at = rt.clock.now().toISOString();
    const note = `重新核查${DEPARTMENT_NAMES[department].department}：系统已恢复答复（${result.outcome}）`;
    const recorded = await rt.cases.recordRecheck(params.caseNumber, department, result, { at, status: 'MANUAL_REVIEW', actor: principal!.subject, note });
    if (!recorded) throw new HttpProblem(409, 'Already answered', 'That department was rechecked or decided meanwhile, or the case moved on.');

    // Read after the write: a staff decision taken meanwhile counts, so the last of the two resumes the workflow.
    const after = await rt.cases.get(params.caseNumber);
    const resumed = after !== undefined && !stillWaitingForAPerson(after);
    if (resumed) await signalWaitingStep(rt, params.caseNumber, 'manual', { outcome: 'RECHECKED' });
    return { status: 202, body: { caseNumber: params.caseNumber, department, outcome: result.outcome, resumed, recordedAt: at } };
  },
});
