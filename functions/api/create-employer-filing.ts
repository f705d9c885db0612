import type { AppliedBy, EmployerFilingItem } from '../../schemas/applicant.ts';
import { DepartmentResponseInvalid, DepartmentUnavailable } from '../departments/errors.ts';
import { employs } from '../domain/applicant.ts';
import { maskIdNumber } from '../domain/mask.ts';
import { bookCase, bookingProblem } from './book-case.ts';
import { idempotencyKey } from './http/idempotency-key.ts';
import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { operations } from './routes.ts';

/**
 * 单位批量经办: the unit books each retiree in turn, each in its own booking transaction, so one refusal never
 * undoes another's case, and the person's open-case lock gives a person at most one case however often or
 * concurrently the filing is sent. Each retiree's booking keeps its own idempotency record (the filing's key and
 * the ID number), so a filing retried after a crash part-way books the rest and answers the others as before.
 */
export const handler = httpHandler(operations.createEmployerFiling, {
  async handle({ body, principal, headers, requestId, rt }) {
    const unit = { creditCode: principal!.creditCode!, name: principal!.name! };
    const filingKey = idempotencyKey(headers) ?? crypto.randomUUID();
    const appliedBy: AppliedBy = { kind: 'employer', creditCode: unit.creditCode, unitName: unit.name, officer: body.officer };
    const results: EmployerFilingItem[] = [];
    for (const [index, retiree] of body.retirees.entries()) {
      const at = `retirees[${index}]`;
      // HR says who works where: a unit files only for its own employees (an unknown person is nobody's).
      let hr: Awaited<ReturnType<typeof rt.departments.hr>>;
      try {
        hr = await rt.departments.hr(`FILING-${requestId}`, retiree.idNumber);
      } catch (err) {
        // HR not answering refuses this retiree for now, not the whole filing: sent again (a new key), it books the rest.
        if (!(err instanceof DepartmentUnavailable || err instanceof DepartmentResponseInvalid)) throw err;
        results.push({
          index,
          idNumber: retiree.idNumber,
          outcome: 'REFUSED',
          problem: itemProblem(
            new HttpProblem(503, 'HR unavailable', 'HR could not confirm the employment just now; send the filing again later with a new Idempotency-Key.'),
          ),
        });
        continue;
      }
      if (!employs(unit, hr)) {
        results.push({
          index,
          idNumber: retiree.idNumber,
          outcome: 'REFUSED',
          problem: itemProblem(
            new HttpProblem(403, 'Forbidden', `HR does not show ${maskIdNumber(retiree.idNumber)} as an employee of ${unit.name}.`, [
              { path: `${at}.idNumber`, message: 'is not an employee of this unit in HR’s records' },
            ]),
          ),
        });
        continue;
      }
      const outcome = await bookCase(rt, {
        request: retiree,
        principal: principal!,
        appliedBy,
        idempotencyKey: `${filingKey}#${retiree.idNumber}`,
        slotPath: `${at}.slotId`,
      });
      if (outcome.kind === 'booked') {
        results.push({ index, idNumber: retiree.idNumber, outcome: 'BOOKED', caseNumber: outcome.body.caseNumber, booking: outcome.body });
      } else {
        const problem = itemProblem(bookingProblem(outcome, `${at}.phone`, `${at}.slotId`));
        if (outcome.kind === 'open-case') results.push({ index, idNumber: retiree.idNumber, outcome: 'OPEN_CASE', caseNumber: outcome.caseNumber, problem });
        else results.push({ index, idNumber: retiree.idNumber, outcome: 'REFUSED', problem });
      }
    }
    const count = (o: EmployerFilingItem['outcome']) => results.filter((r) => r.outcome === o).length;
    return { status: 200, body: { results, booked: count('BOOKED'), openCases: count('OPEN_CASE'), refused: count('REFUSED') } };
  },
});

function itemProblem(p: HttpProblem): NonNullable<EmployerFilingItem['problem']> {
  return {
    type: `https://retireone.gov.cn/problems/${p.status}`,
    title: p.title,
    status: p.status,
    detail: p.message,
    ...(p.errors ? { errors: p.errors } : {}),
  };
}
