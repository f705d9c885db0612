/**
 * 卫健 (the health commission) as the fifth department, through the real embedded stack: where the city takes part a
 * one-child parent gets PASS with the province's reward and a fifth sealed paper, anyone else NOT_APPLICABLE and no
 * paper; a city that does not take part (POLICY_OVERRIDES, as a deployment sets it) shows no health at all and never
 * asks the health commission. The expected amount is read from the dated rule, never from what the stack answered.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryOn } from '../../functions/domain/rules/dated.ts';
import { DEMO_RULES } from '../support/rules.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const person = (id: string) => demo.find((c) => c.idNumber === id);
// Statutory months as in tests/support/demo-scenarios.ts.
const LIN = { p: person('441900197108030169'), retirement: { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 } }; // one-child parent
const CHEN = { p: person('441900196610120130'), retirement: { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 } }; // not one

async function completeBoth(stack: TestStack) {
  const platform = await stack.client.token('platform');
  const cases = await Promise.all([LIN, CHEN].map((w) => bookAndSubmit(stack.client, platform, w.p, w.retirement)));
  return Promise.all(cases.map((c) => stack.client.waitForCase(c, platform, (x) => x.status === 'COMPLETED', 30_000)));
}

describe('卫健 where the city takes part (the demo city)', () => {
  let stack: TestStack;
  let lin: any;
  let chen: any;

  beforeAll(async () => {
    expect(LIN.p.health.onlyChildParent).toBe(true);
    expect(CHEN.p.health.onlyChildParent).toBe(false);
    stack = await startTestStack();
    [lin, chen] = await completeBoth(stack);
  }, 90_000);
  afterAll(() => stack?.close());

  it('a one-child parent: PASS with the reward in force on the first day of the retirement month, and a fifth sealed paper', () => {
    const expected = entryOn(DEMO_RULES.health.retirementRewardFen, '2027-01-01')!;
    expect(lin.decision).toBe('APPROVED');
    expect(lin.departments.health).toMatchObject({
      outcome: 'PASS',
      reasons: [],
      details: {
        onlyChildParent: true,
        retirementMonth: '2027-01',
        rewardFen: expected.value,
        rewardEffectiveFrom: expected.validFrom,
        rewardSource: expected.source,
        rewardDemoDefault: true,
      },
    });
    const paper = lin.documents.find((d: any) => d.documentId === `${lin.caseNumber}-05`);
    expect(paper).toMatchObject({ title: '独生子女父母退休奖励核定通知', contentType: 'application/pdf' });
    expect(lin.documents).toHaveLength(5);
  });

  it('anyone else: NOT_APPLICABLE, no reward, no health paper, and the case is decided as before', () => {
    expect(chen.decision).toBe('APPROVED');
    expect(chen.departments.health.outcome).toBe('NOT_APPLICABLE');
    expect(chen.departments.health.details.rewardFen).toBeUndefined();
    expect(chen.documents.map((d: any) => d.documentId.slice(-2))).not.toContain('05');
  });

  it('the health commission was asked once per case, with the audit headers', async () => {
    const calls = (await stack.standins.calls()).filter((c) => c.dept === 'health');
    expect(calls.map((c) => c.caseNumber).sort()).toEqual([lin.caseNumber, chen.caseNumber].sort());
    for (const c of calls) expect([c.status, c.callingSystem, typeof c.requestId]).toEqual([200, 'retireone-local', 'string']);
  });
});

describe('卫健 where the city does not take part', () => {
  let stack: TestStack;
  let lin: any;
  let chen: any;

  beforeAll(async () => {
    // The city's policy is read when the product starts, as `npm start` and each Lambda read POLICY_OVERRIDES.
    process.env.POLICY_OVERRIDES = JSON.stringify({
      health: { takesPart: [{ validFrom: '2025-01-01', value: false, source: 'DEMO DEFAULT: a city whose health commission does not take part' }] },
    });
    try {
      stack = await startTestStack();
    } finally {
      delete process.env.POLICY_OVERRIDES;
    }
    [lin, chen] = await completeBoth(stack);
  }, 90_000);
  afterAll(() => stack?.close());

  it('shows no health in the case view, issues no health paper, and still decides on the four', async () => {
    for (const c of [lin, chen]) {
      expect(c.decision).toBe('APPROVED');
      expect(Object.keys(c.departments).sort()).toEqual(['housingFund', 'hr', 'medical', 'tax']);
      expect(c.documents.map((d: any) => d.documentId.slice(-2))).not.toContain('05');
    }
    expect(lin.documents).toHaveLength(4);
    expect((await stack.standins.calls()).filter((c) => c.dept === 'health')).toEqual([]);
  });
});
