/**
 * Dated rule values: every value picked by its date, at each boundary (the day before and the day a value
 * changes), and the merging of a city's entries. Expectations in the first table are read from the sources
 * cited in functions/domain/rules/defaults.ts, not from the data; the second table walks the data itself so no
 * later entry goes untested at its boundary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeDates, DEFAULT_POLICY, DEFAULT_RULES, type PolicyRules, policyOn, RULES_EPOCH, walk } from '../../../functions/domain/policy.ts';
import { type Dated, entryOn, mergeDated } from '../../../functions/domain/rules/dated.ts';
import { addDays } from '../../../functions/domain/months.ts';
import { POLICY_TREE, PolicyRulesFile } from '../../../schemas/policy-rules.ts';
import { DEMO_RULES, from, rulesWith } from '../../support/rules.ts';

function valueAt(rules: PolicyRules, path: string, date: string): unknown {
  const list = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], rules) as Dated<unknown>;
  return entryOn(list, date)?.value;
}

const MEDICAL_2030 = { male: 360, female: 300 };

describe('values by date, as the sources say', () => {
  it.each([
    // 粤医保规〔2022〕6号 第六条: the province's totals only from 2030-01-01; before, the city's own.
    ['defaults', DEFAULT_RULES, 'medical.requiredMonths', '2029-12-31', undefined],
    ['defaults', DEFAULT_RULES, 'medical.requiredMonths', '2030-01-01', MEDICAL_2030],
    // The demo city's DEMO DEFAULT total from the 办法's first day (2022-07-01), then the province's from 2030.
    ['demo city', DEMO_RULES, 'medical.requiredMonths', '2022-06-30', undefined],
    ['demo city', DEMO_RULES, 'medical.requiredMonths', '2022-07-01', MEDICAL_2030],
    ['demo city', DEMO_RULES, 'medical.requiredMonths', '2030-01-01', MEDICAL_2030],
    // 第八条(二), in force from 2022-07-01 (第十六条).
    ['defaults', DEFAULT_RULES, 'medical.localRequiredMonths', '2022-06-30', undefined],
    ['defaults', DEFAULT_RULES, 'medical.localRequiredMonths', '2022-07-01', 120],
    // The 2024 decision and its measures, in force 2025-01-01.
    ['defaults', DEFAULT_RULES, 'flexibleLateMaxMonths', '2024-12-31', undefined],
    ['defaults', DEFAULT_RULES, 'flexibleLateMaxMonths', '2025-01-01', 36],
    ['defaults', DEFAULT_RULES, 'flexibleEarlyMaxMonths', '2025-01-01', 36],
    ['defaults', DEFAULT_RULES, 'flexibleEarlyNoticeMonths', '2024-12-31', undefined],
    ['defaults', DEFAULT_RULES, 'flexibleEarlyNoticeMonths', '2025-01-01', 3],
    ['defaults', DEFAULT_RULES, 'flexibleLateNoticeMonths', '2025-01-01', 1],
    ['defaults', DEFAULT_RULES, 'minimumContribution', '2025-01-01', { baseYears: 15, firstIncreaseYear: 2030, increasePerYear: 0.5, maxYears: 20 }],
    // 《广东省人口与计划生育条例》 第三十六条第（一）项 names no amount for the retirement reward: none on any day.
    ['defaults', DEFAULT_RULES, 'health.retirementRewardFen', '2025-01-01', undefined],
    ['defaults', DEFAULT_RULES, 'health.retirementRewardFen', '2030-01-01', undefined],
  ] as const)('%s: %s on %s is %j', (_layer, rules, path, date, expected) => {
    expect(valueAt(rules, path, date)).toEqual(expected);
  });

  it('the policy of a day holds the province total from 2030-01-01 and not the day before', () => {
    expect(policyOn(DEFAULT_RULES, '2029-12-31').medical.requiredMonths).toBeUndefined();
    expect(policyOn(DEFAULT_RULES, '2030-01-01').medical.requiredMonths).toEqual(MEDICAL_2030);
  });

  it('answers nothing before the rule set is complete, rather than guessing', () => {
    expect(() => policyOn(DEFAULT_RULES, addDays(RULES_EPOCH, -1))).toThrow(RangeError);
    expect(() => policyOn(DEFAULT_RULES, '2030-1-1')).toThrow(/YYYY-MM-DD/);
    expect(DEFAULT_POLICY).toBe(policyOn(DEFAULT_RULES, RULES_EPOCH));
    expect(Object.isFrozen(DEFAULT_POLICY.medical)).toBe(true);
  });
});

describe('every dated value at its boundaries (walked from the data)', () => {
  const rows: [string, string, string, unknown, unknown][] = [];
  for (const [layer, rules] of [
    ['defaults', DEFAULT_RULES],
    ['demo city', DEMO_RULES],
  ] as const) {
    walk(POLICY_TREE, rules as never, [], (path, _leaf, list) => {
      list.forEach((e, i) => {
        rows.push([layer, path.join('.'), e.validFrom, i === 0 ? undefined : list[i - 1]!.value, e.value]);
      });
    });
  }

  it('has a row for every entry of every value', () => {
    expect(rows.length).toBeGreaterThanOrEqual(19);
  });

  it.each(rows)('%s %s: day before %s the entry before, on it its own', (layer, path, validFrom, before, own) => {
    const rules = layer === 'defaults' ? DEFAULT_RULES : DEMO_RULES;
    expect(valueAt(rules, path, addDays(validFrom, -1))).toEqual(before);
    expect(valueAt(rules, path, validFrom)).toEqual(own);
    if (validFrom > RULES_EPOCH) {
      const key = path.split('.');
      const pick = (d: string) => key.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], policyOn(rules, d));
      expect(pick(addDays(validFrom, -1))).toEqual(before);
      expect(pick(validFrom)).toEqual(own);
    }
  });
});

describe('for all dates', () => {
  const day = fc.integer({ min: 0, max: 40 * 365 }).map((n) => addDays(RULES_EPOCH, n));

  it('the demo rules answer every value that must always have one', () => {
    fc.assert(
      fc.property(day, (d) => {
        const p = policyOn(DEMO_RULES, d);
        expect(p.medical.requiredMonths).toBeDefined();
        expect(p.flexibleLateMaxMonths).toBe(36);
        expect(p.sla.promisedWorkingDays.case).toBeGreaterThanOrEqual(p.sla.promisedWorkingDays.manual);
      }),
    );
  });

  it('without a city the medical total is absent exactly before 2030-01-01', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(policyOn(DEFAULT_RULES, d).medical.requiredMonths === undefined).toBe(d < '2030-01-01');
      }),
    );
  });

  it('a value never changes between two change dates', () => {
    const dates = changeDates(DEMO_RULES);
    fc.assert(
      fc.property(day, (d) => {
        const lastChange = dates.filter((c) => c >= RULES_EPOCH && c <= d).at(-1) ?? RULES_EPOCH;
        expect(policyOn(DEMO_RULES, d)).toEqual(policyOn(DEMO_RULES, lastChange));
      }),
    );
  });

  const entry = fc.record({ validFrom: day, value: fc.integer(), source: fc.constantFrom('a', 'b') });
  const list = fc.uniqueArray(entry, { selector: (e) => e.validFrom }).map((l) => l.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1)));

  it("merging: on any day the city's entry wins when it is as recent as the default's, else the default's", () => {
    fc.assert(
      fc.property(list, list, day, (base, over, d) => {
        const merged = entryOn(mergeDated(base, over), d);
        const b = entryOn(base, d);
        const o = entryOn(over, d);
        const expected = o && (!b || o.validFrom >= b.validFrom) ? o : b;
        expect(merged).toEqual(expected);
      }),
    );
  });
});

describe('a city file joins the defaults by date', () => {
  it("replaces the default's entry on the same date and keeps it elsewhere", () => {
    const rules = rulesWith({ applicationMonthsAhead: [...from(4), ...from(3, '2026-06-01')] });
    expect(policyOn(rules, '2026-05-31').applicationMonthsAhead).toBe(4);
    expect(policyOn(rules, '2026-06-01').applicationMonthsAhead).toBe(3);
    expect(policyOn(DEFAULT_RULES, '2026-06-01').applicationMonthsAhead).toBe(6);
  });

  it('refuses a city whose values leave a day without one', () => {
    expect(() => rulesWith({ applicationMonthsAhead: from(4, '2026-01-01') })).not.toThrow();
    // From 2026 only, replacing nothing: the default still covers 2025, so the set stays complete.
    const incomplete = { ...DEFAULT_RULES, applicationMonthsAhead: from(4, '2026-01-01') };
    expect(() => rulesWith({}, incomplete)).toThrow(/applicationMonthsAhead has no value in force on 2025-01-01/);
  });

  it('the defaults themselves fit the file schema', () => {
    expect(PolicyRulesFile.safeParse(DEFAULT_RULES).success).toBe(true);
  });
});
