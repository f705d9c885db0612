/**
 * The pre-review team's day through the real stack: asking for a supplement (补正) and getting it, a supplement
 * that never comes, claim and hand-over, and refusals that the audit trail calls refusals.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // approved when the form matches: 2027-04
const LIN = demo.get('441900197108030169'); // approved: 2027-01
const HUANG = demo.get('441900197606210189'); // approved: 2027-03
const RETIREMENT = {
  [CHEN.idNumber]: { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 },
  [LIN.idNumber]: { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 },
  [HUANG.idNumber]: { type: 'normal', requestedMonth: '2027-03', originalRetirementAge: 50 },
};

describe('the pre-review team’s day', () => {
  let stack: TestStack;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-01' });
    alice = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    bob = await stack.client.token('pre-review', { name: 'bob', staffId: 'S2002' });
  }, 120_000);
  afterAll(async () => stack?.close());

  /** Books and sends the form with the name spelt differently, so the case waits for a person at pre-review. */
  async function waitingAtPreReview(person: any) {
    const token = await stack.client.token('citizen', { idNumber: person.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    const form = applicationFor({ ...person, name: `${person.name} 先生` }, RETIREMENT[person.idNumber]!);
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    return { caseNumber, token, form };
  }
  const review = (caseNumber: string, body: unknown, token: string) => stack.client.post(`/v1/staff/cases/${caseNumber}/reviews`, body, token);

  it('pre-review asks for the name; the citizen corrects it on the form; the case goes on and completes', async () => {
    const { caseNumber, token, form } = await waitingAtPreReview(CHEN);
    const asked = await review(
      caseNumber,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '姓名与身份证不一致，请按身份证填写', supplement: { fields: ['applicant.name'] } },
      alice,
    );
    expect(asked.status).toBe(202);
    expect(asked.body.outcome).toBe('SUPPLEMENT');

    const waiting = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'SUPPLEMENT_REQUESTED');
    expect(waiting.supplement.fields).toEqual(['applicant.name']);
    expect(waiting.supplement.dueDate > '2026-12-01').toBe(true);
    // The citizen holds the case: the promise's clock stops.
    expect(waiting.sla).toMatchObject({ stage: 'pre-review', state: 'PAUSED' });
    const messages = await stack.runtime.outbox.forCase(caseNumber);
    const told = messages.find((m) => m.kind === 'supplement');
    expect(told?.text).toContain(caseNumber);
    expect(told?.text).toContain('姓名');
    expect(told?.text).toContain(waiting.supplement.dueDate);

    // Only what was asked may change: a moved address is named and refused, and nothing is written.
    const sneaky = { ...form, applicant: { ...form.applicant, name: CHEN.name, address: '广东省东莞市莞城街道另一路 2 号' } };
    const refused = await stack.client.post(`/v1/cases/${caseNumber}/supplement`, sneaky, token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.path)).toEqual(['applicant.address']);
    expect((await stack.client.get(`/v1/cases/${caseNumber}`, token)).body.status).toBe('SUPPLEMENT_REQUESTED');

    const corrected = { ...form, applicant: { ...form.applicant, name: CHEN.name } };
    const sent = await stack.client.post(`/v1/cases/${caseNumber}/supplement`, corrected, token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ caseNumber, status: 'PRE_REVIEW' });
    const again = await stack.client.post(`/v1/cases/${caseNumber}/supplement`, corrected, token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(again.status).toBe(409);

    const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 60_000);
    expect(done.decision).toBe('APPROVED');
    expect(done.supplement.receivedAt).toBeDefined();
    const record = await stack.runtime.cases.get(caseNumber);
    expect(record?.application?.applicant.name).toBe(CHEN.name);
    // Completed the same day, well within the 5 working days promised: on time, in 0 working days.
    const stats = (await stack.client.get('/v1/staff/stats', alice)).body;
    expect(stats.byStatus.COMPLETED).toBe(1);
    expect(stats.onTimeRate).toBe(1);
    expect(stats.medianWorkingDaysToComplete).toBe(0);
    expect(record?.previousApplications?.[0]?.applicant.name).toBe(form.applicant.name);
  }, 120_000);

  it('a supplement that never comes stays with staff: refused only after its due date, with a reason', async () => {
    const { caseNumber, token } = await waitingAtPreReview(LIN);
    const asked = await review(
      caseNumber,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '请补充联系地址', supplement: { fields: ['applicant.address'], dueDate: '2026-12-04' } },
      alice,
    );
    expect(asked.status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'SUPPLEMENT_REQUESTED');
    const early = await review(caseNumber, { stage: 'pre-review', outcome: 'FAIL', note: '未补正' }, alice);
    expect(early.status).toBe(409);
    stack.setToday('2026-12-07');
    try {
      // Still waiting: the clock alone never refuses a case.
      expect((await stack.client.get(`/v1/cases/${caseNumber}`, token)).body.status).toBe('SUPPLEMENT_REQUESTED');
      expect((await review(caseNumber, { stage: 'pre-review', outcome: 'PASS', note: '通过' }, alice)).status).toBe(409);
      const refused = await review(caseNumber, { stage: 'pre-review', outcome: 'FAIL', note: '逾期未补正联系地址' }, alice);
      expect(refused.status).toBe(202);
      const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 60_000);
      expect(done.decision).toBe('REJECTED');
      expect(done.timeline.some((t: any) => /逾期未补正联系地址/.test(t.note))).toBe(true);
    } finally {
      stack.setToday('2026-12-01');
    }
  }, 120_000);

  it('a due date that is not a working day, or not after today, is refused naming supplement.dueDate; an unknown field names supplement.fields', async () => {
    const { caseNumber } = await waitingAtPreReview(HUANG);
    for (const dueDate of ['2026-12-05', '2026-12-01', '2027-06-01']) {
      const res = await review(
        caseNumber,
        { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '请补正', supplement: { fields: ['applicant.name'], dueDate } },
        alice,
      );
      expect(res.status, dueDate).toBe(400);
      expect(res.body.errors.map((e: any) => e.path)).toEqual(['supplement.dueDate']);
    }
    const unknown = await review(
      caseNumber,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '请补正', supplement: { fields: ['applicant.idNumber'] } },
      alice,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: any) => e.path)).toEqual(['supplement.fields[0]']);
    // Two people asking at once: one request stands.
    const both = await Promise.all(
      [alice, bob].map((t) =>
        review(caseNumber, { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '请补正姓名', supplement: { fields: ['applicant.name'] } }, t),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    expect((await stack.runtime.cases.get(caseNumber))?.supplements).toHaveLength(1);
    // Withdrawal is possible while the citizen is asked.
    const citizen = await stack.client.token('citizen', { idNumber: HUANG.idNumber });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, citizen)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, citizen, (c) => c.status === 'WITHDRAWN');
    await expect.poll(() => stack.engine.isRunning(caseNumber)).toBe(false);
  }, 120_000);
});

describe('claim and hand over', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-01' });
  }, 120_000);
  afterAll(async () => stack?.close());

  it('two claims at once leave one assignee; only the assignee or a supervisor decides; a hand-over moves it; refusals are audited as refused', async () => {
    const { client } = stack;
    const alice = await client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const bob = await client.token('pre-review', { name: 'bob', staffId: 'S2002' });
    const boss = await client.token('supervisor', { name: 'zhou', staffId: 'S9001' });
    const token = await client.token('citizen', { idNumber: CHEN.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber: string = booked.body.caseNumber;
    // Booked: nobody works it yet.
    expect((await client.post(`/v1/staff/cases/${caseNumber}/assignment`, { staffId: 'S1001' }, alice)).status).toBe(409);
    const form = applicationFor({ ...CHEN, name: `${CHEN.name}先生` }, RETIREMENT[CHEN.idNumber]!);
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));

    const claims = await Promise.all(
      [alice, bob].map((t, i) => client.post(`/v1/staff/cases/${caseNumber}/assignment`, { staffId: ['S1001', 'S2002'][i] }, t)),
    );
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const winner = claims.findIndex((c) => c.status === 200);
    const [holder, other] = winner === 0 ? [alice, bob] : [bob, alice];
    const [holderId, otherId] = winner === 0 ? ['S1001', 'S2002'] : ['S2002', 'S1001'];
    expect(claims[1 - winner]!.body.detail).toContain(holderId);
    // Not a supervisor: may not hand a case to someone else.
    expect((await client.post(`/v1/staff/cases/${caseNumber}/assignment`, { staffId: otherId }, holder)).status).toBe(403);

    // The page to decide from: masked at first; the full details on request, and that request is on the trail.
    const detail = (await client.get(`/v1/staff/cases/${caseNumber}`, other)).body;
    expect(detail.applicant.idNumber).toBe('441900********0130');
    expect(detail.form.applicant.idNumber).toBe('441900********0130');
    expect(detail.form.bankAccount.accountNo).not.toContain('6222190000000001');
    expect(detail.preReview.outcome).toBe('MANUAL');
    const revealed = (await client.get(`/v1/staff/cases/${caseNumber}/applicant`, other)).body;
    expect(revealed).toMatchObject({ idNumber: CHEN.idNumber, bankAccount: { accountNo: '6222190000000001' } });

    const queue = (await client.get('/v1/staff/cases', boss)).body as any[];
    expect(queue.find((q) => q.caseNumber === caseNumber)?.assignee?.staffId).toBe(holderId);

    const decision = { stage: 'pre-review', outcome: 'PASS', note: '本人确认姓名' };
    const notMine = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, decision, other);
    expect(notMine.status).toBe(403);
    const handed = await client.post(`/v1/staff/cases/${caseNumber}/assignment`, { staffId: otherId }, boss);
    expect(handed.status).toBe(200);
    expect(handed.body.assignee).toMatchObject({ staffId: otherId, assignedBy: 'S9001' });
    expect((await client.post(`/v1/staff/cases/${caseNumber}/reviews`, decision, holder)).status).toBe(403);
    expect((await client.post(`/v1/staff/cases/${caseNumber}/reviews`, decision, other)).status).toBe(202);

    const trail = ((await client.get(`/v1/staff/cases/${caseNumber}/audit`, boss)).body as any[]).map((e) => e.action);
    expect(trail.filter((a) => a === 'review:pre-review:refused')).toHaveLength(2);
    expect(trail.filter((a) => a === 'review:pre-review')).toHaveLength(1);
    expect(trail).toContain(`assign:${otherId}`);
    expect(trail).toContain(`assign:${otherId}:refused`);
    expect(trail.filter((a) => a === 'reveal-applicant')).toHaveLength(1);
  }, 120_000);
});
