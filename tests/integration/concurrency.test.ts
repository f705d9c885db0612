/**
 * What two people or two retries can do at once, done at once through the real stack: one decision wins,
 * one Idempotency-Key runs its request once, and four eyes compare the person, not the account.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LOAN = demo.get('441900196608190252'); // 刘伟: housing loan outstanding → housingFund MANUAL, statutory 2027-01

describe('concurrency', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-10', waitTimeoutSeconds: 30 });
  });
  afterAll(() => stack?.close());

  async function caseOf(name: string, until: (c: any) => boolean): Promise<{ caseNumber: string; token: string }> {
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: LOAN.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: LOAN.idNumber, name: LOAN.name, phone: LOAN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const form = applicationFor({ ...LOAN, name }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${booked.body.caseNumber}/application`, form, token)).status).toBe(202);
    await client.waitForCase(booked.body.caseNumber, token, until);
    return { caseNumber: booked.body.caseNumber, token };
  }
  const waitingForManual = (c: any) => c.status === 'MANUAL_REVIEW';
  const waitingForPreReview = (c: any) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工核实/.test(t.note));

  /** Ends the case, so the next test may book for the same person. */
  async function finish(caseNumber: string, token: string) {
    const c = await stack.client.waitForCase(caseNumber, token, (x) => ['COMPLETED', 'WITHDRAWN'].includes(x.status), 30_000);
    expect(['COMPLETED', 'WITHDRAWN']).toContain(c.status);
    return c;
  }

  it('eight staff deciding one manual review at once, department-specific and case-wide: exactly one wins', async () => {
    const { client } = stack;
    const { caseNumber, token } = await caseOf(LOAN.name, waitingForManual);
    const staff = await Promise.all(Array.from({ length: 8 }, (_, i) => client.token('supervisor', { name: `staff${i}` })));
    const decisions = staff.map((t, i) => ({
      token: t,
      body: { stage: 'manual', ...(i % 2 === 0 ? { department: 'housingFund' } : {}), outcome: i % 4 < 2 ? 'PASS' : 'FAIL', note: `决定 ${i}` },
    }));
    const answers = await Promise.all(
      decisions.map((d) => client.post(`/v1/staff/cases/${caseNumber}/reviews`, d.body, d.token, { 'Idempotency-Key': crypto.randomUUID() })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const winner = decisions[statuses.indexOf(202)]!;
    const done = await finish(caseNumber, token);
    expect(done.decision).toBe(winner.body.outcome === 'PASS' ? 'APPROVED' : 'REJECTED');
    expect(done.departments.housingFund.outcome).toBe(winner.body.outcome);
  });

  it('eight withdrawals with one Idempotency-Key at once: the case is withdrawn once, every answer is the first or "in progress"', async () => {
    const { client } = stack;
    const { caseNumber, token } = await caseOf(LOAN.name, waitingForManual);
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => client.post(`/v1/cases/${caseNumber}/withdrawal`, { reason: '改期办理' }, token, { 'Idempotency-Key': key })),
    );
    const accepted = answers.filter((a) => a.status === 202);
    const busy = answers.filter((a) => a.status === 409);
    expect(accepted.length + busy.length).toBe(8);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const a of accepted) expect(a.body).toEqual(accepted[0]!.body);
    for (const b of busy) expect(b.headers.get('retry-after')).toBe('1');
    const replay = await client.post(`/v1/cases/${caseNumber}/withdrawal`, { reason: '改期办理' }, token, { 'Idempotency-Key': key });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(accepted[0]!.body);
    const c = await finish(caseNumber, token);
    expect(c.status).toBe('WITHDRAWN');
    expect(c.timeline.filter((t: any) => t.status === 'WITHDRAWN')).toHaveLength(1);
  });

  it('four eyes compare the person: one staffId with two roles may not decide both stages; another person may', async () => {
    const { client } = stack;
    const { caseNumber, token } = await caseOf('刘 伟', waitingForPreReview);
    const alicePre = await client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const aliceSupervisor = await client.token('supervisor', { name: 'alice-sup', staffId: 'S1001' });
    const bob = await client.token('supervisor', { name: 'bob', staffId: 'S2002' });
    const pre = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'pre-review', outcome: 'PASS', note: '本人确认' }, alicePre);
    expect(pre.status).toBe(202);
    await client.waitForCase(caseNumber, token, waitingForManual);
    const manual = { stage: 'manual', department: 'housingFund', outcome: 'FAIL', note: '贷款未结清' };
    const same = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, manual, aliceSupervisor);
    expect(same.status).toBe(403);
    expect((await client.post(`/v1/staff/cases/${caseNumber}/reviews`, manual, bob)).status).toBe(202);
    const done = await finish(caseNumber, token);
    expect(done.decision).toBe('REJECTED');
  });
});
