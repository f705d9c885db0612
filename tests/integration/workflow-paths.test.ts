/**
 * The workflow's less travelled paths, through the real embedded stack: a person decides what the rules
 * could not (with four eyes), a department that does not answer, a form that never comes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LOAN = demo.get('441900196608190252'); // 刘伟: housing loan outstanding, statutory 2027-01
const ALL_PASS = demo.get('441900196610120130'); // 陈志明: statutory 2027-04
const CADRE = demo.get('441900197108030169'); // 林秀英: statutory 2027-01
const CHECKS_ASL = JSON.parse(readFileSync(new URL('../../workflows/case-steps.asl.json', import.meta.url), 'utf8'));
const CASE_ASL = JSON.parse(readFileSync(new URL('../../workflows/retirement-case.asl.json', import.meta.url), 'utf8'));
const TAX_MAX_ATTEMPTS: number = CHECKS_ASL.States.AskDepartments.Branches.find((b: any) => b.StartAt === 'CheckTax').States.CheckTax.Retry[0].MaxAttempts;
/** The case workflow runs the checks again after a failed run: each run asks a silent department 1 + its retries times. */
const CHECK_RUNS: number = 1 + CASE_ASL.States.RunCase.Retry.find((r: any) => r.ErrorEquals.includes('States.TaskFailed')).MaxAttempts;

describe('workflow paths', () => {
  let stack: TestStack;
  let alice: string; // pre-review team
  let bob: string; // supervisor

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-10', waitTimeoutSeconds: 1 });
    alice = await stack.client.token('pre-review', { name: 'alice' });
    bob = await stack.client.token('supervisor', { name: 'bob' });
  });
  afterAll(() => stack?.close());

  async function book(person: any, token: string): Promise<string> {
    const res = await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(res.status).toBe(201);
    return res.body.caseNumber;
  }

  it('pre-review by one person, manual review by another: the same person may not decide both', async () => {
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: LOAN.idNumber });
    const caseNumber = await book(LOAN, token);
    // The name on the form differs from the booking: pre-review needs a person.
    const form = applicationFor({ ...LOAN, name: '刘 伟' }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    let c = await client.waitForCase(caseNumber, token, (x) => x.status === 'PRE_REVIEW' && x.timeline.some((t: any) => /人工核实/.test(t.note)));
    expect(c.departments.hr.outcome).toBe('PENDING');

    // A manual review is refused while the case waits for pre-review.
    expect((await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'manual', outcome: 'PASS', note: 'x' }, bob)).status).toBe(409);
    const pre = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'pre-review', outcome: 'PASS', note: '姓名中多一空格，本人确认' }, alice);
    expect(pre.status).toBe(202);
    // The same decision again is refused, not applied twice.
    expect((await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'pre-review', outcome: 'PASS', note: 'again' }, alice)).status).toBe(409);

    c = await client.waitForCase(caseNumber, token, (x) => x.status === 'MANUAL_REVIEW');
    expect(c.departments.housingFund.outcome).toBe('MANUAL');
    const sameReviewer = await client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'manual', department: 'housingFund', outcome: 'PASS', note: '已约定还款' },
      alice,
    );
    expect(sameReviewer.status).toBe(403);
    const wrongDept = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'manual', department: 'tax', outcome: 'PASS', note: 'x' }, bob);
    expect(wrongDept.status).toBe(400);
    expect(wrongDept.body.errors[0].path).toBe('department');

    const manual = await client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'manual', department: 'housingFund', outcome: 'FAIL', note: '贷款未结清，暂不予提取' },
      bob,
    );
    expect(manual.status).toBe(202);
    c = await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED');
    expect(c.decision).toBe('REJECTED');
    expect(c.departments.housingFund.outcome).toBe('FAIL');
    expect(c.departments.housingFund.reasons.map((r: any) => r.code)).toContain('STAFF_DECISION');
    expect(c.timeline.filter((t: any) => t.actor.includes('alice') || t.actor.includes('bob'))).toHaveLength(2);
    expect(c.documents.length).toBeGreaterThanOrEqual(1);
  });

  it('a department that does not answer becomes MANUAL with DEPARTMENT_UNAVAILABLE, after retries, and a person decides', async () => {
    const { client, standins } = stack;
    const token = await client.token('citizen', { idNumber: CADRE.idNumber });
    const caseNumber = await book(CADRE, token);
    await standins.setUnavailable('tax', true);
    await standins.clearCalls();
    try {
      const form = applicationFor(CADRE, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 });
      expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
      const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'MANUAL_REVIEW');
      expect(c.departments.tax.outcome).toBe('MANUAL');
      expect(c.departments.tax.reasons[0].code).toBe('DEPARTMENT_UNAVAILABLE');
      expect(c.departments.hr.outcome).toBe('PASS');
      const taxCalls = (await standins.calls()).filter((call) => call.dept === 'tax' && call.caseNumber === caseNumber);
      // Each run of the checks: a first attempt plus the Retry's attempts, each carrying the case number and the caller.
      expect(taxCalls).toHaveLength(CHECK_RUNS * (1 + TAX_MAX_ATTEMPTS));
      expect(new Set(taxCalls.map((t) => t.requestId)).size).toBe(CHECK_RUNS * (1 + TAX_MAX_ATTEMPTS));
      expect(taxCalls.every((t) => t.callingSystem === 'retireone-local')).toBe(true);
    } finally {
      await standins.setUnavailable('tax', false);
    }
    expect(
      (await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'manual', department: 'tax', outcome: 'PASS', note: '电话核实无欠缴' }, bob)).status,
    ).toBe(202);
    const done = await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED');
    expect(done.decision).toBe('APPROVED');
  });

  it('no form before the deadline: the case expires and the person may book again', async () => {
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: ALL_PASS.idNumber });
    const caseNumber = await book(ALL_PASS, token);
    const booked = (await client.get(`/v1/cases/${caseNumber}`, token)).body;
    // Waits wake every second in this stack; nothing expires before the deadline passes.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await client.get(`/v1/cases/${caseNumber}`, token)).body.status).toBe('BOOKED');
    const again = await client.post('/v1/bookings', { idNumber: ALL_PASS.idNumber, name: ALL_PASS.name, phone: ALL_PASS.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(again.status).toBe(409);
    expect(again.body.caseNumber).toBe(caseNumber);

    const dayAfter = new Date(Date.parse(`${booked.deadline}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    stack.setToday(dayAfter);
    try {
      const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'EXPIRED', 10_000);
      expect(c.timeline.at(-1).status).toBe('EXPIRED');
      const late = await client.post(
        `/v1/cases/${caseNumber}/application`,
        applicationFor(ALL_PASS, { type: 'normal', requestedMonth: dayAfter.slice(0, 7), originalRetirementAge: 60 }),
        token,
      );
      expect(late.status).toBe(409);
      const rebook = await client.post('/v1/bookings', { idNumber: ALL_PASS.idNumber, name: ALL_PASS.name, phone: ALL_PASS.phone, channel: 'online' }, token, {
        'Idempotency-Key': crypto.randomUUID(),
      });
      expect(rebook.status).toBe(201);
      expect(rebook.body.caseNumber).not.toBe(caseNumber);
    } finally {
      stack.setToday('2026-12-10');
    }
  });

  it('progress as server-sent events: every status once, and only what is new after Last-Event-ID', async () => {
    const { client } = stack;
    const person = demo.get('441900196606050416'); // 高文斌: statutory 2026-11, all records sufficient
    const token = await client.token('citizen', { idNumber: person.idNumber });
    const caseNumber = await book(person, token);
    const first = await client.request('GET', `/v1/cases/${caseNumber}/events`, { token });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = Buffer.from(first.bytes).toString('utf8');
    expect(text).toMatch(/^retry: \d+/);
    expect(text).toContain('id: 0\nevent: status\n');
    expect(JSON.parse(/event: case\ndata: (.*)\n/.exec(text)![1]).status).toBe('BOOKED');

    const form = applicationFor(person, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const done = await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED');
    const lastSeen = 0;
    const rest = Buffer.from(
      (await client.request('GET', `/v1/cases/${caseNumber}/events`, { token, headers: { 'last-event-id': String(lastSeen) } })).bytes,
    ).toString('utf8');
    const ids = [...rest.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(done.timeline.map((_: unknown, i: number) => i).slice(lastSeen + 1));
    expect(rest).toContain('event: end');
    // Someone else's case: not found, as everywhere.
    const other = await client.token('citizen', { idNumber: '441900196609300193' });
    expect((await client.request('GET', `/v1/cases/${caseNumber}/events`, { token: other })).status).toBe(404);
  });

  it('the citizen withdraws while the case waits: the workflow ends, the seat is given back, the person may book again', async () => {
    const { client } = stack;
    const person = demo.get('44190019760428044X'); // 何淑芬
    const token = await client.token('citizen', { idNumber: person.idNumber });
    const platform = await client.token('platform');
    const centres = (await client.get('/v1/service-centers')).body;
    const slots = (await client.get(`/v1/service-centers/${centres[0].id}/slots?date=2026-12-14`)).body;
    const slot = slots[0];
    const booked = await client.post(
      '/v1/bookings',
      { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'window', slotId: slot.slotId },
      token,
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(booked.status).toBe(201);
    const caseNumber = booked.body.caseNumber;
    const remaining = async () =>
      (await client.get(`/v1/service-centers/${centres[0].id}/slots?date=2026-12-14`)).body.find((s: any) => s.slotId === slot.slotId).remaining;
    expect(await remaining()).toBe(slot.remaining - 1);
    await client.waitForCase(caseNumber, token, () => stack.engine.isRunning(caseNumber));

    // Someone else cannot withdraw it; the owner can, once.
    const other = await client.token('citizen', { idNumber: '441900196609300193' });
    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, other)).status).toBe(404);
    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, { reason: '改期办理', extra: 1 }, token)).status).toBe(400);
    const withdrawn = await client.post(`/v1/cases/${caseNumber}/withdrawal`, { reason: '改期办理' }, token);
    expect(withdrawn.status).toBe(202);
    expect(withdrawn.body).toEqual({ caseNumber, status: 'WITHDRAWN' });
    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, token)).status).toBe(409);
    expect(
      (
        await client.post(
          `/v1/cases/${caseNumber}/application`,
          applicationFor(person, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 50 }),
          token,
        )
      ).status,
    ).toBe(409);

    const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'WITHDRAWN' && !stack.engine.isRunning(caseNumber));
    expect(c.timeline.at(-1)).toMatchObject({ status: 'WITHDRAWN', note: '本人撤回申请：改期办理' });
    expect(await remaining()).toBe(slot.remaining);
    const again = await client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, platform, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(again.status).toBe(201);
  });

  it('a case waiting for a manual review can be withdrawn, and its workflow ends without an answer', async () => {
    const { client } = stack;
    const person = demo.get('441900196612010314'); // 吴小平: personnel file birth date differs → MANUAL
    const token = await client.token('citizen', { idNumber: person.idNumber });
    const caseNumber = await book(person, token);
    const form = applicationFor(person, { type: 'normal', requestedMonth: '2027-06', originalRetirementAge: 60 });
    stack.setToday('2027-01-10');
    try {
      expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
      await client.waitForCase(caseNumber, token, (x) => x.status === 'MANUAL_REVIEW');
      expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, token)).status).toBe(202);
      const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'WITHDRAWN' && !stack.engine.isRunning(caseNumber));
      expect(c.documents).toEqual([]);
      expect(c.decision).toBeUndefined();
    } finally {
      stack.setToday('2026-12-10');
    }
  });

  it('two departments waiting for people: deciding one keeps the case waiting, deciding both completes it', async () => {
    const { client, standins } = stack;
    const token = await client.token('citizen', { idNumber: LOAN.idNumber });
    const caseNumber = await book(LOAN, token);
    await standins.setUnavailable('tax', true);
    try {
      const form = applicationFor(LOAN, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
      expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
      const waiting = await client.waitForCase(caseNumber, token, (x) => x.status === 'MANUAL_REVIEW');
      expect([waiting.departments.tax.outcome, waiting.departments.housingFund.outcome]).toEqual(['MANUAL', 'MANUAL']);
    } finally {
      await standins.setUnavailable('tax', false);
    }
    const taxReview = { stage: 'manual', department: 'tax', outcome: 'PASS', note: '电话核实无欠缴' };
    const first = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, taxReview, bob, { 'Idempotency-Key': 'tax-review-1' });
    expect(first.status).toBe(202);
    // A retry with the same key gets the first answer, not "already decided"; the key with another body is 422.
    const retry = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, taxReview, bob, { 'Idempotency-Key': 'tax-review-1' });
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    const reused = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { ...taxReview, outcome: 'FAIL' }, bob, { 'Idempotency-Key': 'tax-review-1' });
    expect(reused.status).toBe(422);
    // The workflow decides again and goes back to waiting for the other department.
    await new Promise((r) => setTimeout(r, 1500));
    const still = (await client.get(`/v1/cases/${caseNumber}`, token)).body;
    expect(still.status).toBe('MANUAL_REVIEW');
    expect(still.decision).toBeUndefined();
    expect(
      (await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'manual', department: 'tax', outcome: 'PASS', note: 'again' }, bob)).status,
    ).toBe(409);
    expect(
      (await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'manual', department: 'housingFund', outcome: 'PASS', note: '已约定还款计划' }, bob))
        .status,
    ).toBe(202);
    const done = await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED');
    expect(done.decision).toBe('APPROVED');
    expect([done.departments.tax.outcome, done.departments.housingFund.outcome]).toEqual(['PASS', 'PASS']);
  });
});
