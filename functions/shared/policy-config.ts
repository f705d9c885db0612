import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type PolicyOverrides, PolicyOverridesFile } from '../../schemas/policy-rules.ts';
import { systemClock } from '../adapters/clock.ts';
import { DEFAULT_RULES, type Policy, type PolicyRules, policyOn, withOverrides } from '../domain/policy.ts';
import demoCity from '../domain/rules/cities/441900-dongguan.json' with { type: 'json' };

/** The city's settings cannot be used as they stand: the message names the setting and the value to mend. */
export class PolicySettingsError extends Error {
  override name = 'PolicySettingsError';
}

/** The demo city's file, used when POLICY_CITY_FILE is unset. */
export const DEMO_CITY_FILE = 'functions/domain/rules/cities/441900-dongguan.json';

/**
 * The rules in force for this deployment: the defaults (functions/domain/rules/defaults.ts), then the city's
 * file — `POLICY_CITY_FILE` (a path; `none` for the defaults alone), else the demo city's — then
 * `POLICY_OVERRIDES` (the same shape as inline JSON; CDK context `policyOverrides` on AWS). A file that does not
 * fit is refused with the path of the first thing wrong, so the product does not start on it.
 */
export function rulesFromEnvironment(env: NodeJS.ProcessEnv = process.env): PolicyRules {
  const layers = settingsFromEnvironment(env).map((l) => l.overrides);
  try {
    return withOverrides(DEFAULT_RULES, ...layers);
  } catch (e) {
    throw new PolicySettingsError(`the policy rules with the city's settings are incomplete: ${(e as Error).message}`);
  }
}

/** The city's settings in the order they apply, each named by where it came from. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): { where: string; overrides: PolicyOverrides }[] {
  const layers: { where: string; overrides: PolicyOverrides }[] = [];
  const cityFile = env.POLICY_CITY_FILE;
  if (!cityFile) layers.push({ where: DEMO_CITY_FILE, overrides: parseOverrides(demoCity, DEMO_CITY_FILE) });
  else if (cityFile !== 'none')
    layers.push({ where: `POLICY_CITY_FILE ${cityFile}`, overrides: parseOverrides(readText(cityFile), `POLICY_CITY_FILE ${cityFile}`) });
  if (env.POLICY_OVERRIDES) layers.push({ where: 'POLICY_OVERRIDES', overrides: parseOverrides(env.POLICY_OVERRIDES, 'POLICY_OVERRIDES') });
  return layers;
}

/** The values in force today (CLOCK_TODAY honoured), for what reads the policy once at start. */
export function policyFromEnvironment(env: NodeJS.ProcessEnv = process.env, today = systemClock(env.CLOCK_TODAY).today()): Policy {
  return policyOn(rulesFromEnvironment(env), today);
}

/** A city's settings, from JSON text or an already parsed value; `where` names them in the refusal. */
export function parseOverrides(input: unknown, where: string): PolicyOverrides {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new PolicySettingsError(`${where} is not valid JSON`);
    }
  }
  const parsed = PolicyOverridesFile.safeParse(value);
  if (!parsed.success) throw new PolicySettingsError(`${where} does not fit the policy rules (schemas/policy-rules.ts):\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PolicySettingsError(`POLICY_CITY_FILE ${path} cannot be read: ${(e as Error).message}`);
  }
}
