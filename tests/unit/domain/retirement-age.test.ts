import { describe, expect, it } from 'vitest';
import { eligibility, minimumContributionMonths, minimumContributionYears, statutoryRetirement } from '../../../functions/domain/retirement-age.ts';
import type { EligibilityRequest } from '../../../schemas/eligibility.ts';

// Expected values worked out by hand from the 2024 办法 第一条:
// delay = floor((birthMonth − start) / step) + 1, capped; retirement month = birth month + new age.
describe('statutoryRetirement', () => {
  it.each([
    // gender, birthDate, original, years, months, month, why
    ['male', '1964-12-31', 60, 60, 0, '2024-12', 'born before 1965-01: unchanged'],
    ['male', '1965-01-15', 60, 60, 1, '2025-02', 'first schedule month (official table: 2025年2月)'],
    ['male', '1965-04-30', 60, 60, 1, '2025-05', 'still in the first 4-month step'],
    ['male', '1965-05-01', 60, 60, 2, '2025-07', 'second step'],
    ['male', '1966-10-12', 60, 60, 6, '2027-04', '21 months after start → 6th step'],
    ['male', '1970-01-10', 60, 61, 4, '2031-05', '60 months after start → 16th step'],
    ['male', '1976-08-31', 60, 62, 11, '2039-07', '139 months → 35th step, one short of the cap'],
    ['male', '1976-09-01', 60, 63, 0, '2039-09', '140 months → cap 63'],
    ['male', '1980-05-05', 60, 63, 0, '2043-05', 'beyond the cap'],
    ['female', '1969-12-31', 55, 55, 0, '2024-12', 'cadre born before 1970-01'],
    ['female', '1970-01-01', 55, 55, 1, '2025-02', 'cadre first step'],
    ['female', '1971-08-03', 55, 55, 5, '2027-01', '19 months → 5th step'],
    ['female', '1981-08-20', 55, 57, 11, '2039-07', '139 months → 35th step'],
    ['female', '1981-09-20', 55, 58, 0, '2039-09', 'cap 58'],
    ['female', '1974-12-31', 50, 50, 0, '2024-12', 'worker born before 1975-01'],
    ['female', '1975-01-01', 50, 50, 1, '2025-02', 'worker: +1 for 1975-01'],
    ['female', '1975-02-28', 50, 50, 1, '2025-03', 'worker: +1 for 1975-02 too (2-month step)'],
    ['female', '1975-03-01', 50, 50, 2, '2025-05', 'worker: +2 from 1975-03'],
    ['female', '1976-06-21', 50, 50, 9, '2027-03', '17 months → 9th step'],
    ['female', '1984-10-31', 50, 54, 11, '2039-09', '117 months → 59th step'],
    ['female', '1984-11-05', 50, 55, 0, '2039-11', '118 months → cap 55'],
    ['female', '1990-01-01', 50, 55, 0, '2045-01', 'beyond the cap'],
  ] as const)('%s %s (original %i) → %iy%im in %s — %s', (gender, birthDate, original, years, months, month, _why) => {
    expect(statutoryRetirement(gender, birthDate, original)).toEqual({ age: { years, months }, month });
  });

  it('refuses impossible gender/original-age pairs', () => {
    expect(() => statutoryRetirement('male', '1970-01-01', 55)).toThrow(RangeError);
    expect(() => statutoryRetirement('female', '1970-01-01', 60)).toThrow(RangeError);
  });
});

describe('minimumContributionYears (办法 第二条)', () => {
  it.each([
    [2025, 15],
    [2029, 15],
    [2030, 15.5],
    [2031, 16],
    [2035, 18],
    [2038, 19.5],
    [2039, 20],
    [2045, 20],
  ])('%i → %d years', (year, years) => {
    expect(minimumContributionYears(year)).toBe(years);
  });

  it.each([
    ['2029-12', 180],
    ['2030-01', 186],
    ['2036-11', 222],
    ['2040-06', 240],
  ])('months for a retirement in %s → %i', (month, months) => {
    expect(minimumContributionMonths(month)).toBe(months);
  });
});

describe('eligibility', () => {
  it.each([
    // request, statutory age, statutory month, min years, earliest, latest
    [{ gender: 'male', birthDate: '1966-10-12' }, [60, 6], '2027-04', 15, '2026-10', '2030-04'],
    [{ gender: 'male', birthDate: '1970-01-10', originalRetirementAge: 60 }, [61, 4], '2031-05', 16, '2030-01', '2034-05'],
    [{ gender: 'male', birthDate: '1976-09-01' }, [63, 0], '2039-09', 20, '2036-09', '2042-09'],
    [{ gender: 'female', birthDate: '1971-08-03', originalRetirementAge: 55 }, [55, 5], '2027-01', 15, '2026-08', '2030-01'],
    // worker woman at the cap: 3 years early (2036-11) is later than her original age month (2034-11)
    [{ gender: 'female', birthDate: '1984-11-05', originalRetirementAge: 50 }, [55, 0], '2039-11', 20, '2036-11', '2042-11'],
    // 1980-02: 61 months after 1975-01 → 31st step → 52y7m; 2032 minimum = 15 + 3 × 0.5
    [{ gender: 'female', birthDate: '1980-02-14', originalRetirementAge: 50 }, [52, 7], '2032-09', 16.5, '2030-02', '2035-09'],
  ] as const)('%o', (req, [years, months], month, minYears, earliest, latest) => {
    expect(eligibility(req)).toEqual({
      statutoryRetirementAge: { years, months },
      statutoryRetirementMonth: month,
      minimumContributionYears: minYears,
      flexibleEarliestMonth: earliest,
      flexibleLatestMonth: latest,
    });
  });

  it('needs the original age for women', () => {
    // The request type refuses this shape now (a discriminated union); the rule still guards a caller that skips the schema.
    expect(() => eligibility({ gender: 'female', birthDate: '1971-08-03' } as unknown as EligibilityRequest)).toThrow(RangeError);
  });
});
