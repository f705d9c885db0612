/**
 * Which retirement months the service takes on a form sent today, and which one to propose.
 * Service rule of this project (policy.applicationMonthsAhead, configurable): the requested month is not in
 * the past and at most that many months ahead. The form's schema check (functions/api/application-as-of-today.ts)
 * and pre-review (pre-review.ts) both apply it from here, and the prefill proposes a month from it, so the
 * month a person is offered is always one the service accepts.
 */
import type { RetirementType } from '../../schemas/application.ts';
import { addMonths, monthIndex, monthOf } from './months.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';

export type RequestableMonths = { earliest: string; latest: string };

export function requestableMonths(today: string, policy: Policy = DEFAULT_POLICY): RequestableMonths {
  const earliest = monthOf(today);
  return { earliest, latest: addMonths(earliest, policy.applicationMonthsAhead) };
}

export function isRequestable(month: string, window: RequestableMonths): boolean {
  const m = monthIndex(month);
  return m >= monthIndex(window.earliest) && m <= monthIndex(window.latest);
}

/**
 * The month to propose for normal retirement: the statutory month; once it has passed, this month (a late
 * applicant draws the pension from the month the application is made); undefined when the statutory month
 * is still beyond the window (too early to apply for normal retirement).
 */
export function proposedMonth(statutoryMonth: string, window: RequestableMonths, type: RetirementType = 'normal'): string | undefined {
  if (type !== 'normal') return undefined;
  if (monthIndex(statutoryMonth) < monthIndex(window.earliest)) return window.earliest;
  return isRequestable(statutoryMonth, window) ? statutoryMonth : undefined;
}
