/**
 * Medical insurance: free post-retirement cover requires a total contribution period and a local part —
 * 粤医保规〔2022〕6号 (Guangdong) 第八条: the total the city of retiree cover requires and at least 10 years actually
 * paid there; 第六条: the total is each city's own until it is men 30 / women 25 years province-wide from
 * 2030-01-01. Both are read on the retirement month (第八条: "达到法定退休年龄时"); the top-up's base and rate
 * (第十条: at the time of payment) on the day of the check. A shortfall does not block retirement: it is paid
 * in one lump sum (CONDITIONAL, the duty stated in `details`).
 *
 * Choices:
 *  - a missing medical record → FAIL NO_INSURANCE_RECORD (we cannot state a top-up without knowing the
 *    history; guessing "everything short" would quote a large sum on no evidence);
 *  - no total in force for the retirement month (before 2030 the city gives it, and none was entered) →
 *    MANUAL MEDICAL_CITY_RULE_MISSING: a person applies the city's figure rather than the product guessing one;
 *  - topUpMonths = max(total shortfall, local shortfall): the months paid locally count toward both;
 *  - amount: the monthly amount base × rate is rounded half-up to whole fen, then multiplied by the months
 *    (so the notice can show "N months × X yuan" that multiplies out exactly).
 */
import type { Gender } from '../../schemas/common.ts';
import type { MedicalRecord } from '../../schemas/department-record.ts';
import type { DepartmentResult } from '../../schemas/department-result.ts';
import type { Reason } from '../../schemas/common.ts';
import { DEFAULT_POLICY, DEFAULT_RULES, type Policy, type PolicyRules, policyOn, retirementDate } from './policy.ts';
import { formatYearsMonthsZh, formatYuan } from './format.ts';

export function medicalTopUpMonthlyFen(policy: Policy = DEFAULT_POLICY): number {
  return Math.round(policy.medical.topUpBaseFen * policy.medical.topUpRate);
}

export type MedicalCheckInput = {
  record: MedicalRecord | undefined;
  gender: Gender;
  /** YYYY-MM: the month the pension would start (the form's requestedMonth). */
  retirementMonth: string;
  /** YYYY-MM-DD: the day of the check. */
  today: string;
  rules?: PolicyRules;
};

export function checkMedical(input: MedicalCheckInput): DepartmentResult {
  const rules = input.rules ?? DEFAULT_RULES;
  const years = policyOn(rules, retirementDate(input.retirementMonth)).medical;
  const policy = policyOn(rules, input.today);
  const { record, gender } = input;
  if (!record) {
    return {
      outcome: 'FAIL',
      reasons: [{ code: 'NO_INSURANCE_RECORD', message: '未查询到您的职工医保参保记录，请到医保经办机构核实。' }],
      details: {},
    };
  }
  const localRequiredMonths = years.localRequiredMonths;
  if (!years.requiredMonths) {
    return {
      outcome: 'MANUAL',
      reasons: [
        {
          code: 'MEDICAL_CITY_RULE_MISSING',
          message: '2030年1月1日前，职工医保累计缴费年限按参保地各市规定执行，本市规定尚未录入，需工作人员按参保地规定核定。',
        },
      ],
      details: {
        retirementMonth: input.retirementMonth,
        contributionMonths: record.contributionMonths,
        localRequiredMonths,
        localContributionMonths: record.localContributionMonths,
      },
    };
  }
  const requiredMonths = years.requiredMonths[gender];
  const shortMonths = Math.max(0, requiredMonths - record.contributionMonths);
  const localShortMonths = Math.max(0, localRequiredMonths - record.localContributionMonths);
  const topUpMonths = Math.max(shortMonths, localShortMonths);
  const monthlyFen = medicalTopUpMonthlyFen(policy);
  const topUpAmountFen = topUpMonths * monthlyFen;
  const details = {
    requiredMonths,
    contributionMonths: record.contributionMonths,
    shortMonths,
    localRequiredMonths,
    localContributionMonths: record.localContributionMonths,
    localShortMonths,
    topUpMonths,
    topUpBaseFen: policy.medical.topUpBaseFen,
    topUpRate: policy.medical.topUpRate,
    topUpAmountFen,
  };
  if (topUpMonths === 0) return { outcome: 'PASS', reasons: [], details };

  const pay = `需一次性补缴 ${topUpMonths} 个月，约 ${formatYuan(topUpAmountFen)} 元，补缴后退休享受医保待遇。`;
  const reasons: Reason[] = [];
  if (shortMonths > 0) {
    reasons.push({
      code: 'MEDICAL_YEARS_SHORT',
      message: `医保累计缴费 ${record.contributionMonths} 个月，不足 ${formatYearsMonthsZh(requiredMonths)}（${requiredMonths} 个月），差 ${shortMonths} 个月。${pay}`,
    });
  }
  if (localShortMonths > 0) {
    reasons.push({
      code: 'MEDICAL_LOCAL_YEARS_SHORT',
      message: `本地医保缴费 ${record.localContributionMonths} 个月，不足 ${formatYearsMonthsZh(localRequiredMonths)}（${localRequiredMonths} 个月），差 ${localShortMonths} 个月。${pay}`,
    });
  }
  return { outcome: 'CONDITIONAL', reasons, details };
}
