import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../../functions/domain/health-check.ts';
import { DEFAULT_POLICY, DEFAULT_RULES } from '../../../functions/domain/policy.ts';
import { isDemoDefault } from '../../../functions/domain/rules/dated.ts';
import { DEMO_RULES, policyWith, rulesWith } from '../../support/rules.ts';
import { monthIndexArb, monthOfIndex } from './arbitraries.ts';

// A city with two dated values, so the boundary between them is tested as well as the one before the first.
const TWO = rulesWith({
  health: {
    retirementRewardFen: [
      { validFrom: '2025-01-01', value: 300_000, source: 'first' },
      { validFrom: '2027-07-01', value: 500_000, source: 'second' },
    ],
  },
});
const oneChildParent = { onlyChildParent: true };

describe('the reward in force for a retirement month (health.retirementRewardFen, read on its first day)', () => {
  it.each([
    ['2024-12', undefined],
    ['2025-01', 'first'],
    ['2027-06', 'first'],
    ['2027-07', 'second'],
    ['2099-12', 'second'],
  ])('%s → %s', (month, source) => {
    expect(checkHealth({ record: oneChildParent, retirementMonth: month, rules: TWO }).details.rewardSource).toBe(source);
  });

  it('the defaults hold no amount: the province’s regulation names none, so a city without its own standard asks staff', () => {
    expect(DEFAULT_RULES.health.retirementRewardFen).toEqual([]);
    expect(DEFAULT_POLICY.health.retirementRewardFen).toBeUndefined();
    const r = checkHealth({ record: oneChildParent, retirementMonth: '2027-01', rules: DEFAULT_RULES });
    expect(r.outcome).toBe('MANUAL');
    expect(r.reasons.map((x) => x.code)).toEqual(['HEALTH_REWARD_RULE_MISSING']);
  });

  it('the demo city’s amount starts 2025-01-01, cites the article it read and says it is a DEMO DEFAULT', () => {
    const [only, ...rest] = DEMO_RULES.health.retirementRewardFen;
    expect(rest).toEqual([]);
    expect(only?.validFrom).toBe('2025-01-01');
    expect(isDemoDefault(only!.source)).toBe(true);
    expect(only?.source).toContain('《广东省人口与计划生育条例》（2021-12-01 第九次修正）第三十六条第（一）项');
    const r = checkHealth({ record: oneChildParent, retirementMonth: '2027-01', rules: DEMO_RULES });
    expect(r.details).toMatchObject({ rewardFen: only!.value, rewardEffectiveFrom: '2025-01-01', rewardDemoDefault: true });
  });

  it('for any month, the value paid is the latest one in force on its first day', () => {
    fc.assert(
      fc.property(monthIndexArb(), (i) => {
        const month = monthOfIndex(i);
        const expected = [...TWO.health.retirementRewardFen].reverse().find((v) => v.validFrom <= `${month}-01`);
        expect(checkHealth({ record: oneChildParent, retirementMonth: month, rules: TWO }).details.rewardFen).toBe(expected?.value);
      }),
    );
  });

  it.each([
    [[{ validFrom: '2025-1-1', value: 1, source: 's' }], /validFrom/],
    [[{ validFrom: '2025-01-01', value: 0, source: 's' }], /retirementRewardFen/],
    [[{ validFrom: '2025-01-01', value: 10.5, source: 's' }], /retirementRewardFen/],
    [[{ validFrom: '2025-01-01', value: 1, source: ' ' }], /DEMO DEFAULT/],
    [[], /retirementRewardFen/],
    [
      [
        { validFrom: '2026-01-01', value: 1, source: 's' },
        { validFrom: '2026-01-01', value: 2, source: 's' },
      ],
      /later than the entry before it/,
    ],
  ])('a city file with a typo in the reward is refused (%#)', (list, message) => {
    expect(() => rulesWith({ health: { retirementRewardFen: list } })).toThrow(message);
  });
});

describe('checkHealth (卫健)', () => {
  it.each([
    ['no record at the health commission', undefined],
    ['not a one-child parent', { onlyChildParent: false }],
  ])('%s → NOT_APPLICABLE, no reward', (_what, record) => {
    const r = checkHealth({ record, retirementMonth: '2027-01', rules: TWO });
    expect(r.outcome).toBe('NOT_APPLICABLE');
    expect(r.reasons).toEqual([]);
    expect(r.details.rewardFen).toBeUndefined();
  });

  it.each([
    ['2025-01', 300_000, '2025-01-01'],
    ['2027-06', 300_000, '2025-01-01'],
    ['2027-07', 500_000, '2027-07-01'],
  ])('a one-child parent retiring in %s → PASS with ¥%i fen in force from %s', (month, fen, from) => {
    const r = checkHealth({ record: oneChildParent, retirementMonth: month, rules: TWO });
    expect(r).toMatchObject({
      outcome: 'PASS',
      reasons: [],
      details: { onlyChildParent: true, rewardFen: fen, rewardEffectiveFrom: from, retirementMonth: month, rewardDemoDefault: false },
    });
  });

  it('a one-child parent retiring before any dated value → MANUAL, the amount never guessed', () => {
    const r = checkHealth({ record: oneChildParent, retirementMonth: '2024-12', rules: TWO });
    expect(r.outcome).toBe('MANUAL');
    expect(r.reasons.map((x) => x.code)).toEqual(['HEALTH_REWARD_RULE_MISSING']);
    expect(r.details.rewardFen).toBeUndefined();
  });

  it('never refuses a retirement, whatever it is asked', () => {
    fc.assert(
      fc.property(fc.option(fc.record({ onlyChildParent: fc.boolean() }), { nil: undefined }), monthIndexArb(), fc.boolean(), (record, i, demo) => {
        expect(checkHealth({ record, retirementMonth: monthOfIndex(i), rules: demo ? DEMO_RULES : DEFAULT_RULES }).outcome).not.toBe('FAIL');
      }),
    );
  });
});

describe('policy: whether the city takes part', () => {
  it('the demo city does; a city may say it does not; anything but a boolean is refused', () => {
    expect(DEFAULT_POLICY.health.takesPart).toBe(true);
    expect(policyWith({ health: { takesPart: [{ validFrom: '2025-01-01', value: false, source: 'test' }] } }).health.takesPart).toBe(false);
    expect(() => policyWith({ health: { takesPart: [{ validFrom: '2025-01-01', value: 'no', source: 'test' }] } })).toThrow(/health.takesPart/);
  });
});
