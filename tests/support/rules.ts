/** Rule sets for tests: the demo city's, and the defaults with a few values replaced from the reform's first day. */
import { DEFAULT_RULES, type Policy, type PolicyRules, policyOn, RULES_EPOCH, withOverrides } from '../../functions/domain/policy.ts';
import { parseOverrides, rulesFromEnvironment } from '../../functions/shared/policy-config.ts';

/** What `npm start` runs on without settings: the defaults and the demo city's file. */
export const DEMO_RULES: PolicyRules = rulesFromEnvironment({});

/** One value in force from RULES_EPOCH, as a city's file would state it. */
export const from = <T>(value: T, validFrom = RULES_EPOCH) => [{ validFrom, value, source: 'DEMO DEFAULT: test value' }];

/** The defaults with `overrides` (a city file's shape, unvalidated here: parseOverrides checks it as start does). */
export function rulesWith(overrides: unknown, base: PolicyRules = DEFAULT_RULES): PolicyRules {
  return withOverrides(base, parseOverrides(overrides, 'test overrides'));
}

export function policyWith(overrides: unknown, date = RULES_EPOCH): Policy {
  return policyOn(rulesWith(overrides), date);
}
