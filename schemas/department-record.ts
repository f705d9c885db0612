import { z } from 'zod';
import { Gender, IsoDate, IsoMonth, OriginalRetirementAge } from './common.ts';

/**
 * What the four department systems hold about one person
 * (format: shared fixtures README; fields may be added, none may change meaning).
 * Not strict: department systems may send more than we read.
 */
export const HrRecord = z.object({
  originalRetirementAge: OriginalRetirementAge,
  personnelFileBirthDate: IsoDate,
  contributionMonths: z.number().int().nonnegative(),
  insuredCity: z.string(),
  receivingPension: z.boolean(),
  specialJobMonths: z.number().int().nonnegative(),
  disabilityCertified: z.boolean(),
  employer: z.string(),
  /** The employer's unified social credit code, where HR holds it (an added field; empty employer: 灵活就业). */
  employerCreditCode: z.string().optional(),
  averageIndexedWageRatio: z.number().nonnegative(),
  personalAccountFen: z.number().int().nonnegative(),
});
export type HrRecord = z.infer<typeof HrRecord>;

export const TaxRecord = z.object({
  arrears: z.array(z.object({ month: IsoMonth, amountFen: z.number().int().nonnegative() })),
});
export type TaxRecord = z.infer<typeof TaxRecord>;

export const MedicalRecord = z.object({
  contributionMonths: z.number().int().nonnegative(),
  localContributionMonths: z.number().int().nonnegative(),
});
export type MedicalRecord = z.infer<typeof MedicalRecord>;

/** `status: "none"` means the person has no account, so there is nothing else to tell (fixtures README). */
export const HousingFundRecord = z.discriminatedUnion('status', [
  z.object({
    accountNo: z.string(),
    status: z.enum(['active', 'sealed', 'closed']),
    balanceFen: z.number().int().nonnegative(),
    outstandingLoanFen: z.number().int().nonnegative(),
  }),
  z.object({ status: z.literal('none') }),
]);
export type HousingFundRecord = z.infer<typeof HousingFundRecord>;

/**
 * What the health commission (卫健) holds: whether the person is a one-child parent (持《独生子女父母光荣证》).
 * The fixtures may leave the flag out; the stand-in then answers `false` (fixtures README: `health.onlyChildParent`).
 */
export const HealthRecord = z.object({ onlyChildParent: z.boolean() });
export type HealthRecord = z.infer<typeof HealthRecord>;

export const CitizenRecord = z.object({
  idNumber: z.string(),
  name: z.string(),
  gender: Gender,
  birthDate: IsoDate,
  phone: z.string(),
  scenario: z.string().optional(),
  hr: HrRecord,
  tax: TaxRecord,
  medical: MedicalRecord,
  housingFund: HousingFundRecord,
  health: z.object({ onlyChildParent: z.boolean() }).partial().optional(),
  bankAccount: z.object({ bankName: z.string(), accountNo: z.string() }).optional(),
});
export type CitizenRecord = z.infer<typeof CitizenRecord>;

export const FixtureFile = z.object({
  version: z.literal(1),
  description: z.string().optional(),
  citizens: z.array(CitizenRecord),
});
export type FixtureFile = z.infer<typeof FixtureFile>;
