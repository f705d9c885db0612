import { timingSafeEqual } from 'node:crypto';
import type { InvitationView } from '../../schemas/invitation.ts';
import { smsKeys } from '../notifications/pending-sms.ts';
import type { Runtime } from '../shared/runtime.ts';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The invited person's booking details behind an invitation link's reference. The invitation is read under the
 * caller's own ID number (one per person, functions/sms/invite.ts) and given only when its reference is the link's,
 * so a reference from someone else's text gives nothing, and nobody learns whether another person was invited.
 */
export async function ownInvitation(rt: Pick<Runtime, 'outbox'>, idNumber: string, ref: string): Promise<InvitationView | undefined> {
  const invitation = await rt.outbox.get(smsKeys.invitation(idNumber));
  if (!invitation?.invitation || !same(invitation.invitation.ref, ref)) return undefined;
  return { phone: invitation.to, statutoryRetirementMonth: invitation.invitation.retirementMonth };
}
