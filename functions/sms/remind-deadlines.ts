import { addDays } from '../domain/months.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { smsText } from '../notifications/texts.ts';
import type { Runtime } from '../shared/runtime.ts';

/**
 * The form's deadline approaches: every booked case whose deadline is at most `deadlineReminderDays` away (and not
 * past) gets one reminder. The reminder's item is keyed by the case and written only if absent, so repeated and
 * concurrent runs remind once; a case that moved on (the form came) is not BOOKED and is not looked at.
 */
export async function remindApplicationDeadlines(rt: Pick<Runtime, 'outbox' | 'cases' | 'clock' | 'policy' | 'publicBaseUrl'>): Promise<number> {
  const today = rt.clock.today();
  const latest = addDays(today, rt.policy.textMessages.deadlineReminderDays);
  const at = rt.clock.now().toISOString();
  let reminded = 0;
  for (const c of await rt.cases.listByStatus(['BOOKED'])) {
    if (c.applicationDeadline < today || c.applicationDeadline > latest) continue;
    const item = caseSms(c, 'deadline-reminder', smsText.deadlineReminder(c.caseNumber, c.applicationDeadline, rt.publicBaseUrl), at);
    if (await rt.outbox.putOnce(item)) reminded++;
  }
  return reminded;
}
