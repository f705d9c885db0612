import { z } from 'zod';
import { CaseNumber, Gender, IdNumber, IsoDate, IsoMonth, OriginalRetirementAge, Phone, Text } from './common.ts';

export const RetirementType = z.enum(['normal', 'flexible-early', 'flexible-late', 'special-job', 'disability']).meta({ id: 'RetirementType' });
export type RetirementType = z.infer<typeof RetirementType>;

/** The one form: everything the four departments need, sent once. */
export const Application = z
  .strictObject({
    applicant: z.strictObject({
      idNumber: IdNumber,
      name: Text({ max: 50 }),
      gender: Gender,
      birthDate: IsoDate,
      phone: Phone,
      address: Text({ max: 200 }),
    }),
    retirement: z.strictObject({
      type: RetirementType,
      requestedMonth: IsoMonth,
      originalRetirementAge: OriginalRetirementAge,
      employerAgreement: z.boolean().optional().meta({
        description:
          "Flexible late retirement: the employer has agreed (《国务院关于渐进式延迟法定退休年龄的办法》第三条, 所在单位与职工协商一致). Needed for an employee's flexible-late retirement; otherwise ignored.",
      }),
    }),
    bankAccount: z.strictObject({
      bankName: Text({ max: 100 }),
      accountNo: z.string().regex(/^\d{8,30}$/, 'must be 8 to 30 digits'),
    }),
    housingFund: z.strictObject({ withdraw: z.boolean() }),
    commitments: z.strictObject({
      informationTrue: z.literal(true),
      dataSharingConsent: z.literal(true),
    }),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

/**
 * GET /v1/cases/{caseNumber}/prefill: the one form as far as the departments (or, failing them, the booking)
 * already know it, so the citizen confirms rather than types. Fields nobody holds are absent.
 */
export const PrefillResponse = z
  .strictObject({
    caseNumber: CaseNumber,
    source: z.enum(['departments', 'booking']).meta({ description: 'Where the values came from: the department records, or only the booking.' }),
    applicant: z.strictObject({
      idNumber: IdNumber,
      name: z.string(),
      gender: Gender.optional(),
      birthDate: IsoDate.optional(),
      phone: Phone,
    }),
    retirement: z.strictObject({ originalRetirementAge: OriginalRetirementAge.optional() }),
    bankAccount: z.strictObject({ bankName: z.string(), accountNo: z.string() }).optional(),
    housingFund: z.strictObject({ withdraw: z.boolean() }),
  })
  .meta({ id: 'PrefillResponse' });
export type PrefillResponse = z.infer<typeof PrefillResponse>;
