/**
 * Text messages at every stage, through the real embedded stack: each reaches the local SMS sink once, and the
 * timeline says a message went out only after the sink took it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // approved: 2027-04

describe('text messages at every stage', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-15' });
  }, 120_000);
  afterAll(async () => stack?.close());

  it('reproduces issue 10: a completed case says 已短信通知, yet the phone received nothing', async () => {
    const token = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const caseNumber = await bookAndSubmit(stack.client, token, CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');
    await new Promise((r) => setTimeout(r, 3000));
    const sent = (await stack.client.get(`/v1/dev/messages?to=${CHEN.phone}`)).body.messages.filter((m: any) => m.caseNumber === caseNumber);
    const claimsSent = done.timeline.some((t: any) => t.note.includes('已短信通知'));
    expect({ claimsSent, kinds: sent.map((m: any) => m.kind) }).toEqual({ claimsSent: true, kinds: ['booked', 'submitted', 'decided', 'documents-ready'] });
  }, 60_000);
});
