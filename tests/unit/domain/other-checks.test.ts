import { describe, expect, it } from 'vitest';
import { checkTax } from '../../../functions/domain/tax-check.ts';
import { checkMedical, medicalTopUpMonthlyFen } from '../../../functions/domain/medical-check.ts';
import { checkHousingFund } from '../../../functions/domain/housing-fund-check.ts';
import { DEMO_RULES, from, policyWith, rulesWith } from '../../support/rules.ts';

// A retirement before 2030 in the demo city (its DEMO DEFAULT totals), checked a month before.
const AT = { retirementMonth: '2027-01', today: '2026-12-01', rules: DEMO_RULES } as const;

describe('checkTax', () => {
  it('no arrears → PASS', () => {
    expect(checkTax({ record: { arrears: [] } })).toEqual({ outcome: 'PASS', reasons: [], details: { arrears: [], totalArrearsFen: 0 } });
  });
  it('no record → PASS with nothing owed', () => {
    expect(checkTax({ record: undefined })).toEqual({ outcome: 'PASS', reasons: [], details: { arrears: [], totalArrearsFen: 0 } });
  });
  it('arrears → FAIL listing months (sorted) and the total: 3 × 1823.00 = 5469.00 yuan', () => {
    const arrears = [
      { month: '2025-05', amountFen: 182300 },
      { month: '2025-03', amountFen: 182300 },
      { month: '2025-04', amountFen: 182300 },
    ];
    const r = checkTax({ record: { arrears } });
    expect(r.outcome).toBe('FAIL');
    expect(r.reasons).toEqual([{ code: 'TAX_ARREARS', message: '存在欠缴：2025年03月、2025年04月、2025年05月，合计 5469.00 元。请结清后再申请。' }]);
    expect(r.details.totalArrearsFen).toBe(546900);
    expect((r.details.arrears as Array<{ month: string }>).map((a) => a.month)).toEqual(['2025-03', '2025-04', '2025-05']);
  });
});

describe('checkMedical (粤医保规〔2022〕6号)', () => {
  // Default demo figures: 650000 fen × 0.08 = 52000 fen per month.
  it.each([
    ['male', 408, 240, 'PASS', [], 0, 0, 0, 0],
    ['male', 360, 120, 'PASS', [], 0, 0, 0, 0],
    ['female', 300, 120, 'PASS', [], 0, 0, 0, 0],
    ['female', 228, 180, 'CONDITIONAL', ['MEDICAL_YEARS_SHORT'], 72, 0, 72, 3_744_000],
    ['male', 420, 96, 'CONDITIONAL', ['MEDICAL_LOCAL_YEARS_SHORT'], 0, 24, 24, 1_248_000],
    ['male', 300, 100, 'CONDITIONAL', ['MEDICAL_YEARS_SHORT', 'MEDICAL_LOCAL_YEARS_SHORT'], 60, 20, 60, 3_120_000],
    ['female', 299, 119, 'CONDITIONAL', ['MEDICAL_YEARS_SHORT', 'MEDICAL_LOCAL_YEARS_SHORT'], 1, 1, 1, 52_000],
  ] as const)('%s %i/%i local → %s %o', (gender, months, local, outcome, codes, short, localShort, topUp, amount) => {
    const r = checkMedical({ record: { contributionMonths: months, localContributionMonths: local }, gender, ...AT });
    expect(r.outcome).toBe(outcome);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
    expect(r.details).toEqual({
      requiredMonths: gender === 'male' ? 360 : 300,
      contributionMonths: months,
      shortMonths: short,
      localRequiredMonths: 120,
      localContributionMonths: local,
      localShortMonths: localShort,
      topUpMonths: topUp,
      topUpBaseFen: 650000,
      topUpRate: 0.08,
      topUpAmountFen: amount,
    });
  });

  it('uses a configured base and rate; monthly amount rounded half-up to fen first', () => {
    const overrides = { medical: { topUpBaseFen: from(333_333), topUpRate: from(0.08) } };
    const p = policyWith(overrides);
    // 333333 × 0.08 = 26666.64 → 26667 per month; 3 months → 80001
    expect(medicalTopUpMonthlyFen(p)).toBe(26_667);
    const r = checkMedical({
      record: { contributionMonths: 297, localContributionMonths: 200 },
      gender: 'female',
      ...AT,
      rules: rulesWith(overrides, DEMO_RULES),
    });
    expect(r.details.topUpAmountFen).toBe(80_001);
  });

  it('no record → FAIL NO_INSURANCE_RECORD', () => {
    const r = checkMedical({ record: undefined, gender: 'male', ...AT });
    expect(r.outcome).toBe('FAIL');
    expect(r.reasons.map((x) => x.code)).toEqual(['NO_INSURANCE_RECORD']);
  });

  it('states the amount in yuan', () => {
    const r = checkMedical({ record: { contributionMonths: 228, localContributionMonths: 180 }, gender: 'female', ...AT });
    expect(r.reasons[0]!.message).toContain('72 个月');
    expect(r.reasons[0]!.message).toContain('37440.00 元');
  });
});

describe('checkHousingFund', () => {
  const acct = { accountNo: 'GJJ1', balanceFen: 8663000, outstandingLoanFen: 0 };
  it.each([
    ['no record', undefined, true, 'NOT_APPLICABLE', [], {}],
    ['status none', { status: 'none' }, true, 'NOT_APPLICABLE', [], {}],
    ['closed', { ...acct, status: 'closed' }, true, 'NOT_APPLICABLE', [], {}],
    ['active, withdraw', { ...acct, status: 'active' }, true, 'PASS', [], { withdrawalAmountFen: 8663000, closeAccount: true, accountNo: 'GJJ1' }],
    ['sealed, withdraw', { ...acct, status: 'sealed', balanceFen: 1560000 }, true, 'PASS', [], { withdrawalAmountFen: 1560000, closeAccount: true }],
    ['active, keep the account', { ...acct, status: 'active' }, false, 'PASS', [], { withdrawalAmountFen: 0, closeAccount: false }],
    [
      'loan outstanding, withdraw',
      { ...acct, status: 'active', outstandingLoanFen: 45600000 },
      true,
      'MANUAL',
      ['HOUSING_FUND_LOAN_OUTSTANDING'],
      { withdrawalAmountFen: 0, closeAccount: false },
    ],
    [
      'loan outstanding, keep the account',
      { ...acct, status: 'active', outstandingLoanFen: 45600000 },
      false,
      'PASS',
      [],
      { withdrawalAmountFen: 0, closeAccount: false },
    ],
  ] as const)('%s → %s', (_n, record, withdraw, outcome, codes, details) => {
    const r = checkHousingFund({ record, withdraw });
    expect(r.outcome).toBe(outcome);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
    expect(r.details).toMatchObject(details);
  });
});
