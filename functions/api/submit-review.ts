import { DEPARTMENT_KEYS } from '../../schemas/department-result.ts';
import { checkingNote } from '../../schemas/departments.ts';
import type { ReviewRequest } from '../../schemas/review.ts';
import type { Principal } from '../adapters/auth.ts';
import type { CaseRecord, StaffReview } from '../adapters/case-record.ts';
import type { Runtime } from '../shared/runtime.ts';
import { actOnCase } from './case-access.ts';
import { signalWaitingStep } from './signal.ts';
import { requestSupplement } from './request-supplement.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem } from './http/problem.ts';

type Decision = Exclude<ReviewRequest, { outcome: 'SUPPLEMENT' }>;

const ALREADY = new HttpProblem(409, 'Already decided', 'This decision was already taken, the case moved on, or it is assigned to someone else.');

/** Only the assignee or a supervisor decides an assigned case (the write checks it again, against a hand-over in between). */
function checkAssignee(record: CaseRecord, principal: Principal, staffId: string): void {
  if (principal.role === 'supervisor' || !record.assignee || record.assignee.staffId === staffId) return;
  throw new HttpProblem(403, 'Assigned to a colleague', `This case is assigned to ${record.assignee.staffId}; only they or a supervisor decide it.`);
}

/**
 * A staff decision on what the rules could not decide. It is recorded once, on the timeline, and then
 * resumes the waiting workflow. Four eyes: whoever decided the pre-review may not decide the manual review.
 * At pre-review staff may instead ask the citizen to correct fields (request-supplement.ts); a supplement that
 * does not come by its due date leaves the case with staff, who may then refuse it with a reason.
 */
export const handler = httpHandler(operations.submitReview, {
  async handle({ params, body, principal, requestId, rt }) {
    return actOnCase(rt, principal, params.caseNumber, `review:${body.stage}`, requestId, async (record) => {
      // Four eyes compares the person (staffId), never the token's subject or role: one person may hold two roles.
      const staffId = principal!.staffId;
      if (!staffId) throw new HttpProblem(403, 'Staff id missing', 'Staff decisions need a token that names the person (staffId).');
      checkAssignee(record, principal!, staffId);
      const by = { staffId, supervisor: principal!.role === 'supervisor' };
      if (body.outcome === 'SUPPLEMENT') return requestSupplement(rt, record, body, principal!, by);
      const at = rt.clock.now().toISOString();
      const review: StaffReview = { ...body, actor: principal!.subject, staffId, at };
      if (body.stage === 'pre-review') await decidePreReview(rt, record, body, review, by);
      else await decideManual(rt, record, body, review, principal!, by);
      return { status: 202, body: { caseNumber: params.caseNumber, stage: body.stage, outcome: body.outcome, recordedAt: at } };
    });
  },
});

async function decidePreReview(rt: Runtime, record: CaseRecord, body: Decision, review: StaffReview, by: { staffId: string; supervisor: boolean }) {
  const waiting = record.status === 'PRE_REVIEW' && record.preReview?.outcome === 'MANUAL';
  const supplement = record.supplements?.at(-1);
  // A supplement that never came: the case stays with staff, who may refuse it (never the clock), once it is due.
  const overdueSupplement = record.status === 'SUPPLEMENT_REQUESTED' && supplement !== undefined && supplement.dueDate < rt.clock.today();
  if (record.status === 'SUPPLEMENT_REQUESTED' && !overdueSupplement) {
    throw new HttpProblem(409, 'Waiting for the citizen', `The citizen was asked to correct the form by ${supplement?.dueDate}; decide after that day.`);
  }
  if (record.status === 'SUPPLEMENT_REQUESTED' && body.outcome === 'PASS') {
    throw new HttpProblem(409, 'Waiting for the citizen', 'The correction asked for never came: the case can only be refused, with a reason, or wait.');
  }
  if (!waiting && !overdueSupplement) {
    throw new HttpProblem(409, 'Not waiting for pre-review', `The case is ${record.status} and is not waiting for a pre-review decision.`);
  }
  // A passed pre-review sends the case on to the departments in the same write.
  const then = body.outcome === 'PASS' ? { status: 'CHECKING' as const, note: checkingNote(rt.policy.health.takesPart) } : undefined;
  const recorded = await rt.cases.recordReview(record.caseNumber, 'pre-review', review, record.status, then, { by });
  if (!recorded) throw ALREADY;
  await signalWaitingStep(rt, record.caseNumber, overdueSupplement ? 'supplement' : 'pre-review', { outcome: body.outcome });
}

async function decideManual(
  rt: Runtime,
  record: CaseRecord,
  body: Extract<Decision, { stage: 'manual' }>,
  review: StaffReview,
  principal: Principal,
  by: { staffId: string; supervisor: boolean },
) {
  if (record.status !== 'MANUAL_REVIEW') {
    throw new HttpProblem(409, 'Not waiting for manual review', `The case is ${record.status} and is not waiting for a manual review.`);
  }
  const manual = Object.entries(record.departments)
    .filter(([, d]) => d.outcome === 'MANUAL')
    .map(([k]) => k);
  if (body.department && !manual.includes(body.department)) {
    throw new HttpProblem(400, 'Invalid request', `Only these departments wait for a decision: ${manual.join(', ')}.`, [
      { path: 'department', message: 'is not waiting for a manual decision' },
    ]);
  }
  const preReview = record.reviews?.['pre-review'];
  // Decisions recorded before staff ids carry only the account: compare accounts for those alone.
  const samePerson = preReview && (preReview.staffId !== undefined ? preReview.staffId === by.staffId : preReview.actor === principal.subject);
  if (samePerson) {
    throw new HttpProblem(403, 'Separation of duties', 'The person who decided the pre-review may not decide the manual review of the same case.');
  }
  const key = `manual#${body.department ?? 'all'}`;
  // One decision per case, stage and department: a case-wide decision and a department's exclude each other.
  const excludedBy = body.department ? ['manual#all'] : DEPARTMENT_KEYS.map((d) => `manual#${d}`);
  const recorded = await rt.cases.recordReview(record.caseNumber, key, review, record.status, undefined, { excludedBy, department: body.department, by });
  if (!recorded) throw ALREADY;
  await signalWaitingStep(rt, record.caseNumber, 'manual', { outcome: body.outcome });
}
