/** How often the progress page reads a case: quickly while the machine works or the status is new, slowly while people act. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain browser modules, without type declarations
import { FINAL_STATUSES, nextPollMs, QUICK_POLL_MS, QUICK_WHILE_NEW_MS, WAITING_POLL_MS } from '../../../web/screens/case-status.js';
import { CaseStatus } from '../../../schemas/case.ts';

describe('nextPollMs', () => {
  it.each([
    ['CHECKING', 0, 2000],
    ['CHECKING', 3_600_000, 2000],
    ['SUBMITTED', 3_600_000, 2000],
    ['SEALING', 3_600_000, 2000],
    ['MANUAL_REVIEW', 0, 2000],
    ['MANUAL_REVIEW', 29_999, 2000],
    ['MANUAL_REVIEW', 30_000, 30_000],
    ['PRE_REVIEW', 29_999, 2000],
    ['PRE_REVIEW', 30_000, 30_000],
    ['SUPPLEMENT_REQUESTED', 30_000, 30_000],
    ['BOOKED', 86_400_000, 30_000],
    ['NEEDS_ATTENTION', 30_000, 30_000],
    ['COMPLETED', 0, null],
    ['EXPIRED', 0, null],
    ['WITHDRAWN', 0, null],
  ])('%s, %i ms in it → %s', (status, ms, expected) => {
    expect(nextPollMs(status, ms)).toBe(expected);
  });

  it('for every status and age: final cases are not read again; the others within half a minute, never faster than 2 s', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CaseStatus.options), fc.nat(10 * 86_400_000), (status, ms) => {
        const next = nextPollMs(status, ms);
        const final = FINAL_STATUSES.has(status);
        expect(next === null).toBe(final);
        expect(final || next === QUICK_POLL_MS || next === WAITING_POLL_MS).toBe(true);
        // A status reached less than half a minute ago is read quickly, whatever it is.
        expect(final || ms >= QUICK_WHILE_NEW_MS || next === QUICK_POLL_MS).toBe(true);
      }),
    );
  });
});
