/**
 * Statutory retirement age under the gradual delay — 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定
 * (2024-09-13, effective 2025-01-01) and its annex 《国务院关于渐进式延迟法定退休年龄的办法》:
 * 第一条 (the age schedule), 第二条 (minimum contribution years), 第三条 (flexible early / late retirement).
 * The numbers live in policy.ts; the official 对照表 gives retirement month = birth month + new age.
 */
import type { Gender, OriginalRetirementAge } from '../../schemas/common.ts';
import type { AgeYearsMonths, EligibilityRequest, EligibilityResponse } from '../../schemas/eligibility.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { addMonths, maxMonth, monthIndex, monthOf, yearOf } from './months.ts';

export type StatutoryRetirement = { age: AgeYearsMonths; month: string };

/**
 * The schedule is keyed by the original age (60 men, 55 women cadres, 50 women workers); `gender` is
 * accepted for the callers' readability and to refuse impossible pairs.
 */
export function statutoryRetirement(
  gender: Gender,
  birthDate: string,
  originalAge: OriginalRetirementAge,
  policy: Policy = DEFAULT_POLICY,
): StatutoryRetirement {
  if (gender === 'male' && originalAge !== 60) throw new RangeError('the original retirement age for men is 60');
  if (gender === 'female' && originalAge === 60) throw new RangeError('the original retirement age for women is 50 or 55');
  const schedule = policy.retirementSchedules[originalAge];
  const birthMonth = monthOf(birthDate);
  const sinceStart = monthIndex(birthMonth) - monthIndex(schedule.startBirthMonth);
  const delay = sinceStart < 0 ? 0 : Math.min(Math.floor(sinceStart / schedule.birthMonthsPerStep) + 1, schedule.maxDelayMonths);
  const totalMonths = schedule.originalAgeYears * 12 + delay;
  return {
    age: { years: Math.floor(totalMonths / 12), months: totalMonths % 12 },
    month: addMonths(birthMonth, totalMonths),
  };
}

/** Minimum contribution years for a monthly pension for someone retiring in `year` (2030 → 15.5, 2039+ → 20). */
export function minimumContributionYears(year: number, policy: Policy = DEFAULT_POLICY): number {
  const c = policy.minimumContribution;
  if (year < c.firstIncreaseYear) return c.baseYears;
  return Math.min(c.maxYears, c.baseYears + (year - c.firstIncreaseYear + 1) * c.increasePerYear);
}

/**
 * The year whose minimum contribution applies to a retirement. Early (弹性提前): the year of the month chosen — the
 * Guangzhou HRSS notice on 人社部发〔2024〕94号 lists "已达到所选择退休时间对应年份按月领取基本养老金最低缴费年限" among
 * its conditions. Late (弹性延迟): the year the statutory age is reached, not the later one chosen — the Chengdu HRSS
 * example: a man reaching it in 2031 who retires in 2034 "只需要满足2031年他达到法定退休年龄当年的最低缴费年限16年即可，而不是2034年对应的最低缴费年限17年6个月".
 * Both were read in reprints of those notices (m.myship.cn/news/show-547697.html, chujupifa.com), not on the
 * bureaus' own pages; 94号's official text was not read here. Otherwise: the year of the month retired in.
 */
export function contributionRuleMonth(type: string, requestedMonth: string, statutoryMonth: string): string {
  return type === 'flexible-late' && monthIndex(requestedMonth) > monthIndex(statutoryMonth) ? statutoryMonth : requestedMonth;
}

/** Minimum contribution, in months, for a retirement starting in `month` (YYYY-MM). */
export function minimumContributionMonths(month: string, policy: Policy = DEFAULT_POLICY): number {
  return Math.round(minimumContributionYears(yearOf(month), policy) * 12);
}

export type RetirementWindow = StatutoryRetirement & {
  /** Birth month + original age: flexible early retirement may never go below it. */
  originalAgeMonth: string;
  flexibleEarliestMonth: string;
  flexibleLatestMonth: string;
};

export function retirementWindow(gender: Gender, birthDate: string, originalAge: OriginalRetirementAge, policy: Policy = DEFAULT_POLICY): RetirementWindow {
  const statutory = statutoryRetirement(gender, birthDate, originalAge, policy);
  const originalAgeMonth = addMonths(monthOf(birthDate), originalAge * 12);
  return {
    ...statutory,
    originalAgeMonth,
    flexibleEarliestMonth: maxMonth(addMonths(statutory.month, -policy.flexibleEarlyMaxMonths), originalAgeMonth),
    flexibleLatestMonth: addMonths(statutory.month, policy.flexibleLateMaxMonths),
  };
}

/** The what-if calculator (POST /v1/eligibility/retirement). Men default to original age 60. */
export function eligibility(req: EligibilityRequest, policy: Policy = DEFAULT_POLICY): EligibilityResponse {
  const originalAge = req.originalRetirementAge ?? (req.gender === 'male' ? 60 : undefined);
  if (originalAge === undefined) throw new RangeError('originalRetirementAge is required for women: 50 or 55');
  const w = retirementWindow(req.gender, req.birthDate, originalAge, policy);
  return {
    statutoryRetirementAge: w.age,
    statutoryRetirementMonth: w.month,
    minimumContributionYears: minimumContributionYears(yearOf(w.month), policy),
    flexibleEarliestMonth: w.flexibleEarliestMonth,
    flexibleLatestMonth: w.flexibleLatestMonth,
  };
}
