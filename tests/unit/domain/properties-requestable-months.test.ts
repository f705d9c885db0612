/**
 * The month the prefill proposes is always one the service takes: inside the window pre-review and the form
 * check apply, and never before the statutory month HR checks normal retirement against — for every birth
 * date, original age, day of applying and window length. The late applicant (statutory month passed) gets
 * this month, never the passed one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHr } from '../../../functions/domain/hr-check.ts';
import { monthIndex } from '../../../functions/domain/months.ts';
import { DEFAULT_POLICY } from '../../../functions/domain/policy.ts';
import { preReview } from '../../../functions/domain/pre-review.ts';
import { isRequestable, proposedMonth, requestableMonths } from '../../../functions/domain/requestable-months.ts';
import { retirementWindow } from '../../../functions/domain/retirement-age.ts';
import { dateBetween } from './arbitraries.ts';
import { makeApplication } from './helpers.ts';

const DAY = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const person = fc.oneof(
  fc.record({ gender: fc.constant('male' as const), originalAge: fc.constant(60 as const) }),
  fc.record({ gender: fc.constant('female' as const), originalAge: fc.constantFrom(50 as const, 55 as const) }),
);
const hrRecord = (birthDate: string, originalAge: 50 | 55 | 60) => ({
  originalRetirementAge: originalAge,
  personnelFileBirthDate: birthDate,
  contributionMonths: 600,
  insuredCity: '东莞',
  receivingPension: false,
  specialJobMonths: 0,
  disabilityCertified: false,
  employer: '示例单位',
  averageIndexedWageRatio: 1,
  personalAccountFen: 10_000_000,
});

describe('the proposed retirement month', () => {
  it('is requestable today, not before the statutory month, and absent only while the statutory month is beyond the window', () => {
    fc.assert(
      fc.property(
        person,
        dateBetween(DAY('1960-01-01'), DAY('1985-12-31')),
        dateBetween(DAY('2025-01-01'), DAY('2045-12-31')),
        fc.integer({ min: 0, max: 24 }),
        ({ gender, originalAge }, birthDate, today, ahead) => {
          const policy = { ...DEFAULT_POLICY, applicationMonthsAhead: ahead };
          const window = requestableMonths(today, policy);
          const statutory = retirementWindow(gender, birthDate, originalAge, policy).month;
          const proposed = proposedMonth(statutory, window);
          expect(proposed === undefined).toBe(monthIndex(statutory) > monthIndex(window.latest));
          // The rest is about a month that was proposed; fast-check draws another case for the others.
          fc.pre(proposed !== undefined);
          if (proposed === undefined) return; // (narrows the type; fc.pre has already discarded this run)
          expect(isRequestable(proposed, window)).toBe(true);
          expect(monthIndex(proposed)).toBeGreaterThanOrEqual(monthIndex(statutory));
          const application = makeApplication({ gender, birthDate, requestedMonth: proposed, originalRetirementAge: originalAge, type: 'normal' });
          const review = preReview({ application, booking: { idNumber: application.applicant.idNumber, name: application.applicant.name }, today, policy });
          expect(review.reasons.map((r) => r.code)).not.toContain('REQUESTED_MONTH_OUT_OF_RANGE');
          const hr = checkHr({ record: hrRecord(birthDate, originalAge), application, idBirthDate: birthDate, today });
          expect(hr.reasons.map((r) => r.code)).not.toContain('RETIREMENT_AGE_NOT_REACHED');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('for a late applicant is this month, not the statutory month that has passed', () => {
    // 陈志明, born 1966-10-12, statutory 2027-04; applying on 2027-06-10.
    const window = requestableMonths('2027-06-10');
    expect(window).toEqual({ earliest: '2027-06', latest: '2027-12' });
    expect(proposedMonth('2027-04', window)).toBe('2027-06');
    expect(proposedMonth('2027-09', window)).toBe('2027-09');
    expect(proposedMonth('2028-01', window)).toBeUndefined();
    expect(proposedMonth('2027-04', window, 'flexible-late')).toBeUndefined();
  });
});
