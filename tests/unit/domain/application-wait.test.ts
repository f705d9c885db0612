import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../../functions/adapters/clock.ts';
import { secondsUntilDeadlinePassed } from '../../../functions/domain/application-wait.ts';

describe('the wait for the form', () => {
  it('ends at the first instant of the day after the deadline in China', () => {
    // 2026-12-24 booked 10:00 Beijing time, deadline 2027-01-23: the wait passes at 2027-01-24 00:00 +08:00.
    const now = new Date('2026-12-24T02:00:00Z');
    const s = secondsUntilDeadlinePassed('2027-01-23', now);
    expect(new Date(now.getTime() + s * 1000).toISOString()).toBe('2027-01-23T16:00:00.000Z');
  });

  it('for any deadline and any moment before it has passed, wakes on the day after the deadline, never on it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        (now, days) => {
          const deadline = chinaDate(new Date(now.getTime() + days * 86_400_000));
          const wake = new Date(now.getTime() + secondsUntilDeadlinePassed(deadline, now) * 1000);
          expect(chinaDate(wake) > deadline).toBe(true);
          // Within the first second of the next day (seconds are whole).
          expect(chinaDate(new Date(wake.getTime() - 1000)) <= deadline).toBe(true);
        },
      ),
    );
  });

  it('a deadline already past is one second (TimeoutSecondsPath takes no zero)', () => {
    expect(secondsUntilDeadlinePassed('2026-01-01', new Date('2026-06-01T00:00:00Z'))).toBe(1);
  });
});
