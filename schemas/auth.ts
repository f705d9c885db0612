import { z } from 'zod';
import { CreditCode } from './applicant.ts';
import { IdNumberShape, idNumberShape, Text } from './common.ts';

/**
 * Who calls: a citizen (for itself, or as an authorised agent for another), the pre-review team and its
 * supervisors, the government platform, or an employer's unit account (单位经办: its token carries `creditCode`).
 */
export const Role = z.enum(['citizen', 'pre-review', 'supervisor', 'platform', 'employer']);
export type Role = z.infer<typeof Role>;

const devTokenClaims = {
  name: Text({ max: 50 }).optional(),
  staffId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional()
    .meta({ description: 'Staff: the person (default: the name). The four-eyes rule compares it.' }),
};

/*
 * Local development only: the claims of a token to mint, one variant per kind of caller (a discriminated union:
 * oneOf + discriminator in the document), so a generated client cannot mint a citizen token without its ID number.
 */
export const CitizenDevTokenRequest = z
  .strictObject({
    role: z.literal('citizen'),
    idNumber: idNumberShape('is required for role citizen'),
    ...devTokenClaims,
  })
  .meta({ id: 'CitizenDevTokenRequest' });

export const EmployerDevTokenRequest = z
  .strictObject({
    role: z.literal('employer'),
    creditCode: CreditCode,
    name: Text({ max: 100 }).meta({ description: 'The unit’s registered name.' }),
  })
  .meta({ id: 'EmployerDevTokenRequest' });

export const OtherDevTokenRequest = z
  .strictObject({
    role: Role.exclude(['citizen', 'employer']),
    idNumber: IdNumberShape.optional(),
    ...devTokenClaims,
  })
  .meta({ id: 'OtherDevTokenRequest' });

export const DevTokenRequest = z.discriminatedUnion('role', [CitizenDevTokenRequest, EmployerDevTokenRequest, OtherDevTokenRequest]).meta({
  id: 'DevTokenRequest',
  description: '`role` decides the shape: a citizen token needs `idNumber`, an employer token `creditCode` and the unit’s `name`.',
});
export type DevTokenRequest = z.infer<typeof DevTokenRequest>;
