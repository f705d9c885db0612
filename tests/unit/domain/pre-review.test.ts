import { describe, expect, it } from 'vitest';
import { preReview } from '../../../functions/domain/pre-review.ts';
import { from, policyWith } from '../../support/rules.ts';
import { makeApplication } from './helpers.ts';

const BOOKING = { idNumber: '441900196610120130', name: '陈志明' };
const TODAY = '2027-03-10'; // window: 2027-03 .. 2027-09 (6 months ahead)

describe('preReview', () => {
  it.each([
    ['all consistent', {}, BOOKING, 'PASS', []],
    ['requested this month', { requestedMonth: '2027-03' }, BOOKING, 'PASS', []],
    ['requested 6 months ahead', { requestedMonth: '2027-09' }, BOOKING, 'PASS', []],
    ['requested 7 months ahead', { requestedMonth: '2027-10' }, BOOKING, 'FAIL', ['REQUESTED_MONTH_OUT_OF_RANGE']],
    ['requested last month', { requestedMonth: '2027-02' }, BOOKING, 'FAIL', ['REQUESTED_MONTH_OUT_OF_RANGE']],
    ['wrong check digit', { idNumber: '441900196610120131' }, { ...BOOKING, idNumber: '441900196610120131' }, 'FAIL', ['ID_NUMBER_INVALID']],
    ['ID differs from booking', { idNumber: '441900197108030169', gender: 'female', birthDate: '1971-08-03' }, BOOKING, 'FAIL', ['BOOKING_MISMATCH']],
    ['name differs from booking', { name: '陈志民' }, BOOKING, 'MANUAL', ['BOOKING_MISMATCH']],
    ['gender contradicts the ID', { gender: 'female' }, BOOKING, 'MANUAL', ['ID_NUMBER_INVALID']],
    ['birth date contradicts the ID', { birthDate: '1966-10-21' }, BOOKING, 'MANUAL', ['BIRTH_DATE_MISMATCH']],
    ['manual issue plus a failure', { name: '陈志民', requestedMonth: '2028-01' }, BOOKING, 'FAIL', ['REQUESTED_MONTH_OUT_OF_RANGE', 'BOOKING_MISMATCH']],
  ] as const)('%s → %s %o', (_n, app, booking, outcome, codes) => {
    const r = preReview({ application: makeApplication(app), booking, today: TODAY });
    expect(r.outcome).toBe(outcome);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
  });

  it('months ahead is configurable', () => {
    const r = preReview({
      application: makeApplication({ requestedMonth: '2027-10' }),
      booking: BOOKING,
      today: TODAY,
      policy: policyWith({ applicationMonthsAhead: from(7) }),
    });
    expect(r.outcome).toBe('PASS');
  });
});
