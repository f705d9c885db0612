import { describe, expect, it } from 'vitest';
import { estimatePension } from '../../../functions/domain/pension-estimate.ts';
import { DEFAULT_POLICY } from '../../../functions/domain/policy.ts';
import { from, policyWith } from '../../support/rules.ts';

// City wage 800000 fen (demo default). Basic = 800000 × (1 + idx) ÷ 2 × months/12 × 1%; personal = account ÷ divisor.
const rows = [
  // 李春梅 F55 1971-07 → 2026-12: 55y5m → row 55 = 170. 300 months, idx 1.0 → 800000 × 2/2 × 25 × 1% = 200000.
  // 12600000 / 170 = 74117.6 → 74118.
  {
    label: 'woman 55y5m, 25 years, index 1.0',
    birth: '1971-07',
    month: '2026-12',
    months: 300,
    idx: 1,
    account: 12_600_000,
    basic: 200_000,
    ageYears: 55,
    divisor: 170,
    personal: 74_118,
  },
  // 陈志明 M 1966-10 → 2027-04: 60y6m → row 60 = 139. 408 months (34 y), idx 1.0 → 8000 × 34% = 272000 fen.
  // 15120000 / 139 = 108776.98 → 108777.
  {
    label: 'man 60y6m, 34 years',
    birth: '1966-10',
    month: '2027-04',
    months: 408,
    idx: 1,
    account: 15_120_000,
    basic: 272_000,
    ageYears: 60,
    divisor: 139,
    personal: 108_777,
  },
  // Index 1.2, 305 months: 800000 × 2.2 / 2 × 305/12 / 100 = 223666.67 → 223667. Woman 50 → 195: 3000000/195 = 15384.6 → 15385.
  {
    label: 'fractional years and index 1.2',
    birth: '1976-02',
    month: '2026-09',
    months: 305,
    idx: 1.2,
    account: 3_000_000,
    basic: 223_667,
    ageYears: 50,
    divisor: 195,
    personal: 15_385,
  },
  // Index 0.6 (the usual floor), 180 months: 800000 × 1.6 / 2 × 15 × 1% = 96000.
  {
    label: 'minimum years, low index',
    birth: '1966-01',
    month: '2026-05',
    months: 180,
    idx: 0.6,
    account: 0,
    basic: 96_000,
    ageYears: 60,
    divisor: 139,
    personal: 0,
  },
  // Special job at 55 (man): row 55 = 170.
  {
    label: 'special job, man at 55',
    birth: '1971-03',
    month: '2026-03',
    months: 396,
    idx: 1,
    account: 1_700_000,
    basic: 264_000,
    ageYears: 55,
    divisor: 170,
    personal: 10_000,
  },
  // Beyond the table's end (63y+ is within; 72 clamps to 70 → 56).
  {
    label: 'age past the table uses its last row',
    birth: '1950-01',
    month: '2022-06',
    months: 240,
    idx: 1,
    account: 560_000,
    basic: 160_000,
    ageYears: 70,
    divisor: 56,
    personal: 10_000,
  },
];

describe('estimatePension (国发〔2005〕38号 第六条 and its 计发月数表)', () => {
  it.each(rows)('$label', (r) => {
    const e = estimatePension({
      contributionMonths: r.months,
      averageIndexedWageRatio: r.idx,
      personalAccountFen: r.account,
      birthMonth: r.birth,
      retirementMonth: r.month,
    });
    expect(e.basicPensionFen).toBe(r.basic);
    expect(e.divisorAgeYears).toBe(r.ageYears);
    expect(e.personalAccountDivisorMonths).toBe(r.divisor);
    expect(e.personalAccountPensionFen).toBe(r.personal);
    expect(e.totalMonthlyFen).toBe(r.basic + r.personal);
    expect(e.indexedMonthlyWageFen).toBe(Math.round(800_000 * r.idx));
  });

  it('holds the official divisor table rows 40–70 (spot checks) and is strictly falling', () => {
    const t = DEFAULT_POLICY.pension.personalAccountDivisors;
    expect([t[40], t[45], t[50], t[55], t[60], t[65], t[70]]).toEqual([233, 216, 195, 170, 139, 101, 56]);
    const ages = Object.keys(t)
      .map(Number)
      .sort((a, b) => a - b);
    expect(ages).toEqual(Array.from({ length: 31 }, (_, i) => 40 + i));
    for (let i = 1; i < ages.length; i++) expect(t[ages[i]!]!).toBeLessThan(t[ages[i - 1]!]!);
  });

  it('uses a configured city wage', () => {
    const policy = policyWith({ pension: { cityAverageMonthlyWageFen: from(1_000_000) } });
    const e = estimatePension(
      { contributionMonths: 360, averageIndexedWageRatio: 1, personalAccountFen: 0, birthMonth: '1966-01', retirementMonth: '2026-05' },
      policy,
    );
    expect(e.basicPensionFen).toBe(300_000);
  });

  it.each([
    [{ cityAverageMonthlyWageFen: 0 }, /cityAverageMonthlyWageFen/],
    [{ personalAccountDivisors: { 60: 0 } }, /personalAccountDivisors/],
  ])('refuses a bad pension policy %j', (pension, message) => {
    const dated = Object.fromEntries(Object.entries(pension).map(([k, v]) => [k, from(v)]));
    expect(() => policyWith({ pension: dated })).toThrow(message);
  });

  it.each([
    [{ contributionMonths: -1 }, /contributionMonths/],
    [{ averageIndexedWageRatio: Number.NaN }, /averageIndexedWageRatio/],
    [{ personalAccountFen: 1.5 }, /personalAccountFen/],
  ])('refuses bad input %j', (bad, message) => {
    const base = { contributionMonths: 300, averageIndexedWageRatio: 1, personalAccountFen: 0, birthMonth: '1971-07', retirementMonth: '2026-12' };
    expect(() => estimatePension({ ...base, ...bad })).toThrow(message);
  });
});
