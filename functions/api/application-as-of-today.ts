import { Application } from '../../schemas/application.ts';
import { checkBirthDate } from '../../schemas/birth-date.ts';
import { IsoMonth } from '../../schemas/common.ts';
import { isRequestable, requestableMonths } from '../domain/requestable-months.ts';
import type { Runtime } from '../shared/runtime.ts';

/** The form, with a plausible birth date and the requested month inside the application window as of today (named with the other fields). */
export function applicationAsOfToday(rt: Runtime) {
  const window = requestableMonths(rt.clock.today(), rt.policy);
  return Application.superRefine((form, ctx) => {
    checkBirthDate(form?.applicant?.birthDate, rt.clock.today(), ctx, ['applicant', 'birthDate']);
    // Zod runs this even when other fields failed: look only at a month that is itself well-formed.
    const month = IsoMonth.safeParse(form?.retirement?.requestedMonth);
    if (!month.success) return;
    if (!isRequestable(month.data, window)) {
      ctx.addIssue({ code: 'custom', path: ['retirement', 'requestedMonth'], message: `must be between ${window.earliest} and ${window.latest}` });
    }
  });
}
