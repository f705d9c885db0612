/**
 * Basic pension at retirement, as the HR 基本养老金核定表 states it — 国发〔2005〕38号 第六条:
 *  - 基础养老金 = 当地上年度在岗职工月平均工资 × (1 + 本人平均缴费指数) ÷ 2 × 缴费年限 × 1%;
 *    (the base is the mean of the city wage and the person's indexed wage = city wage × index);
 *  - 个人账户养老金 = 个人账户储存额 ÷ 计发月数 (附件 计发月数表, by age at retirement).
 * Numbers (city wage, the months table) live in policy.ts.
 *
 * Choices, stated because the decision leaves them to implementation:
 *  - contribution years count months as a fraction (300 months = 25 years, 305 = 25.42), as the provinces'
 *    calculators do, rather than only whole years;
 *  - the months divisor is the row of the completed years of age at retirement (55 years 5 months → 55 → 170);
 *    the table lists whole ages only. Ages beyond the table use its nearest end;
 *  - each part is rounded half-up to whole fen, and the total is the sum of the rounded parts, so the
 *    document's figures add up exactly.
 */
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { monthsBetween } from './months.ts';

export type PensionEstimateInput = {
  contributionMonths: number;
  averageIndexedWageRatio: number;
  personalAccountFen: number;
  /** YYYY-MM of birth (as the personnel file records it) and of the first pension month. */
  birthMonth: string;
  retirementMonth: string;
};

export type PensionEstimate = {
  cityAverageMonthlyWageFen: number;
  indexedMonthlyWageFen: number;
  contributionMonths: number;
  basicPensionFen: number;
  retirementAgeMonths: number;
  divisorAgeYears: number;
  personalAccountDivisorMonths: number;
  personalAccountFen: number;
  personalAccountPensionFen: number;
  totalMonthlyFen: number;
};

export function estimatePension(input: PensionEstimateInput, policy: Policy = DEFAULT_POLICY): PensionEstimate {
  const { contributionMonths, averageIndexedWageRatio, personalAccountFen } = input;
  if (!Number.isInteger(contributionMonths) || contributionMonths < 0) throw new RangeError('contributionMonths must be a non-negative integer');
  if (!(averageIndexedWageRatio >= 0)) throw new RangeError('averageIndexedWageRatio must be non-negative');
  if (!Number.isInteger(personalAccountFen) || personalAccountFen < 0) throw new RangeError('personalAccountFen must be a non-negative integer (fen)');
  const wage = policy.pension.cityAverageMonthlyWageFen;
  // Integer fen × ratio is exact enough; rounding once at the end keeps float noise out of the fen.
  const basicPensionFen = Math.round((wage * (1 + averageIndexedWageRatio) * contributionMonths) / 2400);
  const retirementAgeMonths = monthsBetween(input.birthMonth, input.retirementMonth);
  const { age, months } = divisorFor(Math.floor(retirementAgeMonths / 12), policy);
  const personalAccountPensionFen = Math.round(personalAccountFen / months);
  return {
    cityAverageMonthlyWageFen: wage,
    indexedMonthlyWageFen: Math.round(wage * averageIndexedWageRatio),
    contributionMonths,
    basicPensionFen,
    retirementAgeMonths,
    divisorAgeYears: age,
    personalAccountDivisorMonths: months,
    personalAccountFen,
    personalAccountPensionFen,
    totalMonthlyFen: basicPensionFen + personalAccountPensionFen,
  };
}

function divisorFor(ageYears: number, policy: Policy): { age: number; months: number } {
  const table = policy.pension.personalAccountDivisors;
  const ages = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  if (ages.length === 0) throw new RangeError('policy.pension.personalAccountDivisors is empty');
  const age = Math.min(Math.max(ageYears, ages[0]!), ages.at(-1)!);
  const months = table[age];
  if (months === undefined) throw new RangeError(`no months divisor for age ${age}`);
  return { age, months };
}
