import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyOn } from '../../functions/domain/policy.ts';
import { policyFromEnvironment, rulesFromEnvironment } from '../../functions/shared/policy-config.ts';

function cityFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'city-')), 'city.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
const entry = (validFrom: string, value: unknown) => [{ validFrom, value, source: '某市医疗保障局 示例文件' }];

describe('policy from the environment', () => {
  it('runs on the demo city when no city is named: its DEMO DEFAULT totals apply before 2030', () => {
    expect(policyFromEnvironment({}, '2029-12-31').medical.requiredMonths).toEqual({ male: 360, female: 300 });
  });

  it('with POLICY_CITY_FILE=none, the province leaves the total to the city until 2030', () => {
    const rules = rulesFromEnvironment({ POLICY_CITY_FILE: 'none' });
    expect(policyOn(rules, '2029-12-31').medical.requiredMonths).toBeUndefined();
    expect(policyOn(rules, '2030-01-01').medical.requiredMonths).toEqual({ male: 360, female: 300 });
  });

  it('takes a city file and inline POLICY_OVERRIDES on top of it, each value by its dates', () => {
    const file = cityFile({ medical: { requiredMonths: entry('2026-01-01', { male: 300, female: 240 }), topUpBaseFen: entry('2026-07-01', 720_000) } });
    const env = { POLICY_CITY_FILE: file, POLICY_OVERRIDES: JSON.stringify({ applicationMonthsAhead: entry('2026-03-01', 3) }) };
    expect(policyFromEnvironment(env, '2025-12-31').medical.requiredMonths).toBeUndefined();
    expect(policyFromEnvironment(env, '2026-01-01').medical.requiredMonths).toEqual({ male: 300, female: 240 });
    expect(policyFromEnvironment(env, '2026-06-30').medical.topUpBaseFen).toBe(650_000);
    expect(policyFromEnvironment(env, '2026-07-01').medical.topUpBaseFen).toBe(720_000);
    expect(policyFromEnvironment(env, '2026-02-28').applicationMonthsAhead).toBe(6);
    expect(policyFromEnvironment(env, '2026-03-01').applicationMonthsAhead).toBe(3);
    // The province's 2030 figures still reach the city on their day.
    expect(policyFromEnvironment(env, '2030-01-01').medical.requiredMonths).toEqual({ male: 360, female: 300 });
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['a plain number where a dated list belongs (the old shape)', { medical: { topUpBaseFen: 720000 } }, /medical\.topUpBaseFen/],
    ['an unknown value', { medical: { topUpBaseFenn: entry('2026-01-01', 1) } }, /topUpBaseFenn/],
    ['a rate above 1', { medical: { topUpRate: entry('2026-01-01', 7) } }, /medical\.topUpRate\[0\]\.value/],
    ['no source', { medical: { topUpRate: [{ validFrom: '2026-01-01', value: 0.1, source: ' ' }] } }, /source/],
    ['dates out of order', { applicationMonthsAhead: [...entry('2026-02-01', 3), ...entry('2026-01-01', 4)] }, /applicationMonthsAhead\[1\]\.validFrom/],
    ['a date that does not exist', { applicationMonthsAhead: entry('2026-02-30', 3) }, /validFrom/],
    [
      'a stage promised longer than the case',
      { sla: { promisedWorkingDays: entry('2026-01-01', { 'pre-review': 9, manual: 1, case: 5 }) } },
      /promisedWorkingDays/,
    ],
  ])('refuses a city file with %s, naming where', (_what, content, message) => {
    const file = cityFile(content);
    expect(() => rulesFromEnvironment({ POLICY_CITY_FILE: file })).toThrow(message);
    expect(() => rulesFromEnvironment({ POLICY_CITY_FILE: file })).toThrow(/POLICY_CITY_FILE/);
  });

  it('refuses a city file that cannot be read, and bad inline overrides', () => {
    expect(() => rulesFromEnvironment({ POLICY_CITY_FILE: '/nonexistent/city.json' })).toThrow(/cannot be read/);
    expect(() => rulesFromEnvironment({ POLICY_OVERRIDES: '{"medical":{"topUpRate":7}}' })).toThrow(/POLICY_OVERRIDES/);
  });
});
