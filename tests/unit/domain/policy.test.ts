import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, policyFrom } from '../../../functions/domain/policy.ts';

describe('policy', () => {
  it('defaults', () => {
    expect(DEFAULT_POLICY.applicationMonthsAhead).toBe(6);
    expect(DEFAULT_POLICY.applicationDeadlineDays).toBe(30);
    expect(DEFAULT_POLICY.medical).toEqual({ requiredMonths: { male: 360, female: 300 }, localRequiredMonths: 120, topUpBaseFen: 650000, topUpRate: 0.08 });
    expect(Object.isFrozen(DEFAULT_POLICY.medical)).toBe(true);
  });

  it('merges overrides deeply without touching the default', () => {
    const p = policyFrom({ medical: { topUpRate: 0.1 }, applicationMonthsAhead: 3 });
    expect(p.medical).toEqual({ ...DEFAULT_POLICY.medical, topUpRate: 0.1 });
    expect(p.applicationMonthsAhead).toBe(3);
    expect(p.retirementSchedules).toEqual(DEFAULT_POLICY.retirementSchedules);
    expect(DEFAULT_POLICY.medical.topUpRate).toBe(0.08);
  });

  it.each([[{ medical: { topUpRate: 1.5 } }], [{ medical: { topUpBaseFen: 100.5 } }], [{ applicationMonthsAhead: -1 }]])('refuses %o', (o) => {
    expect(() => policyFrom(o)).toThrow(RangeError);
  });
});
