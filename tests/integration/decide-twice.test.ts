/**
 * Decide records the checks' answers with the decision (case-steps.asl.json). Two runs of it at once may hold
 * different answers: a department asked twice (Express runs at least once) may have answered differently in
 * between. Only one decision is written, and the run that lost the race routes by the recorded one, not by its own.
 * Through the real stack: the tax department is down, so the workflow's own run holds the case in CHECKING while
 * two more Decides race, one told every department passed and one told tax refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as decide } from '../../functions/steps/decide.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // statutory 2027-04, every department passes
const none = {} as never;

const answer = (outcome: 'PASS' | 'FAIL') => ({
  outcome,
  reasons: outcome === 'FAIL' ? [{ code: 'TAX_ARREARS' as const, message: '社保费尚有欠缴' }] : [],
  details: {},
});
const checksWithTax = (tax: 'PASS' | 'FAIL') =>
  (['hr', 'tax', 'medical', 'housingFund'] as const).map((department) => {
    const result = answer(department === 'tax' ? tax : 'PASS');
    return { department, outcome: result.outcome, result };
  });

describe('two Decides at once, with different answers', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Retry pauses at a fiftieth of the ASL's: the workflow's own run waits on tax for a few seconds.
    stack = await startTestStack({ clockToday: '2026-12-10', retryIntervalMs: undefined, retryTimeScale: 1 / 50 });
  });
  afterAll(() => stack?.close());

  it('write one decision, and both route by it', async () => {
    const { client } = stack;
    const platform = await client.token('platform');
    const setTax = (mode: string) => client.request('PUT', '/v1/dev/departments/tax/faults', { body: { mode } });
    expect((await setTax('down')).status).toBe(200);
    let caseNumber: string;
    let raced: unknown[];
    try {
      caseNumber = await bookAndSubmit(client, platform, CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
      await client.waitForCase(caseNumber, platform, (c) => c.status === 'CHECKING');
      raced = await Promise.all([decide({ caseNumber, checks: checksWithTax('PASS') }, none), decide({ caseNumber, checks: checksWithTax('FAIL') }, none)]);
    } finally {
      await setTax('up');
    }
    const done = await client.waitForCase(caseNumber, platform, (c) => c.status === 'COMPLETED');
    expect(['APPROVED', 'REJECTED']).toContain(done.decision);
    // Both runs go on to seal what the case records, whichever of them wrote it.
    expect(raced).toEqual([
      { needsManualReview: false, decision: done.decision },
      { needsManualReview: false, decision: done.decision },
    ]);
    expect(done.departments.tax.outcome).toBe(done.decision === 'APPROVED' ? 'PASS' : 'FAIL');
    expect(done.timeline.filter((t: any) => t.status === 'SEALING')).toHaveLength(1);
  }, 60_000);
});
