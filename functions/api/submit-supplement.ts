import { changedFields } from '../domain/changed-fields.ts';
import { canonicalHash } from '../shared/canonical-hash.ts';
import { loadCaseFor } from './case-access.ts';
import { signalWaitingStep } from './signal.ts';
import { applicationAsOfToday } from './application-as-of-today.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem, type FieldError } from './http/problem.ts';

/**
 * The citizen's corrected form, whole, while pre-review asks for it. Only the fields asked for may change
 * (anything else is named and refused); the case goes back to automatic pre-review, which looks again.
 */
export const handler = httpHandler(operations.submitSupplement, {
  bodyAsOf: applicationAsOfToday,
  async handle({ params, body, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'submit-supplement', requestId);
    const asked = record.supplements?.at(-1);
    if (record.status !== 'SUPPLEMENT_REQUESTED' || !asked || !record.application) {
      throw new HttpProblem(409, 'No correction asked', `The case is ${record.status}; it is not waiting for a corrected form.`);
    }
    const errors: FieldError[] = changedFields(record.application, body)
      .filter((path) => !asked.fields.some((f) => path === f || path.startsWith(`${f}.`)))
      .map((path) => ({ path, message: 'was not asked to be corrected; it must stay as first sent' }));
    if (errors.length > 0) throw new HttpProblem(400, 'Invalid request', `Only the fields asked for may change: ${asked.fields.join(', ')}`, errors);

    const received = await rt.staffWork.receiveSupplement(record, body, canonicalHash(body), {
      at: rt.clock.now().toISOString(),
      status: 'PRE_REVIEW',
      actor: principal!.subject,
      note: '已提交补正后的申请，重新预审',
    });
    if (!received) throw new HttpProblem(409, 'No correction asked', 'The case is no longer waiting for a corrected form.');
    await signalWaitingStep(rt, params.caseNumber, 'supplement', { outcome: 'SUBMITTED' });
    return { status: 202, body: { caseNumber: params.caseNumber, status: 'PRE_REVIEW' } };
  },
});
