/**
 * The form's submission reads the waiting step's task token with the case, before its own write, and resumes the
 * workflow with it afterwards (functions/api/signal.ts): one request fewer a case (issue 13). The token read before
 * may no longer be the one waiting; then the token is read again after the write, as it always was, so a signal is
 * never lost. On the other side, the step that waits for the form saves its token with a check of the case in one
 * transaction (TaskTokenStore.saveWhileFormAwaited), and resumes itself when the form came first. Through the real
 * embedded stack.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalWaitingStep } from '../../functions/api/signal.ts';
import { handler as awaitSignal } from '../../functions/steps/await-signal.ts';
import { DEMO_SCENARIOS } from '../support/demo-scenarios.ts';
import { applicationFor, bookOwnCase, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const leftSubmitted = (c: any) => !['BOOKED', 'SUBMITTED'].includes(c.status);

describe('the form resumes the waiting workflow with the token it read with the case', () => {
  let stack: TestStack;
  let tokenReads = 0;
  const readsOrSaves: string[] = [];
  /** The case numbers of the forms sent at once (the third test), each with its form. */
  const sentAtOnce: string[] = [];
  // Those whose month the form may ask for on this day (2026-12 to 2027-06); the first two are booked first.
  const formsSentAtOnce = DEMO_SCENARIOS.slice(2).filter((r) => r.month >= '2026-12' && r.month <= '2027-06');
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-15' });
    // The reads of a case and the plain saves of a token, by case number: the other cases of the suite may still be on
    // their way, and their text messages, so the table's requests are not counted as a whole.
    const { cases, taskTokens } = stack.runtime;
    const get = cases.get.bind(cases);
    cases.get = (caseNumber) => {
      readsOrSaves.push(caseNumber);
      return get(caseNumber);
    };
    const save = taskTokens.save.bind(taskTokens);
    taskTokens.save = (caseNumber, ...rest) => {
      readsOrSaves.push(caseNumber);
      return save(caseNumber, ...rest);
    };
    const getToken = taskTokens.get.bind(taskTokens);
    taskTokens.get = (...args) => {
      tokenReads++;
      return getToken(...args);
    };
  });
  afterAll(() => stack?.close());

  /** A booked case whose workflow waits for the form, with the token it waits under. */
  async function waiting(person: any) {
    const booked = await bookOwnCase(stack.client, person);
    const deadline = Date.now() + 10_000;
    let token: string | undefined;
    while (!token && Date.now() < deadline) {
      token = (await stack.runtime.cases.getWithToken(booked.caseNumber, 'application')).token;
      if (!token) await new Promise((r) => setTimeout(r, 20));
    }
    return { ...booked, waitingToken: token! };
  }

  it('resumes with the token read before the write, reading nothing again', async () => {
    const person = demo.get(DEMO_SCENARIOS[0]!.id);
    const c = await waiting(person);
    const before = tokenReads;
    await signalWaitingStep(stack.runtime, c.caseNumber, 'application', { outcome: 'SUBMITTED' }, c.waitingToken);
    expect(tokenReads - before).toBe(0);
    expect(await stack.runtime.workflow.sendTaskSuccess(c.waitingToken, { outcome: 'SUBMITTED' })).toBe(false);
  });

  it('reads the token again when the one read before is no longer waiting, and resumes with that', async () => {
    const person = demo.get(DEMO_SCENARIOS[1]!.id);
    const c = await waiting(person);
    const before = tokenReads;
    await signalWaitingStep(stack.runtime, c.caseNumber, 'application', { outcome: 'SUBMITTED' }, 'a-token-no-step-waits-under');
    expect(tokenReads - before).toBe(1);
    // The step was resumed: its token is spent.
    expect(await stack.runtime.workflow.sendTaskSuccess(c.waitingToken, { outcome: 'SUBMITTED' })).toBe(false);
  });

  it('loses no signal when every demo person books and sends the form at once, with no pause between', async () => {
    const rows = formsSentAtOnce;
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const cases = await Promise.all(
      rows.map(async (row) => {
        const person = demo.get(row.id);
        const { caseNumber, token } = await bookOwnCase(stack.client, person);
        const form = applicationFor(person, { type: row.type, requestedMonth: row.month, originalRetirementAge: person.hr.originalRetirementAge });
        const sent = await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token);
        return { caseNumber, token, status: sent.status };
      }),
    );
    expect(cases.map((c) => c.status)).toEqual(rows.map(() => 202));
    const settled = await Promise.all(cases.map((c) => stack.client.waitForCase(c.caseNumber, c.token, leftSubmitted)));
    expect(settled.filter(leftSubmitted)).toHaveLength(rows.length);
    sentAtOnce.push(...cases.map((c) => c.caseNumber));
  });

  it('the step that waits for the form saves its token with a check of the case in one transaction, and resumes itself when the form came first', async () => {
    // Someone none of the tests above booked (a month the form could not ask for today: booking is all this needs).
    const used = new Set([...DEMO_SCENARIOS.slice(0, 2), ...formsSentAtOnce].map((r) => r.id));
    const c = await waiting(demo.get(DEMO_SCENARIOS.find((r) => !used.has(r.id))!.id));
    const before = readsOrSaves.length;
    expect(await awaitSignal({ caseNumber: c.caseNumber, stage: 'application', taskToken: 'a-second-wait' }, {} as never)).toEqual({ waiting: true });
    // Neither saved on its own nor followed by a read of the case: the one transaction did both.
    expect(readsOrSaves.slice(before).filter((n) => n === c.caseNumber)).toEqual([]);
    expect((await stack.runtime.cases.getWithToken(c.caseNumber, 'application')).token).toBe('a-second-wait');

    const sent = (await stack.runtime.cases.get(sentAtOnce[0]!))!;
    expect(sent.application).toBeDefined();
    expect(await awaitSignal({ caseNumber: sent.caseNumber, stage: 'application', taskToken: 'late-wait' }, {} as never)).toEqual({ waiting: false });
  });
});
