import { Application } from '../../schemas/application.ts';
import { checkBirthDate } from '../../schemas/birth-date.ts';
import { IsoMonth } from '../../schemas/common.ts';
import { parseIdNumber } from '../domain/id-number.ts';
import { addMonths, monthIndex, monthOf } from '../domain/months.ts';
import { canonicalHash } from '../shared/canonical-hash.ts';
import type { Runtime } from '../shared/runtime.ts';
import { loadCaseFor } from './case-access.ts';
import { signalWaitingStep } from './signal.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem, type FieldError } from './http/problem.ts';

/** The form, with a plausible birth date and the requested month inside the application window as of today (named with the other fields). */
function applicationAsOfToday(rt: Runtime) {
  const thisMonth = monthOf(rt.clock.today());
  const latest = addMonths(thisMonth, rt.policy.applicationMonthsAhead);
  return Application.superRefine((form, ctx) => {
    checkBirthDate(form?.applicant?.birthDate, rt.clock.today(), ctx, ['applicant', 'birthDate']);
    // Zod runs this even when other fields failed: look only at a month that is itself well-formed.
    const month = IsoMonth.safeParse(form?.retirement?.requestedMonth);
    if (!month.success) return;
    const requested = monthIndex(month.data);
    if (requested < monthIndex(thisMonth) || requested > monthIndex(latest)) {
      ctx.addIssue({ code: 'custom', path: ['retirement', 'requestedMonth'], message: `must be between ${thisMonth} and ${latest}` });
    }
  });
}

/**
 * The one form. Hard errors (a broken ID number, another person's ID, a month outside the window) are
 * refused here, naming the field, so nothing half-valid enters the workflow; softer disagreements
 * (a name spelled differently) go to pre-review, where a person looks.
 */
export const handler = httpHandler(operations.submitApplication, {
  bodyAsOf: applicationAsOfToday,
  async handle({ params, body, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'submit-application', requestId);
    const errors: FieldError[] = [];
    const id = parseIdNumber(body.applicant.idNumber, rt.clock.today());
    if (!id.ok) errors.push({ path: 'applicant.idNumber', message: id.message });
    else if (body.applicant.idNumber !== record.idNumber) errors.push({ path: 'applicant.idNumber', message: 'does not match the booking of this case' });
    if (errors.length > 0) throw new HttpProblem(400, 'Invalid request', `The form has invalid fields: ${errors.map((e) => e.path).join(', ')}`, errors);

    const result = await rt.cases.submitApplication(params.caseNumber, body, canonicalHash(body), {
      at: rt.clock.now().toISOString(),
      status: 'SUBMITTED',
      actor: principal!.subject,
      note: '已提交一表申请',
    });
    if (result === 'different') throw new HttpProblem(409, 'Application already submitted', 'A different form was already submitted for this case.');
    if (result === 'closed') throw new HttpProblem(409, 'Case closed', `This case is ${record.status}; please book again.`);
    if (result === 'not-found') throw new HttpProblem(404, 'Not found', 'The case does not exist or is not yours to see.');
    // Also for the identical form again: the first attempt may have stopped before resuming the workflow.
    await signalWaitingStep(rt, params.caseNumber, 'application', { outcome: 'SUBMITTED' });
    return { status: 202, body: { caseNumber: params.caseNumber, status: 'SUBMITTED' } };
  },
});
