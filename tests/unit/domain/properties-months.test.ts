import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, fromMonthIndex, maxMonth, monthIndex, monthOf, monthsBetween, yearOf } from '../../../functions/domain/months.ts';
import { MAX_DAY, MIN_DAY, dateOfDay, monthIndexArb, monthOfIndex } from './arbitraries.ts';

const month = monthIndexArb().map(monthOfIndex);
/** A month and a shift that keeps the result within four-digit years (the only ones YYYY-MM can write). */
const monthAndShift = fc.tuple(monthIndexArb(), monthIndexArb()).map(([from, to]) => ({ m: monthOfIndex(from), n: to - from }));
const dayAndShift = fc
  .tuple(fc.integer({ min: MIN_DAY, max: MAX_DAY }), fc.integer({ min: MIN_DAY, max: MAX_DAY }))
  .map(([from, to]) => ({ d: dateOfDay(from), n: to - from, expected: dateOfDay(to) }));

describe('month arithmetic properties', () => {
  it('monthIndex and fromMonthIndex are inverse', () => {
    fc.assert(
      fc.property(month, (m) => {
        expect(fromMonthIndex(monthIndex(m))).toBe(m);
      }),
    );
    fc.assert(
      fc.property(monthIndexArb(), (i) => {
        expect(monthIndex(fromMonthIndex(i))).toBe(i);
      }),
    );
  });

  it('adding n months and then −n months gives the month back', () => {
    fc.assert(
      fc.property(monthAndShift, ({ m, n }) => {
        expect(addMonths(addMonths(m, n), -n)).toBe(m);
      }),
    );
  });

  it('monthsBetween(m, addMonths(m, n)) is n', () => {
    fc.assert(
      fc.property(monthAndShift, ({ m, n }) => {
        expect(monthsBetween(m, addMonths(m, n))).toBe(n);
      }),
    );
  });

  it('monthsBetween is antisymmetric and adds up along a chain', () => {
    fc.assert(
      fc.property(month, month, month, (a, b, c) => {
        expect(monthsBetween(a, b) + monthsBetween(b, a)).toBe(0);
        expect(monthsBetween(a, b) + monthsBetween(b, c)).toBe(monthsBetween(a, c));
      }),
    );
  });

  // The retirement rules pass birth dates where months are expected; the day must not count.
  it('monthsBetween and monthOf ignore the day of a date', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: 1, max: 28 }), month, (m, day, other) => {
        const date = `${m}-${String(day).padStart(2, '0')}`;
        expect(monthOf(date)).toBe(m);
        expect(monthsBetween(date, other)).toBe(monthsBetween(m, other));
      }),
    );
  });

  it('maxMonth is the later of the two, whichever order they come in', () => {
    fc.assert(
      fc.property(month, month, (a, b) => {
        const later = monthIndex(a) >= monthIndex(b) ? a : b;
        expect(maxMonth(a, b)).toBe(later);
        expect(maxMonth(b, a)).toBe(later);
      }),
    );
  });

  it('yearOf is the written year', () => {
    fc.assert(
      fc.property(month, (m) => {
        expect(yearOf(m)).toBe(Number(m.slice(0, 4)));
      }),
    );
  });

  it('addDays lands on the date n days later and back again', () => {
    fc.assert(
      fc.property(dayAndShift, ({ d, n, expected }) => {
        expect(addDays(d, n)).toBe(expected);
        expect(addDays(expected, -n)).toBe(d);
      }),
    );
  });
});
