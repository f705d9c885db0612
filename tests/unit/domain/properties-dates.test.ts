import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRealDate } from '../../../functions/domain/months.ts';
import { IsoDate } from '../../../schemas/common.ts';
import { pad, realDate } from './arbitraries.ts';

/** Gregorian calendar by hand — a second opinion that shares no code with isRealDate. */
const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
const byHand = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
};

/** Strings of the shape \d{4}-\d{2}-\d{2}, real or not; the first century as often as the rest. */
const dateShaped = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 })), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
/** Near misses: the characters of a date in any order and length, plus any string at all. */
const anyString = fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789-X T:Z'), maxLength: 14 }), fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/));

const agree = (s: string) => {
  expect(IsoDate.safeParse(s).success, s).toBe(isRealDate(s));
  expect(isRealDate(s), s).toBe(byHand(s));
};

describe('IsoDate and isRealDate agree on every string', () => {
  it('on strings shaped like dates', () => {
    fc.assert(
      fc.property(dateShaped, (s) => void agree(s)),
      { numRuns: 2000 },
    );
  });

  it('on any string', () => {
    fc.assert(
      fc.property(anyString, (s) => void agree(s)),
      { numRuns: 1000 },
    );
  });

  it('on real dates, which both accept', () => {
    fc.assert(
      fc.property(realDate, (s) => {
        expect(isRealDate(s), s).toBe(true);
        expect(IsoDate.safeParse(s).success, s).toBe(true);
      }),
    );
  });

  // Date.UTC reads years 0–99 as 1900–1999; check the whole first century, 00–13 × 00–32, one by one.
  it('on every month and day of the years 0000–0099', () => {
    for (let y = 0; y <= 99; y++) for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) agree(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
  });

  it.each([
    ['0000-02-29', true], // year 0 is a leap year (divisible by 400)
    ['0004-02-29', true],
    ['0050-06-15', true],
    ['0100-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['9999-12-31', true],
  ])('%s → %s', (s, real) => {
    expect(isRealDate(s)).toBe(real);
    expect(IsoDate.safeParse(s).success).toBe(real);
  });
});
