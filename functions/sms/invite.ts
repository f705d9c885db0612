import { randomBytes } from 'node:crypto';
import type { RetirementsClient } from '../departments/retirements.ts';
import { addMonths, monthOf } from '../domain/months.ts';
import { bookingUrl, smsText } from '../notifications/texts.ts';
import { pendingSmsItem, smsKeys } from '../notifications/pending-sms.ts';
import { logger } from '../shared/logger.ts';
import type { Runtime } from '../shared/runtime.ts';

/** The months HR is asked about: this month and the next `monthsAhead` (a person retiring this month who was missed is still asked). */
export function invitationMonths(today: string, monthsAhead: number): string[] {
  const first = monthOf(today);
  return Array.from({ length: monthsAhead + 1 }, (_, i) => addMonths(first, i));
}

/**
 * 服务找人: asks HR, month by month, who reaches the statutory retirement age soon and leaves each of them one
 * invitation in the outbox. The invitation item is keyed by the person and written only if absent, so a second run,
 * two runs at once or a run after a restart invite nobody twice. A person who already has an open case is not
 * invited (they have booked); the drain sends what this writes. The text links to booking with a random reference
 * that only the invited person, signed in, can resolve into a prefilled booking (functions/api/own-invitation.ts).
 */
export async function inviteUpcomingRetirees(
  rt: Pick<Runtime, 'outbox' | 'clock' | 'policy' | 'publicBaseUrl'>,
  hr: RetirementsClient,
): Promise<{ invited: number; alreadyInvited: number; hasOpenCase: number }> {
  const counts = { invited: 0, alreadyInvited: 0, hasOpenCase: 0 };
  const at = rt.clock.now().toISOString();
  for (const month of invitationMonths(rt.clock.today(), rt.policy.textMessages.invitationMonthsAhead)) {
    for (const person of await hr.inMonth(month)) {
      if (await rt.outbox.hasOpenCase(person.idNumber)) {
        counts.hasOpenCase++;
        continue;
      }
      // The link's reference is random and kept on the item: of two runs at once only one item lands, text and reference together.
      const ref = randomBytes(16).toString('base64url');
      const item = {
        ...pendingSmsItem(smsKeys.invitation(person.idNumber), {
          kind: 'invitation',
          to: person.phone,
          text: smsText.invitation(person.statutoryRetirementMonth, bookingUrl(rt.publicBaseUrl, ref)),
          at,
        }),
        invitation: { ref, retirementMonth: person.statutoryRetirementMonth },
      };
      if (await rt.outbox.putOnce(item)) counts.invited++;
      else counts.alreadyInvited++;
    }
  }
  if (counts.invited > 0) logger.info(counts, 'invitations written');
  return counts;
}
