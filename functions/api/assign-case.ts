import { ASSIGNABLE } from '../adapters/staff-work-store.ts';
import { actOnCase } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem } from './http/problem.ts';

/**
 * Claim and hand over. Staff claim a case nobody holds; a supervisor hands any case to anyone. The write is
 * conditional, so two people claiming at once leave exactly one assignee and the other is told who.
 */
export const handler = httpHandler(operations.assignCase, {
  async handle({ params, body, principal, requestId, rt }) {
    return actOnCase(rt, principal, params.caseNumber, `assign:${body.staffId}`, requestId, async (record) => {
      const me = principal!.staffId;
      if (!me) throw new HttpProblem(403, 'Staff id missing', 'Assigning needs a token that names the person (staffId).');
      const supervisor = principal!.role === 'supervisor';
      if (body.staffId !== me && !supervisor) throw new HttpProblem(403, 'Supervisors hand over', 'Only a supervisor assigns a case to someone else.');
      if (!ASSIGNABLE.includes(record.status)) {
        throw new HttpProblem(409, 'Not assignable', `The case is ${record.status}; only a case a person works on is assigned.`);
      }
      const assignee = { staffId: body.staffId, assignedAt: rt.clock.now().toISOString(), assignedBy: me };
      // Staff claim only what nobody holds; a supervisor's assignment is a hand-over and overrides.
      const onlyIfFree = !supervisor;
      if (!(await rt.staffWork.assign(params.caseNumber, assignee, onlyIfFree))) {
        const now = await rt.cases.get(params.caseNumber);
        const holder = now?.assignee?.staffId;
        throw new HttpProblem(
          409,
          'Held by a colleague',
          holder ? `The case is assigned to ${holder}; a supervisor can hand it over.` : `The case is ${now?.status}.`,
        );
      }
      return { status: 200, body: { caseNumber: params.caseNumber, assignee } };
    });
  },
});
