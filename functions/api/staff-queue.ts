import { OPEN_STATUSES } from '../../schemas/case.ts';
import { maskIdNumber, maskName } from '../domain/mask.ts';
import { addDays } from '../domain/months.ts';
import { slaFor } from '../sla/sla-for.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * The pre-review team's work queue: NEEDS_ATTENTION cases (a step failed) first, with what failed, then
 * oldest deadline first. Open cases unless a status is asked for.
 */
export const handler = httpHandler(operations.listStaffQueue, {
  async handle({ query, rt }) {
    const today = rt.clock.today();
    const records = await rt.cases.listByStatus(query.status ? [query.status] : OPEN_STATUSES);
    const slas = new Map(records.map((r) => [r.caseNumber, slaFor(r, rt)]));
    // Overdue in working days of the promise; a booking past its form deadline is overdue too (it is about to expire).
    const isOverdue = (r: (typeof records)[number]) => slas.get(r.caseNumber)?.state === 'OVERDUE' || (r.status === 'BOOKED' && r.applicationDeadline < today);
    const dueWithin = (r: (typeof records)[number], n: number) => {
      const sla = slas.get(r.caseNumber);
      return sla ? sla.workingDaysLeft <= n : r.applicationDeadline <= addDays(today, n);
    };
    const attentionFirst = (r: (typeof records)[number]) => (r.status === 'NEEDS_ATTENTION' ? 0 : 1);
    const items = [...records]
      // Stable: within each group the store's oldest-deadline-first order stays.
      .sort((a, b) => attentionFirst(a) - attentionFirst(b))
      .filter((r) => (query.overdue === undefined ? true : isOverdue(r) === (query.overdue === 'true')))
      .filter((r) => (query.dueWithinDays === undefined ? true : dueWithin(r, query.dueWithinDays)))
      .map((r) => ({
        caseNumber: r.caseNumber,
        status: r.status,
        deadline: r.applicationDeadline,
        overdue: isOverdue(r),
        channel: r.channel,
        applicant: { name: maskName(r.name), idNumber: maskIdNumber(r.idNumber) },
        waitingFor: Object.entries(r.departments)
          .filter(([, d]) => d.outcome === 'MANUAL')
          .map(([k]) => k),
        updatedAt: r.updatedAt,
        ...(r.status === 'NEEDS_ATTENTION' && r.attention ? { attention: r.attention } : {}),
        ...(r.assignee ? { assignee: r.assignee } : {}),
        ...(slas.get(r.caseNumber) ? { sla: slas.get(r.caseNumber) } : {}),
      }));
    return { status: 200, body: items };
  },
});
