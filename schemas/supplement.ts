import { z } from 'zod';
import { CaseNumber, Instant, IsoDate, Text } from './common.ts';

/**
 * What pre-review may ask the citizen to correct or complete (补正): a field of the one form, by its path.
 * Not the ID number, which must match the booking (a wrong one is a new booking), nor the commitments.
 */
export const SupplementField = z
  .enum([
    'applicant.name',
    'applicant.gender',
    'applicant.birthDate',
    'applicant.phone',
    'applicant.address',
    'retirement.type',
    'retirement.requestedMonth',
    'retirement.originalRetirementAge',
    'retirement.employerAgreement',
    'bankAccount.bankName',
    'bankAccount.accountNo',
    'housingFund.withdraw',
  ])
  .meta({ id: 'SupplementField' });
export type SupplementField = z.infer<typeof SupplementField>;

/** Staff's request at pre-review: which fields, and by when (default: the policy's working days for a supplement). */
export const SupplementRequest = z
  .strictObject({
    fields: z
      .array(SupplementField)
      .min(1, 'name at least one field to correct')
      .max(SupplementField.options.length)
      .refine((f) => new Set(f).size === f.length, 'names a field twice'),
    dueDate: IsoDate.optional().meta({ description: 'The last day the citizen may send the correction; default: the policy’s working days from today.' }),
  })
  .meta({ id: 'SupplementRequest' });
export type SupplementRequest = z.infer<typeof SupplementRequest>;

/** On the case view while (and after) a supplement is asked: what, by when, and why in staff's words. */
export const SupplementView = z
  .strictObject({
    fields: z.array(SupplementField),
    dueDate: IsoDate,
    note: Text({ max: 2000 }),
    requestedAt: Instant,
    receivedAt: Instant.optional().meta({ description: 'When the corrected form arrived; absent while the citizen is asked.' }),
  })
  .meta({ id: 'SupplementView' });
export type SupplementView = z.infer<typeof SupplementView>;

/** 202 answer to POST /v1/cases/{caseNumber}/supplement: the corrected form goes back to pre-review. */
export const SupplementResponse = z.strictObject({ caseNumber: CaseNumber, status: z.literal('PRE_REVIEW') }).meta({ id: 'SupplementResponse' });
