import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statutoryRetirement } from '../../../functions/domain/retirement-age.ts';
import { monthsBetween } from '../../../functions/domain/months.ts';
import { monthIndexArb, monthOfIndex, pad } from './arbitraries.ts';

// Caps from the 2024 办法 第一条 itself, not from policy.ts, so a wrong policy number fails here.
const CATEGORIES = [
  { gender: 'male', original: 60, capYears: 63 },
  { gender: 'female', original: 55, capYears: 58 },
  { gender: 'female', original: 50, capYears: 55 },
] as const;

/** Birth months 1900-01 … 2100-12: well before the schedules start and well after every cap. */
const birthIndex = monthIndexArb(1900 * 12, 2100 * 12 + 11);
const day = fc.integer({ min: 1, max: 28 }).map((d) => pad(d, 2));
const totalMonths = (r: ReturnType<typeof statutoryRetirement>): number => r.age.years * 12 + r.age.months;

describe.each(CATEGORIES)('statutory retirement age, $gender originally $original', ({ gender, original, capYears }) => {
  const at = (index: number, dd = '15') => statutoryRetirement(gender, `${monthOfIndex(index)}-${dd}`, original);

  it('never decreases for a later birth month', () => {
    fc.assert(
      fc.property(birthIndex, birthIndex, (a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(totalMonths(at(later))).toBeGreaterThanOrEqual(totalMonths(at(earlier)));
      }),
    );
  });

  // "Gradual": one birth month later never adds more than one month of age.
  it('rises by at most one month from one birth month to the next', () => {
    fc.assert(
      fc.property(birthIndex, (i) => {
        expect(totalMonths(at(i + 1)) - totalMonths(at(i))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('stays between the original age and the cap', () => {
    fc.assert(
      fc.property(birthIndex, (i) => {
        expect(totalMonths(at(i))).toBeGreaterThanOrEqual(original * 12);
        expect(totalMonths(at(i))).toBeLessThanOrEqual(capYears * 12);
      }),
    );
  });

  it('reaches the cap for births late enough', () => {
    expect(totalMonths(at(2100 * 12))).toBe(capYears * 12);
  });

  // The official 对照表: retirement month = birth month + new age, whatever the day of birth.
  it('retires in birth month + age, the day of birth not counting', () => {
    fc.assert(
      fc.property(birthIndex, day, (i, dd) => {
        const r = at(i, dd);
        expect(monthsBetween(monthOfIndex(i), r.month)).toBe(totalMonths(r));
        expect(r).toEqual(at(i, '01'));
      }),
    );
  });
});
