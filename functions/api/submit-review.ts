import { DEPARTMENT_KEYS } from '../../schemas/department-result.ts';
import type { StaffReview } from '../adapters/case-record.ts';
import { loadCaseFor } from './case-access.ts';
import { signalWaitingStep } from './signal.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem } from './http/problem.ts';

/**
 * A staff decision on what the rules could not decide. It is recorded once, on the timeline, and then
 * resumes the waiting workflow. Four eyes: whoever decided the pre-review may not decide the manual review.
 */
export const handler = httpHandler(operations.submitReview, {
  async handle({ params, body, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, `review:${body.stage}`, requestId);
    // Four eyes compares the person (staffId), never the token's subject or role: one person may hold two roles.
    const staffId = principal!.staffId;
    if (!staffId) throw new HttpProblem(403, 'Staff id missing', 'Staff decisions need a token that names the person (staffId).');
    const review: StaffReview = { ...body, actor: principal!.subject, staffId, at: rt.clock.now().toISOString() };
    let excludedBy: string[] = [];
    let key: string;
    if (body.stage === 'pre-review') {
      if (record.status !== 'PRE_REVIEW' || record.preReview?.outcome !== 'MANUAL') {
        throw new HttpProblem(409, 'Not waiting for pre-review', `The case is ${record.status} and is not waiting for a pre-review decision.`);
      }
      if (body.department)
        throw new HttpProblem(400, 'Invalid request', 'A pre-review decision is for the whole case.', [
          { path: 'department', message: 'is not allowed for stage pre-review' },
        ]);
      key = 'pre-review';
    } else {
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
      const samePerson = preReview && (preReview.staffId !== undefined ? preReview.staffId === staffId : preReview.actor === principal!.subject);
      if (samePerson) {
        throw new HttpProblem(403, 'Separation of duties', 'The person who decided the pre-review may not decide the manual review of the same case.');
      }
      key = `manual#${body.department ?? 'all'}`;
      // One decision per case, stage and department: a case-wide decision and a department's exclude each other.
      excludedBy = body.department ? ['manual#all'] : DEPARTMENT_KEYS.map((d) => `manual#${d}`);
    }
    // A passed pre-review sends the case on to the departments in the same write.
    const then =
      body.stage === 'pre-review' && body.outcome === 'PASS' ? { status: 'CHECKING' as const, note: '人社、税务、医保、公积金四部门并联核查中' } : undefined;
    const department = body.stage === 'manual' ? body.department : undefined;
    const recorded = await rt.cases.recordReview(params.caseNumber, key, review, record.status, then, { excludedBy, department });
    if (!recorded) throw new HttpProblem(409, 'Already decided', 'This decision was already taken, or the case moved on.');
    await signalWaitingStep(rt, params.caseNumber, body.stage, { outcome: body.outcome });
    return { status: 202, body: { caseNumber: params.caseNumber, stage: body.stage, outcome: body.outcome, recordedAt: review.at } };
  },
});
