import { z } from 'zod';
import { IdNumberShape, ifThen, Text } from './common.ts';

/** Who calls: a citizen (for itself), the pre-review team and its supervisors, or the government platform. */
export const Role = z.enum(['citizen', 'pre-review', 'supervisor', 'platform']);
export type Role = z.infer<typeof Role>;

/** Local development only: the claims of a token to mint. */
export const DevTokenRequest = z
  .strictObject({
    role: Role,
    idNumber: IdNumberShape.optional(),
    name: Text({ max: 50 }).optional(),
    staffId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .optional()
      .meta({ description: 'Staff: the person (default: the name). The four-eyes rule compares it.' }),
  })
  // The handler (functions/api/dev-tokens.ts) refuses a citizen token without idNumber; the document says so too.
  .meta(ifThen({ role: 'citizen' }, { required: ['idNumber'] }));
