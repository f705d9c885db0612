/**
 * Medical insurance: free post-retirement cover requires a total contribution period and a local part —
 * 粤医保规〔2022〕6号 (Guangdong): men 30 years, women 25 years, at least 10 years locally. A shortfall
 * does not block retirement: it is paid in one lump sum (CONDITIONAL, the duty stated in `details`).
 *
 * Choices:
 *  - a missing medical record → FAIL NO_INSURANCE_RECORD (we cannot state a top-up without knowing the
 *    history; guessing "everything short" would quote a large sum on no evidence);
 *  - topUpMonths = max(total shortfall, local shortfall): the months paid locally count toward both;
 *  - amount: the monthly amount base × rate is rounded half-up to whole fen, then multiplied by the months
 *    (so the notice can show "N months × X yuan" that multiplies out exactly).
 */
import type { Gender } from '../../schemas/common.ts';
import type { MedicalRecord } from '../../schemas/department-record.ts';
import type { DepartmentResult } from '../../schemas/department-result.ts';
import type { Reason } from '../../schemas/common.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { formatYearsMonthsZh, formatYuan } from './format.ts';

export function medicalTopUpMonthlyFen(policy: Policy = DEFAULT_POLICY): number {
  return Math.round(policy.medical.topUpBaseFen * policy.medical.topUpRate);
}

export function checkMedical(input: { record: MedicalRecord | undefined; gender: Gender; policy?: Policy }): DepartmentResult {
  const policy = input.policy ?? DEFAULT_POLICY;
  const { record, gender } = input;
  if (!record) {
    return {
      outcome: 'FAIL',
      reasons: [{ code: 'NO_INSURANCE_RECORD', message: '未查询到您的职工医保参保记录，请到医保经办机构核实。' }],
      details: {},
    };
  }
  const requiredMonths = policy.medical.requiredMonths[gender];
  const localRequiredMonths = policy.medical.localRequiredMonths;
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
