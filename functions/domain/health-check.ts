/**
 * 卫健 (health commission): a one-child parent gets the city's one-time retirement reward, the value of
 * `health.retirementRewardFen` in force on the first day of the retirement month; anyone else is NOT_APPLICABLE —
 * this department never refuses a retirement. A one-child parent retiring on a day no dated value covers is MANUAL:
 * the amount is never guessed.
 *
 * The amount is the city's own: 《中华人民共和国人口与计划生育法》(2021-08-20) 第三十一条 gives certificate holders the
 * rewards "按照国家和省、自治区、直辖市有关规定", and Guangdong's regulation (ONE_CHILD_REGULATION) names no figure for
 * them ("适当奖励", "按一定标准"), so the defaults hold none and a city's rules file enters its standard.
 *
 * Choice: no record at the health commission means it holds no one-child certificate for the person → NOT_APPLICABLE.
 */
import type { HealthRecord } from '../../schemas/department-record.ts';
import type { DepartmentResult } from '../../schemas/department-result.ts';
import { formatMonthZh, formatYuan } from './format.ts';
import { DEFAULT_RULES, type PolicyRules, retirementDate } from './policy.ts';
import { entryOn, isDemoDefault } from './rules/dated.ts';
import { ONE_CHILD_REGULATION } from './rules/defaults.ts';

/** What the reward notice names as its basis; the amount's own source is the rule's (`rewardSource`). */
export const REWARD_LEGAL_BASIS = `《中华人民共和国人口与计划生育法》第三十一条，${ONE_CHILD_REGULATION}，本市独生子女父母退休奖励标准`;

export function checkHealth(input: {
  record: HealthRecord | undefined;
  /** The month the person retires (the form's `retirement.requestedMonth`), YYYY-MM. */
  retirementMonth: string;
  /** The rules with the city's settings; the defaults alone hold no amount. */
  rules?: PolicyRules;
}): DepartmentResult {
  if (!input.record?.onlyChildParent) {
    return { outcome: 'NOT_APPLICABLE', reasons: [], details: { onlyChildParent: false, note: '非独生子女父母，不涉及独生子女父母退休奖励。' } };
  }
  // Read from the dated list itself, not policyOn: a month before the rules' epoch simply has no value in force.
  const reward = entryOn((input.rules ?? DEFAULT_RULES).health.retirementRewardFen, retirementDate(input.retirementMonth));
  if (!reward) {
    return {
      outcome: 'MANUAL',
      reasons: [
        {
          code: 'HEALTH_REWARD_RULE_MISSING',
          message: `${formatMonthZh(input.retirementMonth)}退休适用的独生子女父母退休奖励标准尚未录入，请工作人员按当时规定核定。`,
        },
      ],
      details: { onlyChildParent: true, retirementMonth: input.retirementMonth },
    };
  }
  return {
    outcome: 'PASS',
    reasons: [],
    details: {
      onlyChildParent: true,
      retirementMonth: input.retirementMonth,
      rewardFen: reward.value,
      rewardText: `一次性奖励 ${formatYuan(reward.value)} 元`,
      rewardEffectiveFrom: reward.validFrom,
      rewardSource: reward.source,
      rewardDemoDefault: isDemoDefault(reward.source),
    },
  };
}
