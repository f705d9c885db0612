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

/** Who supplied a prefilled value: a department, the booking (and sign-in), or the ID number itself. */
export const PrefillSource = z.enum(['hr', 'housingFund', 'booking', 'idNumber']).meta({ id: 'PrefillSource' });
export type PrefillSource = z.infer<typeof PrefillSource>;

/** The retirement months the service takes on a form sent today, and what the person's own dates say. */
export const RetirementMonths = z
  .strictObject({
    earliest: IsoMonth.meta({ description: 'The earliest month a form sent today may ask for (this month).' }),
    latest: IsoMonth.meta({ description: 'The latest month a form sent today may ask for.' }),
    statutory: IsoMonth.optional().meta({ description: 'The statutory retirement month, when gender, birth date and original age are known.' }),
    flexibleEarliest: IsoMonth.optional().meta({ description: 'The earliest month of flexible early retirement.' }),
    flexibleLatest: IsoMonth.optional().meta({ description: 'The latest month of flexible late retirement.' }),
  })
  .meta({ id: 'RetirementMonths' });
export type RetirementMonths = z.infer<typeof RetirementMonths>;

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
    retirement: z.strictObject({
      originalRetirementAge: OriginalRetirementAge.optional(),
      requestedMonth: IsoMonth.optional().meta({
        description:
          'Proposed for normal retirement: the statutory month, or this month once it has passed; absent while the statutory month is beyond `retirementMonths.latest`. Always inside `retirementMonths`.',
      }),
    }),
    bankAccount: z.strictObject({ bankName: z.string(), accountNo: z.string() }).optional(),
    housingFund: z.strictObject({ withdraw: z.boolean() }),
    retirementMonths: RetirementMonths,
    sources: z
      .record(z.string(), PrefillSource)
      .meta({ description: 'Who supplied each prefilled value, by its path in the form (e.g. `applicant.name`: `hr`).' }),
  })
  .meta({ id: 'PrefillResponse' });
export type PrefillResponse = z.infer<typeof PrefillResponse>;
