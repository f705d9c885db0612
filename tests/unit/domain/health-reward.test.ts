import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../../functions/domain/health-check.ts';
import {
  checkedSchedule,
  GUANGDONG_ONE_CHILD_PARENT_RETIREMENT_REWARD,
  type HealthRewardValue,
  rewardInForce,
} from '../../../functions/domain/health-reward.ts';
import { DEFAULT_POLICY } from '../../../functions/domain/policy.ts';
import { policyWith } from '../../support/rules.ts';
import { monthIndexArb, monthOfIndex } from './arbitraries.ts';

// A schedule of two dated values, so the boundary between them is tested as well as the one before the first.
const TWO: readonly HealthRewardValue[] = checkedSchedule([
  { effectiveFrom: '2025-01-01', amountFen: 300_000, source: 'first', demoDefault: true },
  { effectiveFrom: '2027-07-01', amountFen: 500_000, source: 'second', demoDefault: false },
]);

describe('the reward in force on a day (dated values)', () => {
  it.each([
    ['0001-01-01', undefined],
    ['2024-12-31', undefined],
    ['2025-01-01', 'first'],
    ['2025-01-02', 'first'],
    ['2027-06-30', 'first'],
    ['2027-07-01', 'second'],
    ['9999-12-31', 'second'],
  ])('%s → %s', (day, source) => {
    expect(rewardInForce(day, TWO)?.source).toBe(source);
  });

  it('the shipped Guangdong value starts 2025-01-01 and says it is a DEMO DEFAULT', () => {
    expect(rewardInForce('2024-12-31')).toBeUndefined();
    const v = rewardInForce('2025-01-01');
    expect(v?.amountFen).toBe(GUANGDONG_ONE_CHILD_PARENT_RETIREMENT_REWARD[0]!.amountFen);
    expect(v?.demoDefault).toBe(true);
    expect(v?.source).toContain('广东省人口与计划生育条例');
  });

  it('for any day, the value in force is the latest one not after it', () => {
    fc.assert(
      fc.property(monthIndexArb(), fc.integer({ min: 1, max: 28 }), (i, d) => {
        const day = `${monthOfIndex(i)}-${String(d).padStart(2, '0')}`;
        const expected = [...TWO].reverse().find((v) => v.effectiveFrom <= day);
        expect(rewardInForce(day, TWO)).toBe(expected);
      }),
    );
  });

  it.each([
    [[{ effectiveFrom: '2025-1-1', amountFen: 1, source: 's', demoDefault: true }], /YYYY-MM-DD/],
    [[{ effectiveFrom: '2025-01-01', amountFen: 0, source: 's', demoDefault: true }], /positive whole number of fen/],
    [[{ effectiveFrom: '2025-01-01', amountFen: 10.5, source: 's', demoDefault: true }], /positive whole number of fen/],
    [[{ effectiveFrom: '2025-01-01', amountFen: 1, source: ' ', demoDefault: true }], /source/],
    [
      [
        { effectiveFrom: '2026-01-01', amountFen: 1, source: 's', demoDefault: true },
        { effectiveFrom: '2026-01-01', amountFen: 2, source: 's', demoDefault: true },
      ],
      /dates must increase/,
    ],
  ])('a schedule with a typo is refused (%#)', (values, message) => {
    expect(() => checkedSchedule(values)).toThrow(message);
  });
});

describe('checkHealth (卫健)', () => {
  it.each([
    ['no record at the health commission', undefined],
    ['not a one-child parent', { onlyChildParent: false }],
  ])('%s → NOT_APPLICABLE, no reward', (_what, record) => {
    const r = checkHealth({ record, retirementMonth: '2027-01', schedule: TWO });
    expect(r.outcome).toBe('NOT_APPLICABLE');
    expect(r.reasons).toEqual([]);
    expect(r.details.rewardFen).toBeUndefined();
  });

  it.each([
    ['2025-01', 300_000, '2025-01-01'],
    ['2027-06', 300_000, '2025-01-01'],
    ['2027-07', 500_000, '2027-07-01'],
  ])('a one-child parent retiring in %s → PASS with ¥%i fen in force from %s', (month, fen, from) => {
    const r = checkHealth({ record: { onlyChildParent: true }, retirementMonth: month, schedule: TWO });
    expect(r).toMatchObject({
      outcome: 'PASS',
      reasons: [],
      details: { onlyChildParent: true, rewardFen: fen, rewardEffectiveFrom: from, retirementMonth: month },
    });
  });

  it('a one-child parent retiring before any dated value → MANUAL, the amount never guessed', () => {
    const r = checkHealth({ record: { onlyChildParent: true }, retirementMonth: '2024-12', schedule: TWO });
    expect(r.outcome).toBe('MANUAL');
    expect(r.reasons.map((x) => x.code)).toEqual(['HEALTH_REWARD_RULE_MISSING']);
    expect(r.details.rewardFen).toBeUndefined();
  });

  it('never refuses a retirement, whatever it is asked', () => {
    fc.assert(
      fc.property(fc.option(fc.record({ onlyChildParent: fc.boolean() }), { nil: undefined }), monthIndexArb(), (record, i) => {
        expect(checkHealth({ record, retirementMonth: monthOfIndex(i) }).outcome).not.toBe('FAIL');
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
