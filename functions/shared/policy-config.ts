import { DEFAULT_POLICY, policyFrom, type Policy } from '../domain/policy.ts';

/**
 * The policy in force: the defaults of functions/domain/policy.ts, with a city's settings from
 * `POLICY_OVERRIDES` (JSON, same shape, e.g. `{"medical":{"topUpBaseFen":720000},"applicationMonthsAhead":3}`).
 */
export function policyFromEnvironment(raw = process.env.POLICY_OVERRIDES): Policy {
  if (!raw) return DEFAULT_POLICY;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('POLICY_OVERRIDES is not valid JSON');
  }
  return policyFrom(parsed as Parameters<typeof policyFrom>[0]);
}
