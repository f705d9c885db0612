import { z } from 'zod';
import { Gender, IsoDate, IsoMonth, ifThen, OriginalRetirementAge } from './common.ts';

export const EligibilityRequest = z
  .strictObject({
    gender: Gender,
    birthDate: IsoDate,
    originalRetirementAge: OriginalRetirementAge.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.gender === 'female' && v.originalRetirementAge === undefined) {
      ctx.addIssue({ code: 'custom', path: ['originalRetirementAge'], message: 'is required for women: 50 or 55' });
    }
    if (v.gender === 'female' && v.originalRetirementAge === 60) {
      ctx.addIssue({ code: 'custom', path: ['originalRetirementAge'], message: 'must be 50 or 55 for women' });
    }
    if (v.gender === 'male' && v.originalRetirementAge !== undefined && v.originalRetirementAge !== 60) {
      ctx.addIssue({ code: 'custom', path: ['originalRetirementAge'], message: 'must be 60 for men' });
    }
  })
  // The superRefine above, stated in the document (JSON Schema cannot see a refinement).
  .meta({
    id: 'EligibilityRequest',
    allOf: [
      ifThen({ gender: 'female' }, { required: ['originalRetirementAge'], properties: { originalRetirementAge: { enum: [50, 55] } } }),
      ifThen({ gender: 'male' }, { properties: { originalRetirementAge: { const: 60 } } }),
    ],
  });
export type EligibilityRequest = z.infer<typeof EligibilityRequest>;

export const AgeYearsMonths = z.strictObject({ years: z.number().int(), months: z.number().int() }).meta({ id: 'AgeYearsMonths' });
export type AgeYearsMonths = z.infer<typeof AgeYearsMonths>;

export const EligibilityResponse = z
  .strictObject({
    statutoryRetirementAge: AgeYearsMonths,
    statutoryRetirementMonth: IsoMonth,
    minimumContributionYears: z.number(),
    flexibleEarliestMonth: IsoMonth,
    flexibleLatestMonth: IsoMonth,
  })
  .meta({ id: 'EligibilityResponse' });
export type EligibilityResponse = z.infer<typeof EligibilityResponse>;
