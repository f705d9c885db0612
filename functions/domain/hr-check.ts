/**
 * HR / social security: may this person draw a monthly basic pension from the requested month?
 * Sources:
 *  - 《国务院关于渐进式延迟法定退休年龄的办法》 (2024) 第一条 age schedule, 第二条 minimum contribution years and
 *    the two remedies (延长缴费 / 一次性缴费), 第三条 flexible early/late windows and, for late retirement, the
 *    employer's agreement ("所在单位与职工协商一致") — values in rules/defaults.ts, read on the retirement month;
 *  - 人社部发〔2024〕94号 实施弹性退休制度暂行办法: the written notice (early: 3 months to the employer; late: agreed
 *    1 month ahead) — stated in the answer, not checked: the product sees neither letter. Which year's minimum
 *    contribution an early retiree needs is not taken from it (its text was not read): the year of the month
 *    asked for, as for everyone;
 *  - 国发〔1978〕104号 第一条(二)(三): special (hazardous) jobs and certified complete loss of working capacity;
 *  - 劳社部发〔1999〕8号: when the ID card and the personnel file disagree on the birth date, the birth date
 *    first recorded in the personnel file governs — so the age is evaluated with it, and a person confirms.
 *  - one person draws one basic pension: a second claim is refused (drawing twice is recovered as an improper
 *    benefit under 《社会保险法》 第八十八条).
 * The original retirement age (50/55/60) is taken from HR's record, which governs over the form.
 */
import type { Application } from '../../schemas/application.ts';
import type { Reason } from '../../schemas/common.ts';
import type { HrRecord } from '../../schemas/department-record.ts';
import type { DepartmentResult } from '../../schemas/department-result.ts';
import { DEFAULT_RULES, type PolicyRules, policyOn, retirementDate } from './policy.ts';
import { contributionRuleMonth, minimumContributionMonths, minimumContributionYears, retirementWindow } from './retirement-age.ts';
import { monthIndex, monthOf, monthsBetween, yearOf } from './months.ts';
import { formatMonthZh, formatYearsMonthsZh } from './format.ts';

export type HrCheckInput = {
  record: HrRecord | undefined;
  application: Application;
  /** Birth date encoded in the (already validated) ID number. */
  idBirthDate: string;
  /** YYYY-MM-DD; accepted for symmetry with the other steps, the rules here are read on the retirement month. */
  today: string;
  rules?: PolicyRules;
};

/**
 * Whether the person works for an employer (the HR record names one). A flexible worker (灵活就业) has no
 * employer to agree with, so 第三条's agreement binds employees only.
 */
function isEmployee(record: HrRecord): boolean {
  return record.employer.trim() !== '';
}

export function checkHr(input: HrCheckInput): DepartmentResult {
  const { record, application, idBirthDate } = input;
  if (!record) {
    return {
      outcome: 'FAIL',
      reasons: [{ code: 'NO_INSURANCE_RECORD', message: '未查询到您的养老保险参保记录，请到参保地社保经办机构核实。' }],
      details: {},
    };
  }

  const { gender } = application.applicant;
  const { type, requestedMonth } = application.retirement;
  const policy = policyOn(input.rules ?? DEFAULT_RULES, retirementDate(requestedMonth));
  const birthDate = record.personnelFileBirthDate;
  const originalAge = record.originalRetirementAge;
  const fails: Reason[] = [];
  const manual: Reason[] = [];
  const details: Record<string, unknown> = {
    retirementType: type,
    retirementMonth: requestedMonth,
    birthDateUsed: birthDate,
    originalRetirementAge: originalAge,
  };

  if (birthDate !== idBirthDate) {
    manual.push({
      code: 'BIRTH_DATE_MISMATCH',
      message: `身份证出生日期（${idBirthDate}）与人事档案记载（${birthDate}）不一致，按档案记载计算，需工作人员核实。`,
    });
    details.birthDateMismatch = { idBirthDate, personnelFileBirthDate: birthDate };
  }
  if (application.retirement.originalRetirementAge !== originalAge) {
    details.originalRetirementAgeMismatch = { form: application.retirement.originalRetirementAge, record: originalAge };
  }

  if (record.receivingPension) {
    fails.push({ code: 'DUPLICATE_PENSION', message: '您已在领取基本养老金，不能重复办理退休。' });
  }

  const w = retirementWindow(gender, birthDate, originalAge, policy);
  details.statutoryRetirementMonth = w.month;
  details.statutoryRetirementAge = w.age;
  const statutoryZh = formatMonthZh(w.month);
  const req = monthIndex(requestedMonth);
  const ageMonthsAtRequest = monthsBetween(monthOf(birthDate), requestedMonth);

  switch (type) {
    case 'normal':
      if (req < monthIndex(w.month)) {
        fails.push({ code: 'RETIREMENT_AGE_NOT_REACHED', message: `尚未达到法定退休年龄，法定退休时间为 ${statutoryZh}。` });
      }
      break;
    case 'flexible-early':
      details.flexibleEarliestMonth = w.flexibleEarliestMonth;
      details.flexibleEarlyNoticeMonths = policy.flexibleEarlyNoticeMonths;
      if (req < monthIndex(w.originalAgeMonth)) {
        fails.push({
          code: 'RETIREMENT_AGE_NOT_REACHED',
          message: `弹性提前退休不得早于原法定退休年龄，最早可于 ${formatMonthZh(w.flexibleEarliestMonth)} 退休。`,
        });
      } else if (req < monthIndex(w.flexibleEarliestMonth)) {
        fails.push({
          code: 'FLEXIBLE_WINDOW_EXCEEDED',
          message: `弹性提前退休最长提前${policy.flexibleEarlyMaxMonths / 12}年，最早可于 ${formatMonthZh(w.flexibleEarliestMonth)} 退休。`,
        });
      } else if (req >= monthIndex(w.month)) {
        fails.push({
          code: 'FLEXIBLE_WINDOW_EXCEEDED',
          message: `申请月份已达到法定退休时间（${statutoryZh}），请按正常退休申请。`,
        });
      }
      break;
    case 'flexible-late':
      details.flexibleLatestMonth = w.flexibleLatestMonth;
      if (req <= monthIndex(w.month)) {
        fails.push({
          code: 'FLEXIBLE_WINDOW_EXCEEDED',
          message: `弹性延迟退休须晚于法定退休时间 ${statutoryZh}；在该月退休请按正常退休申请。`,
        });
      } else if (req > monthIndex(w.flexibleLatestMonth)) {
        fails.push({
          code: 'FLEXIBLE_WINDOW_EXCEEDED',
          message: `弹性延迟退休最长延迟${policy.flexibleLateMaxMonths / 12}年，最晚可于 ${formatMonthZh(w.flexibleLatestMonth)} 退休。`,
        });
      }
      details.flexibleLateNoticeMonths = policy.flexibleLateNoticeMonths;
      if (isEmployee(record)) {
        details.employerAgreement = application.retirement.employerAgreement === true;
        if (application.retirement.employerAgreement !== true) {
          fails.push({
            code: 'FLEXIBLE_LATE_AGREEMENT_MISSING',
            message: `弹性延迟退休须所在单位（${record.employer}）与您协商一致，并提前${policy.flexibleLateNoticeMonths}个月以书面形式明确延迟退休时间。申请表未确认单位同意。`,
          });
        }
      }
      break;
    case 'special-job': {
      const minAge = policy.specialJob.minAgeYears[gender];
      details.specialJobMonths = record.specialJobMonths;
      details.specialJobRequiredMonths = policy.specialJob.minJobMonths;
      if (ageMonthsAtRequest < minAge * 12) {
        fails.push({ code: 'RETIREMENT_AGE_NOT_REACHED', message: `特殊工种提前退休须年满${minAge}周岁。` });
      }
      if (record.specialJobMonths < policy.specialJob.minJobMonths) {
        fails.push({
          code: 'SPECIAL_JOB_YEARS_SHORT',
          message: `从事特殊工种累计 ${record.specialJobMonths} 个月，不足 ${policy.specialJob.minJobMonths} 个月（${formatYearsMonthsZh(policy.specialJob.minJobMonths)}）。`,
        });
      }
      break;
    }
    case 'disability': {
      const minAge = policy.disability.minAgeYears[gender];
      if (!record.disabilityCertified) {
        fails.push({
          code: 'DISABILITY_NOT_CERTIFIED',
          message: '未查询到劳动能力鉴定委员会出具的完全丧失劳动能力鉴定结论，请先申请劳动能力鉴定。',
        });
      }
      if (ageMonthsAtRequest < minAge * 12) {
        fails.push({ code: 'RETIREMENT_AGE_NOT_REACHED', message: `因病或非因工致残完全丧失劳动能力退休须年满${minAge}周岁。` });
      }
      break;
    }
  }

  const ruleMonth = contributionRuleMonth(type, requestedMonth, w.month);
  const minMonths = minimumContributionMonths(ruleMonth, policy);
  details.minimumContributionMonths = minMonths;
  details.minimumContributionYear = yearOf(ruleMonth);
  details.contributionMonths = record.contributionMonths;
  if (record.contributionMonths < minMonths) {
    const short = minMonths - record.contributionMonths;
    details.contributionShortMonths = short;
    fails.push({
      code: 'CONTRIBUTION_YEARS_SHORT',
      message:
        `累计缴费 ${record.contributionMonths} 个月，不足${yearOf(ruleMonth)}年的最低缴费年限 ${minimumContributionYears(yearOf(ruleMonth), policy)} 年（${minMonths} 个月），还差 ${short} 个月。` +
        '可延长缴费至满足最低缴费年限；或在当地政策允许的情况下一次性补缴。',
    });
  }

  if (fails.length > 0) return { outcome: 'FAIL', reasons: [...fails, ...manual], details };
  details.contributionYears = Math.round((record.contributionMonths / 12) * 100) / 100;
  details.insuredCity = record.insuredCity;
  details.averageIndexedWageRatio = record.averageIndexedWageRatio;
  details.personalAccountFen = record.personalAccountFen;
  if (manual.length > 0) return { outcome: 'MANUAL', reasons: manual, details };
  return { outcome: 'PASS', reasons: [], details };
}
