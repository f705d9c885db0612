import { timingSafeEqual } from 'node:crypto';
import { smsKeys } from '../notifications/pending-sms.ts';
import { httpHandler } from './http/handler.ts';
import { notFound } from './http/problem.ts';
import { operations } from './routes.ts';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The invited person's booking details. The invitation is read under the token's ID number (one per person,
 * functions/sms/invite.ts) and only answered when its reference is the link's, so a reference found in someone
 * else's text gives nothing, and nobody learns whether another person was invited.
 */
export const handler = httpHandler(operations.getInvitation, {
  async handle({ params, principal, rt }) {
    const invitation = await rt.outbox.get(smsKeys.invitation(principal!.idNumber!));
    const ref = invitation?.invitation?.ref;
    if (!invitation?.invitation || !ref || !same(ref, params.ref)) throw notFound('The invitation');
    return { status: 200, body: { phone: invitation.to, statutoryRetirementMonth: invitation.invitation.retirementMonth } };
  },
});
