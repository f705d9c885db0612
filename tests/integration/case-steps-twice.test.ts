/**
 * The case steps may run twice at once. Express workflows run at least once; and a run that outlived the case
 * workflow's timeout is not stopped (StopExecution does not stop Express runs), while the case workflow's Retry
 * starts the next. So, through the real stack, two more runs of the same steps — pre-review, the checks at once, the
 * decision, the seal that completes the case and leaves its message — race the one the workflow started: the case is decided once, sealed once and
 * announced once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as checkHealth } from '../../functions/steps/check-health.ts';
import { handler as checkHousingFund } from '../../functions/steps/check-housing-fund.ts';
import { handler as checkHr } from '../../functions/steps/check-hr.ts';
import { handler as checkMedical } from '../../functions/steps/check-medical.ts';
import { handler as checkTax } from '../../functions/steps/check-tax.ts';
import { handler as decide } from '../../functions/steps/decide.ts';
import { handler as preReview } from '../../functions/steps/pre-review.ts';
import { handler as seal } from '../../functions/steps/seal.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack, storedPdfsOf } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // statutory 2027-04, every department passes
const none = {} as never;

/** A step, retried on TransientStoreError as the ASL's Retry does (a seal claim held by the other run, a lost race). */
async function retried<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if ((err as Error).name !== 'TransientStoreError' || attempt === 20) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** One run of the case steps, as workflows/case-steps.asl.json orders them; how far it got. */
async function runCaseSteps(caseNumber: string): Promise<string> {
  const input = { caseNumber };
  // As the ASL asks them: the pre-review hands the case on as it left it, sealed, to the checks and Decide.
  const pre = (await retried(() => preReview({ ...input, handChecks: true }, none))) as { outcome: string; snapshot: string | null };
  if (pre.outcome !== 'PASS') return `pre-review ${pre.outcome}`;
  const { snapshot } = pre;
  // Each check hands its answer to Decide, which records them all with the decision.
  const checks = await Promise.all(
    [checkHr, checkTax, checkMedical, checkHousingFund, checkHealth].map((check) => retried(() => check({ ...input, returnAnswer: true, snapshot }, none))),
  );
  const decided = (await retried(() => decide({ caseNumber, checks, snapshot }, none))) as { needsManualReview: boolean };
  if (decided.needsManualReview) return 'manual review';
  // The seal completes the case with its papers and leaves the citizen's message (complete-case.ts).
  await retried(() => seal(input, none));
  return 'sealed';
}

describe('the case steps run twice at once', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-10' });
  });
  afterAll(() => stack?.close());

  it('decides, seals and announces the case once', async () => {
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: CHEN.idNumber });
    const caseNumber = await bookAndSubmit(client, token, CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });

    // The workflow's own run is under way; two more start now, each step retried as the workflow retries it. None may
    // leave a second decision, paper or message behind.
    const runs = await Promise.all([runCaseSteps(caseNumber), runCaseSteps(caseNumber)]);
    // The race took place: beside the workflow's run, both ran every step to the seal, which leaves the message.
    expect(runs).toEqual(['sealed', 'sealed']);
    const done = await client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');
    await stack.engine.idle();
    await stack.textMessages.drain();

    expect(done.decision).toBe('APPROVED');
    const statuses = done.timeline.map((t: any) => t.status);
    for (const once of ['PRE_REVIEW', 'CHECKING', 'SEALING', 'COMPLETED'])
      expect(
        statuses.filter((s: string) => s === once),
        once,
      ).toHaveLength(1);
    const ids = done.documents.map((d: any) => d.documentId);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = storedPdfsOf(stack.dataDir, caseNumber);
    expect(stored).toHaveLength(ids.length);
    const sent = ((await client.get(`/v1/dev/messages?to=${CHEN.phone}`)).body.messages as any[]).filter((m) => m.caseNumber === caseNumber);
    expect(sent.filter((m) => m.kind === 'documents-ready')).toHaveLength(1);
    expect(sent.filter((m) => m.kind === 'decided')).toHaveLength(1);
  }, 60_000);
});
