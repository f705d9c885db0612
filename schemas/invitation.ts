import { z } from 'zod';
import { IsoMonth } from './common.ts';

/**
 * The reference an invitation's link carries (服务找人): random, stored with the person's invitation and nothing
 * else, so the link names nobody. 16 random bytes, base64url.
 */
export const InvitationRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'must be the 22-character reference of an invitation link')
  .meta({ description: 'The reference in an invitation’s link (`?invitation=…`): random, it names nobody.', example: 'q3Jk9WcZbT0mXp1LrN8yEA' });

/** GET /v1/cases's query: nothing naming a person; the reference of an invitation's link, optionally. */
export const CaseListQuery = z.strictObject({ invitation: InvitationRef.optional() });

/** In GET /v1/cases?invitation=…: what the booking page fills in for the invited person, from the HR record the invitation came from. */
export const InvitationView = z
  .strictObject({
    phone: z.string().meta({ description: 'The mobile number HR holds, which the invitation was sent to: the booking page proposes it.' }),
    statutoryRetirementMonth: IsoMonth.meta({ description: 'The month HR computed the person reaches the statutory retirement age.' }),
  })
  .meta({ id: 'InvitationView' });
export type InvitationView = z.infer<typeof InvitationView>;
