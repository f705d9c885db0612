import type { AppliedBy } from '../../schemas/applicant.ts';
import type { Principal } from '../adapters/auth.ts';
import { agencyVerdict } from '../domain/applicant.ts';
import { parseIdNumber } from '../domain/id-number.ts';
import type { Runtime } from '../shared/runtime.ts';
import { bookCase, bookingProblem } from './book-case.ts';
import { idempotencyKey } from './http/idempotency-key.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem } from './http/problem.ts';

export const handler = httpHandler(operations.createBooking, {
  async handle({ body, principal, headers, rt }) {
    const parsed = parseIdNumber(body.idNumber, rt.clock.today());
    if (!parsed.ok)
      throw new HttpProblem(400, 'Invalid request', `The ID number is not valid: ${parsed.message}`, [{ path: 'idNumber', message: parsed.message }]);
    const appliedBy = await applicantOf(rt, principal!, body.idNumber);
    const outcome = await bookCase(rt, {
      request: body,
      principal: principal!,
      appliedBy,
      idempotencyKey: idempotencyKey(headers) ?? crypto.randomUUID(),
      slotPath: 'slotId',
    });
    if (outcome.kind !== 'booked') throw bookingProblem(outcome, 'phone', 'slotId');
    return { status: outcome.status, body: outcome.body, headers: { location: `/v1/cases/${outcome.body.caseNumber}` } };
  },
});

/**
 * A citizen books for itself, or as an agent under the person's authorisation covering booking today (403 says
 * which of none, not yet, ended, or not covering booking); the platform books for the person.
 */
async function applicantOf(rt: Runtime, principal: Principal, idNumber: string): Promise<AppliedBy> {
  if (principal.role !== 'citizen' || principal.idNumber === idNumber) return { kind: 'person' };
  const grant = await rt.agencies.get(idNumber, principal.idNumber!);
  const verdict = agencyVerdict(grant, rt.clock.today(), 'book');
  if (!verdict.ok) {
    throw new HttpProblem(403, 'Forbidden', `A citizen may book only for itself or for a person who authorised it: ${verdict.message}`, [
      { path: 'idNumber', message: verdict.reason === 'none' ? 'is not the signed-in person, nor a person who authorised them' : verdict.message },
    ]);
  }
  return { kind: 'agent', idNumber: principal.idNumber!, name: grant!.agentName, authorisationId: grant!.authorisationId };
}
