/**
 * 卫健 (health commission): a one-child parent gets the province's one-time retirement reward (health-reward.ts);
 * anyone else is NOT_APPLICABLE — this department never refuses a retirement. A one-child parent retiring on a day
 * no dated value covers is MANUAL: the amount is never guessed.
 *
 * Choice: no record at the health commission means it holds no one-child certificate for the person → NOT_APPLICABLE.
 */
import type { HealthRecord } from '../../schemas/department-record.ts';
import type { DepartmentResult } from '../../schemas/department-result.ts';
import { formatMonthZh, formatYuan } from './format.ts';
import { GUANGDONG_ONE_CHILD_PARENT_RETIREMENT_REWARD, type HealthRewardValue, rewardInForce } from './health-reward.ts';

export function checkHealth(input: {
  record: HealthRecord | undefined;
  /** The month the person retires (the form's `retirement.requestedMonth`), YYYY-MM. */
  retirementMonth: string;
  schedule?: readonly HealthRewardValue[];
}): DepartmentResult {
  if (!input.record?.onlyChildParent) {
    return { outcome: 'NOT_APPLICABLE', reasons: [], details: { onlyChildParent: false, note: '非独生子女父母，不涉及独生子女父母退休奖励。' } };
  }
  const reward = rewardInForce(`${input.retirementMonth}-01`, input.schedule ?? GUANGDONG_ONE_CHILD_PARENT_RETIREMENT_REWARD);
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
      rewardFen: reward.amountFen,
      rewardText: `一次性奖励 ${formatYuan(reward.amountFen)} 元`,
      rewardEffectiveFrom: reward.effectiveFrom,
      rewardSource: reward.source,
      rewardDemoDefault: reward.demoDefault,
    },
  };
}
