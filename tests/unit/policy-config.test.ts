import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../functions/domain/policy.ts';
import { policyFromEnvironment } from '../../functions/shared/policy-config.ts';

describe('policy from the environment', () => {
  it('is the default without overrides', () => {
    expect(policyFromEnvironment(undefined)).toBe(DEFAULT_POLICY);
  });
  it('takes a city’s medical top-up base and the application window', () => {
    const p = policyFromEnvironment('{"medical":{"topUpBaseFen":720000},"applicationMonthsAhead":3}');
    expect(p.medical.topUpBaseFen).toBe(720000);
    expect(p.medical.topUpRate).toBe(DEFAULT_POLICY.medical.topUpRate);
    expect(p.applicationMonthsAhead).toBe(3);
  });
  it('refuses broken settings at start rather than running with them', () => {
    expect(() => policyFromEnvironment('{oops')).toThrow(/POLICY_OVERRIDES/);
    expect(() => policyFromEnvironment('{"medical":{"topUpRate":7}}')).toThrow();
  });
});
