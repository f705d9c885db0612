import { Application } from '../../schemas/application.ts';
import { checkBirthDate } from '../../schemas/birth-date.ts';
import { IsoMonth } from '../../schemas/common.ts';
import { addMonths, monthIndex, monthOf } from '../domain/months.ts';
import type { Runtime } from '../shared/runtime.ts';

/** The form, with a plausible birth date and the requested month inside the application window as of today (named with the other fields). */
export function applicationAsOfToday(rt: Runtime) {
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
