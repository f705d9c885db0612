import { describe, expect, it } from 'vitest';
import { addDays, addMonths, monthOf, monthsBetween, yearOf } from '../../../functions/domain/months.ts';

describe('months', () => {
  it.each([
    ['2025-01', 1, '2025-02'],
    ['2025-12', 1, '2026-01'],
    ['2025-01', -1, '2024-12'],
    ['1966-10', 726, '2027-04'],
    ['2027-04', -36, '2024-04'],
  ])('addMonths(%s, %i) = %s', (m, n, out) => expect(addMonths(m, n)).toBe(out));

  it.each([
    ['1966-10-12', '2027-04', 726],
    ['2027-04', '2027-04', 0],
    ['2027-04', '2026-12', -4],
  ])('monthsBetween(%s, %s) = %i', (a, b, n) => expect(monthsBetween(a, b)).toBe(n));

  it('monthOf / yearOf', () => {
    expect(monthOf('2026-11-24')).toBe('2026-11');
    expect(yearOf('2030-01')).toBe(2030);
    expect(() => monthOf('2026-13-01')).toThrow(RangeError);
    expect(() => addMonths('2026-1', 1)).toThrow(RangeError);
  });

  it.each([
    ['2026-11-24', 30, '2026-12-24'],
    ['2026-12-15', 30, '2027-01-14'],
    ['2028-02-01', 29, '2028-03-01'],
  ])('addDays(%s, %i) = %s', (d, n, out) => expect(addDays(d, n)).toBe(out));
});
