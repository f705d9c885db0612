import { z } from 'zod';
import { IsoDate, IsoMonth } from './common.ts';

/*
 * One variant per gender (a discriminated union: oneOf + discriminator in the document), so a client generated
 * from the document cannot ask for a woman without her original retirement age (50 or 55), nor give a man
 * anything but 60; the server refuses the same shapes, naming `originalRetirementAge`.
 */
export const FemaleEligibilityRequest = z
  .strictObject({
    gender: z.literal('female'),
    birthDate: IsoDate,
    originalRetirementAge: z
      .union([z.literal(50), z.literal(55)], {
        error: (issue) => (issue.input === undefined ? 'is required for women: 50 or 55' : 'must be 50 or 55 for women'),
      })
      .meta({ description: 'Before the 2024 reform: 50 (workers) or 55 (cadres).' }),
  })
  .meta({ id: 'FemaleEligibilityRequest' });

export const MaleEligibilityRequest = z
  .strictObject({
    gender: z.literal('male'),
    birthDate: IsoDate,
    originalRetirementAge: z.literal(60, { error: 'must be 60 for men' }).optional().meta({ description: 'Always 60 for men (the default).' }),
  })
  .meta({ id: 'MaleEligibilityRequest' });

export const EligibilityRequest = z.discriminatedUnion('gender', [FemaleEligibilityRequest, MaleEligibilityRequest]).meta({
  id: 'EligibilityRequest',
  description: '`gender` decides the shape: women give `originalRetirementAge` 50 or 55; for men it is 60 and may be left out.',
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
