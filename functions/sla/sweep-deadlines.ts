import { OPEN_STATUSES } from '../../schemas/case.ts';
import type { StaffNotice } from '../../schemas/staff-case.ts';
import { slaFor } from './sla-for.ts';
import { PRODUCT_METRICS } from '../shared/metric-names.ts';
import { recordMetric } from '../shared/metrics.ts';
import type { Runtime } from '../shared/runtime.ts';

/** The statuses whose promise is running (BOOKED has the form deadline, which the workflow itself watches). */
export const PROMISE_RUNNING = OPEN_STATUSES.filter((s) => s !== 'BOOKED');

/**
 * Looks at every case whose promised time is running and sends what is due: the assignee (or the team) is
 * reminded when a clock becomes due soon, the supervisors are alerted when it is overdue — each once per case,
 * clock and kind, whatever how often or after how many restarts this runs. Counted on today's date, so a
 * pinned clock moved forward (CLOCK_TODAY) is seen at the next sweep. Returns how many notices went out.
 *
 * Each run records how many overdue alerts it raised (CasesOverdue, 0 included, so the alarm in
 * infra/aws/alarms.ts fires on each case newly past its promise and returns to OK on the next quiet run).
 */
export async function sweepDeadlines(rt: Runtime): Promise<number> {
  let sent = 0;
  let overdue = 0;
  for (const record of await rt.cases.listByStatus(PROMISE_RUNNING)) {
    const sla = slaFor(record, rt);
    if (!sla || (sla.state !== 'DUE_SOON' && sla.state !== 'OVERDUE')) continue;
    const kind = sla.state === 'OVERDUE' ? 'overdue' : 'due-soon';
    const key = `${sla.stage}:${kind}`;
    if (record.slaNotices?.[key]) continue;
    const notice: StaffNotice = {
      caseNumber: record.caseNumber,
      kind,
      stage: sla.stage,
      dueDate: sla.dueDate,
      to: kind === 'overdue' ? 'supervisors' : (record.assignee?.staffId ?? 'team'),
      at: rt.clock.now().toISOString(),
    };
    if (!(await rt.staffNotices.sendOnce(notice, key))) continue;
    sent++;
    if (kind === 'overdue') overdue++;
  }
  recordMetric(PRODUCT_METRICS.casesOverdue, overdue);
  return sent;
}
