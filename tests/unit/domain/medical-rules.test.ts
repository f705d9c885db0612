/**
 * The medical totals by date and city (粤医保规〔2022〕6号 第六条, 第八条): read on the retirement month, the
 * province's men 30 / women 25 years only from 2030-01; before, the city's own, and without one a person decides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMedical } from '../../../functions/domain/medical-check.ts';
import { DEFAULT_RULES } from '../../../functions/domain/policy.ts';
import { addMonths } from '../../../functions/domain/months.ts';
import { DEMO_RULES, from, rulesWith } from '../../support/rules.ts';

// A city that states its own total before 2030 (men 25 / women 20 years from 2026), for the test only.
const CITY = rulesWith({ medical: { requiredMonths: from({ male: 300, female: 240 }, '2026-01-01') } });
const TODAY = '2026-12-01';
const record = { contributionMonths: 330, localContributionMonths: 200 };

describe('medical total by retirement month and city', () => {
  it.each([
    ['the city figure', CITY, '2029-12', 'PASS', [], 300],
    ['the province figure', CITY, '2030-01', 'CONDITIONAL', ['MEDICAL_YEARS_SHORT'], 360],
    ['the demo city DEMO DEFAULT', DEMO_RULES, '2029-12', 'CONDITIONAL', ['MEDICAL_YEARS_SHORT'], 360],
    ['no city figure: a person decides', DEFAULT_RULES, '2029-12', 'MANUAL', ['MEDICAL_CITY_RULE_MISSING'], undefined],
    ['no city needed from 2030', DEFAULT_RULES, '2030-01', 'CONDITIONAL', ['MEDICAL_YEARS_SHORT'], 360],
  ] as const)('a man with 330 months retiring %s… (%s) in %s → %s', (_what, rules, month, outcome, codes, required) => {
    const r = checkMedical({ record, gender: 'male', retirementMonth: month, today: TODAY, rules });
    expect(r.outcome).toBe(outcome);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
    expect(r.details.requiredMonths).toBe(required);
  });

  it('without a city figure, still names the local requirement and what the person paid', () => {
    const r = checkMedical({ record, gender: 'female', retirementMonth: '2027-01', today: TODAY, rules: DEFAULT_RULES });
    expect(r.details).toEqual({ retirementMonth: '2027-01', contributionMonths: 330, localRequiredMonths: 120, localContributionMonths: 200 });
    expect(r.reasons[0]!.message).toContain('参保地');
  });

  it('the top-up base is read on the day of the check, the totals on the retirement month', () => {
    const rules = rulesWith({ medical: { topUpBaseFen: from(700_000, '2027-01-01') } }, CITY);
    const before = checkMedical({
      record: { contributionMonths: 290, localContributionMonths: 200 },
      gender: 'male',
      retirementMonth: '2027-06',
      today: '2026-12-31',
      rules,
    });
    const after = checkMedical({
      record: { contributionMonths: 290, localContributionMonths: 200 },
      gender: 'male',
      retirementMonth: '2027-06',
      today: '2027-01-01',
      rules,
    });
    expect([before.details.topUpBaseFen, after.details.topUpBaseFen]).toEqual([650_000, 700_000]);
    expect([before.details.topUpAmountFen, after.details.topUpAmountFen]).toEqual([10 * 52_000, 10 * 56_000]);
  });

  const monthFrom = (first: string, count: number) => fc.integer({ min: 0, max: count - 1 }).map((n) => addMonths(first, n));
  const paid = fc.integer({ min: 0, max: 600 });
  const gender = fc.constantFrom('male' as const, 'female' as const);

  it('for every retirement month from 2030-01 the province figures hold, whatever the city said before', () => {
    fc.assert(
      fc.property(monthFrom('2030-01', 20 * 12), paid, gender, fc.constantFrom(CITY, DEMO_RULES, DEFAULT_RULES), (m, n, g, rules) => {
        const r = checkMedical({ record: { contributionMonths: n, localContributionMonths: n }, gender: g, retirementMonth: m, today: TODAY, rules });
        expect(r.details.requiredMonths).toBe(g === 'male' ? 360 : 300);
      }),
    );
  });

  it('for every retirement month before 2030 without a city figure, a person decides', () => {
    fc.assert(
      fc.property(monthFrom('2025-01', 5 * 12), paid, gender, (m, n, g) => {
        const r = checkMedical({
          record: { contributionMonths: n, localContributionMonths: n },
          gender: g,
          retirementMonth: m,
          today: TODAY,
          rules: DEFAULT_RULES,
        });
        expect([r.outcome, r.reasons.map((x) => x.code)]).toEqual(['MANUAL', ['MEDICAL_CITY_RULE_MISSING']]);
      }),
    );
  });
});
