/**
 * No stranded case: a step that fails for good leaves the case NEEDS_ATTENTION — first on the staff queue,
 * with the error, still open for its person — and a supervisor's retry resumes it at the step that failed.
 * A booking whose execution never started is started by the reconciler, once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack, storedPdfsOf } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const ALL_PASS = demo.get('441900196610120130'); // 陈志明: statutory 2027-04, every department passes
const CADRE = demo.get('441900197108030169'); // 林秀英
const EARLY = demo.get('441900196608190252'); // 刘伟: booked earlier, so an earlier deadline
const UNSTARTED = demo.get('441900196609300193'); // 王建华
const TODAY = '2026-12-10';

describe('a step that fails for good', () => {
  let stack: TestStack;
  let alice: string; // pre-review team
  let bob: string; // supervisor
  const started: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: TODAY, reconcileIntervalMs: 300 });
    stack.engine.onExecutionStart = (name) => started.push(name);
    alice = await stack.client.token('pre-review', { name: 'alice' });
    bob = await stack.client.token('supervisor', { name: 'bob' });
  });
  afterAll(() => stack?.close());

  const bookingOf = (p: any) => ({ idNumber: p.idNumber, name: p.name, phone: p.phone, channel: 'online' });
  async function book(person: any, token: string): Promise<string> {
    const res = await stack.client.post('/v1/bookings', bookingOf(person), token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(res.status).toBe(201);
    return res.body.caseNumber;
  }

  it('Seal fails: NEEDS_ATTENTION first on the queue with the error; no rebooking; a supervisor retry completes it with one set of documents', async () => {
    const { client } = stack;
    // An open case with an earlier deadline, which the oldest-deadline order alone would put first.
    stack.setToday('2026-12-01');
    const earlyCase = await book(EARLY, await client.token('citizen', { idNumber: EARLY.idNumber }));
    stack.setToday(TODAY);

    const token = await client.token('citizen', { idNumber: ALL_PASS.idNumber });
    const caseNumber = await book(ALL_PASS, token);
    stack.engine.failState('Seal', 1);
    const form = applicationFor(ALL_PASS, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const failed = await client.waitForCase(caseNumber, token, (c) => c.status === 'NEEDS_ATTENTION');
    expect(failed.timeline.at(-1)).toMatchObject({ status: 'NEEDS_ATTENTION', actor: 'system', note: '系统处理遇到问题，已转工作人员处理' });
    expect(failed.documents).toEqual([]);

    const queue = await client.get('/v1/staff/cases', alice);
    expect(queue.status).toBe(200);
    expect(queue.body.map((i: any) => i.caseNumber)).toContain(earlyCase);
    expect(queue.body[0]).toMatchObject({
      caseNumber,
      status: 'NEEDS_ATTENTION',
      attention: { failedState: 'Seal', error: 'InjectedFailure', cause: 'injected failure of Seal', fromStatus: 'SEALING' },
    });
    expect(queue.body.find((i: any) => i.caseNumber === earlyCase).attention).toBeUndefined();

    // Still open: the person's lock is held and names this case.
    const rebook = await client.post('/v1/bookings', bookingOf(ALL_PASS), token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(rebook.status).toBe(409);
    expect(rebook.body.caseNumber).toBe(caseNumber);

    expect((await client.post(`/v1/staff/cases/${caseNumber}/retry`, undefined, alice)).status).toBe(403);
    const otherCase = await client.post(`/v1/staff/cases/${earlyCase}/retry`, undefined, bob);
    expect(otherCase.status).toBe(409);

    const retry = await client.post(`/v1/staff/cases/${caseNumber}/retry`, undefined, bob);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({ caseNumber, status: 'SEALING' });
    const done = await client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');
    expect(done.decision).toBe('APPROVED');
    expect(started).toContain(`${caseNumber}-retry-1`);
    const ids = done.documents.map((d: any) => d.documentId);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = storedPdfsOf(stack.dataDir, caseNumber);
    expect(stored).toHaveLength(ids.length);
    expect(done.timeline.map((t: any) => t.status).slice(-4)).toEqual(['SEALING', 'NEEDS_ATTENTION', 'SEALING', 'COMPLETED']);

    // Done once: a second retry is refused.
    expect((await client.post(`/v1/staff/cases/${caseNumber}/retry`, undefined, bob)).status).toBe(409);
  });

  it('PreReview fails: the case waits for staff, and its person may withdraw it and book again', async () => {
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: CADRE.idNumber });
    const caseNumber = await book(CADRE, token);
    stack.engine.failState('PreReview', 1);
    const form = applicationFor(CADRE, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 50 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await client.waitForCase(caseNumber, token, (c) => c.status === 'NEEDS_ATTENTION');
    const item = (await client.get('/v1/staff/cases?status=NEEDS_ATTENTION', alice)).body.find((i: any) => i.caseNumber === caseNumber);
    expect(item.attention).toMatchObject({ failedState: 'PreReview', fromStatus: 'SUBMITTED' });

    const withdrawn = await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(withdrawn.status).toBe(202);
    expect(withdrawn.body).toEqual({ caseNumber, status: 'WITHDRAWN' });
    expect((await client.get(`/v1/cases/${caseNumber}`, token)).body.status).toBe('WITHDRAWN');
    expect((await client.post(`/v1/staff/cases/${caseNumber}/retry`, undefined, bob)).status).toBe(409);
    const again = await book(CADRE, token);
    expect(again).not.toBe(caseNumber);
  });

  it('a booking whose execution did not start is started by the reconciler, exactly once', async () => {
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: UNSTARTED.idNumber });
    stack.engine.refuseStarts(1);
    const failedBooking = await client.post('/v1/bookings', bookingOf(UNSTARTED), token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(failedBooking.status).toBe(500);
    // The booking itself was stored: the lock names the case.
    const conflict = await client.post('/v1/bookings', bookingOf(UNSTARTED), token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(conflict.status).toBe(409);
    const caseNumber: string = conflict.body.caseNumber;

    const deadline = Date.now() + 10_000;
    while (!stack.engine.isRunning(caseNumber) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stack.engine.isRunning(caseNumber)).toBe(true);
    // Running already: another pass starts nothing.
    expect(await stack.reconcile()).toBe(0);
    await new Promise((r) => setTimeout(r, 700)); // two more periodic passes
    expect(started.filter((n) => n.startsWith(caseNumber))).toEqual([caseNumber]);

    const form = applicationFor(UNSTARTED, { type: 'normal', requestedMonth: '2027-06', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const moved = await client.waitForCase(caseNumber, token, (c) => !['BOOKED', 'SUBMITTED'].includes(c.status));
    expect(moved.timeline.map((t: any) => t.status)).toContain('PRE_REVIEW');
  });
});
