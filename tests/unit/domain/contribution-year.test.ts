/**
 * Which year's minimum contribution a retirement must meet: an early retiree the year chosen, a late retiree the
 * year the statutory age is reached (not the later year chosen), everyone else the year retired in. Table-driven
 * at the boundary: one month short of that year's minimum fails, the minimum passes.
 */
import { describe, expect, it } from 'vitest';
import { checkHr } from '../../../functions/domain/hr-check.ts';
import { addMonths, yearOf } from '../../../functions/domain/months.ts';
import { contributionRuleMonth, minimumContributionMonths, retirementWindow } from '../../../functions/domain/retirement-age.ts';
import { makeApplication, makeHrRecord } from './helpers.ts';

// A man born 1969-06-15: statutory month in 2030, when the minimum starts rising (15.5 years), 16 years in 2031.
const BIRTH = '1969-06-15';
const W = retirementWindow('male', BIRTH, 60);
const TODAY = addMonths(W.month, -30).concat('-01');

const hr = (type: 'normal' | 'flexible-early' | 'flexible-late', requestedMonth: string, contributionMonths: number) =>
  checkHr({
    record: makeHrRecord({ personnelFileBirthDate: BIRTH, contributionMonths }),
    application: makeApplication({ gender: 'male', birthDate: BIRTH, originalRetirementAge: 60, type, requestedMonth, employerAgreement: true }),
    idBirthDate: BIRTH,
    today: TODAY,
  });

describe('the year whose minimum contribution applies', () => {
  it('the case under test: statutory in 2030, minimums 15 / 15.5 / 16 years around it', () => {
    expect(yearOf(W.month)).toBe(2030);
    expect([2029, 2030, 2031].map((y) => minimumContributionMonths(`${y}-06`))).toEqual([180, 186, 192]);
  });

  it.each([
    ['normal, at the statutory month', 'normal', 0, 2030],
    ['early, 12 months before: the year chosen', 'flexible-early', -12, 2029],
    ['early, 1 month before: the year chosen', 'flexible-early', -1, yearOf(addMonths(W.month, -1))],
    ['late, 1 month after: the statutory year', 'flexible-late', 1, 2030],
    ['late, 12 months after: the statutory year, not the one chosen', 'flexible-late', 12, 2030],
    ['late, 36 months after: the statutory year', 'flexible-late', 36, 2030],
  ] as const)('%s', (_what, type, offset, year) => {
    const month = addMonths(W.month, offset);
    expect(yearOf(contributionRuleMonth(type, month, W.month))).toBe(year);
    const min = minimumContributionMonths(`${year}-01`);
    const short = hr(type, month, min - 1);
    expect(short.reasons.map((r) => r.code)).toContain('CONTRIBUTION_YEARS_SHORT');
    expect(short.details).toMatchObject({ minimumContributionMonths: min, minimumContributionYear: year, contributionShortMonths: 1 });
    expect(short.reasons.find((r) => r.code === 'CONTRIBUTION_YEARS_SHORT')!.message).toContain(`不足${year}年的最低缴费年限`);
    const enough = hr(type, month, min);
    expect(enough.reasons.map((r) => r.code)).not.toContain('CONTRIBUTION_YEARS_SHORT');
  });
});
