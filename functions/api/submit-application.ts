import { parseIdNumber } from '../domain/id-number.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { smsText } from '../notifications/texts.ts';
import { canonicalHash } from '../shared/canonical-hash.ts';
import { applicationAsOfToday } from './application-as-of-today.ts';
import { loadCaseToAct } from './case-access.ts';
import { signalWaitingStep } from './signal.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem, type FieldError } from './http/problem.ts';

/**
 * The one form. Hard errors (a broken ID number, another person's ID, a month outside the window) are
 * refused here, naming the field, so nothing half-valid enters the workflow; softer disagreements
 * (a name spelled differently) go to pre-review, where a person looks.
 */
export const handler = httpHandler(operations.submitApplication, {
  bodyAsOf: applicationAsOfToday,
  async handle({ params, body, principal, requestId, rt }) {
    const { record, audit, token } = await loadCaseToAct(rt, principal, params.caseNumber, 'submit-application', requestId, { tokenOf: 'application' });
    const recordAs = (action: string) => rt.audit.record(params.caseNumber, { ...audit, action });
    try {
      const errors: FieldError[] = [];
      const id = parseIdNumber(body.applicant.idNumber, rt.clock.today());
      if (!id.ok) errors.push({ path: 'applicant.idNumber', message: id.message });
      else if (body.applicant.idNumber !== record.idNumber) errors.push({ path: 'applicant.idNumber', message: 'does not match the booking of this case' });
      if (errors.length > 0) throw new HttpProblem(400, 'Invalid request', `The form has invalid fields: ${errors.map((e) => e.path).join(', ')}`, errors);

      const at = rt.clock.now().toISOString();
      // The audit line is written in the submission's own transaction: one write fewer for the form (issue 13).
      const result = await rt.cases.submitApplication(
        params.caseNumber,
        body,
        canonicalHash(body),
        { at, status: 'SUBMITTED', actor: principal!.subject, note: '已提交一表申请' },
        caseSms(record, 'submitted', smsText.submitted(params.caseNumber), at, { at, status: 'SUBMITTED', index: record.timeline.length }),
        rt.audit.itemOf(params.caseNumber, audit),
      );
      if (result === 'different') throw new HttpProblem(409, 'Application already submitted', 'A different form was already submitted for this case.');
      if (result === 'closed') throw new HttpProblem(409, 'Case closed', `This case is ${record.status}; please book again.`);
      if (result === 'not-found') throw new HttpProblem(404, 'Not found', 'The case does not exist or is not yours to see.');
      // The identical form again is accepted without a write of its own: its line is written alone.
      if (result === 'same') await recordAs(audit.action);
    } catch (err) {
      if (err instanceof HttpProblem && err.status >= 400 && err.status < 500) await recordAs(`${audit.action}:rejected`);
      // A store that failed: the attempt is still recorded where it can be (the request's log line names it in any case).
      else await recordAs(`${audit.action}:failed`).catch(() => {});
      throw err;
    }
    // Also for the identical form again: the first attempt may have stopped before resuming the workflow.
    await signalWaitingStep(rt, params.caseNumber, 'application', { outcome: 'SUBMITTED' }, token);
    return { status: 202, body: { caseNumber: params.caseNumber, status: 'SUBMITTED' } };
  },
});
