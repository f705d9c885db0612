/**
 * Text messages at every stage, through the real embedded stack (issue 10): each stage's message reaches the local
 * SMS sink exactly once, and the timeline says 已短信通知 only after the sink took the message. The drain and the
 * jobs run by hand here, so each test decides when a message may go.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsId } from '../../functions/adapters/outbox-store.ts';
import { SENT_NOTE } from '../../functions/notifications/pending-sms.ts';
import { applicationFor, bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // approved: 2027-04
const LIN = demo.get('441900197108030169'); // approved: 2027-01
const HUANG = demo.get('441900197606210189'); // 2027-03
const LIU = demo.get('441900196608190252'); // housing fund MANUAL: 2027-01

describe('text messages at every stage', () => {
  let stack: TestStack;
  let staff: string;
  const inbox = async (phone: string, caseNumber?: string) =>
    ((await stack.client.get(`/v1/dev/messages?to=${phone}`)).body.messages as any[]).filter((m) => caseNumber === undefined || m.caseNumber === caseNumber);
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-15', smsDrainIntervalMs: 0, smsJobsIntervalMs: 0 });
    staff = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
  }, 120_000);
  afterAll(async () => stack?.close());

  it('a whole case: nothing is said before the drain sends it; then booked, submitted, decided, documents ready, once each', async () => {
    const token = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const caseNumber = await bookAndSubmit(stack.client, token, CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');
    // Issue 10 saw 已短信通知 on a completed case whose phone had received nothing.
    expect(await inbox(CHEN.phone, caseNumber)).toEqual([]);
    expect(done.timeline.filter((t: any) => t.note.includes('短信'))).toEqual([]);

    // The backlog the SmsBacklog alarm watches on AWS: the four messages wait, then none.
    expect(await stack.runtime.outbox.pendingCount()).toBe(4);
    expect(await stack.textMessages.drain()).toBe(4);
    expect(await stack.runtime.outbox.pendingCount()).toBe(0);
    const sent = await inbox(CHEN.phone, caseNumber);
    expect(sent.map((m) => m.kind)).toEqual(['booked', 'submitted', 'decided', 'documents-ready']);
    for (const m of sent) {
      expect(m.text).toContain(caseNumber);
      expect(m.to).toBe(CHEN.phone);
    }
    expect(sent[2].text).toContain('审核通过');
    const after = (await stack.client.get(`/v1/cases/${caseNumber}`, token)).body;
    const noted = after.timeline.filter((t: any) => t.note.endsWith(SENT_NOTE)).map((t: any) => t.status);
    expect(noted).toEqual(['BOOKED', 'SUBMITTED', 'SEALING', 'COMPLETED']);
    // The message went: nothing is due, and draining again sends and notes nothing more.
    expect(await stack.textMessages.drain()).toBe(0);
    expect(await inbox(CHEN.phone, caseNumber)).toHaveLength(4);
    const again = (await stack.client.get(`/v1/cases/${caseNumber}`, token)).body;
    expect(again.timeline).toEqual(after.timeline);
  }, 60_000);

  it('a message the sink took just before a crash (never marked sent) is not delivered twice', async () => {
    const token = await stack.client.token('citizen', { idNumber: LIN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: LIN.idNumber, name: LIN.name, phone: LIN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const [pending] = await stack.runtime.outbox.forCase(booked.body.caseNumber);
    expect(pending).toMatchObject({ kind: 'booked', status: 'OUTBOX#sms' });
    // What the drain hands over, handed over once already: the process died before it could mark the message sent.
    expect(stack.sms.send({ to: pending!.to, text: pending!.text, kind: 'booked', caseNumber: booked.body.caseNumber }, smsId(pending!))).toBe(true);
    expect(await stack.textMessages.drain()).toBe(1);
    expect((await inbox(LIN.phone, booked.body.caseNumber)).map((m) => m.kind)).toEqual(['booked']);
    const [settled] = await stack.runtime.outbox.forCase(booked.body.caseNumber);
    expect(settled!.status).toBeUndefined();
    expect(settled!.sentAt).toEqual(expect.any(String));
  });

  it('waiting for a person, and a supplement request: each told once, naming what to correct and by when', async () => {
    const token = await stack.client.token('citizen', { idNumber: HUANG.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: HUANG.idNumber, name: HUANG.name, phone: HUANG.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber: string = booked.body.caseNumber;
    const form = applicationFor({ ...HUANG, name: `${HUANG.name}女士` }, { type: 'normal', requestedMonth: '2027-03', originalRetirementAge: 50 });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    await stack.textMessages.drain();
    expect((await inbox(HUANG.phone, caseNumber)).map((m) => m.kind)).toEqual(['booked', 'submitted', 'manual-review']);

    const asked = await stack.client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '姓名与身份证不一致', supplement: { fields: ['applicant.name'] } },
      staff,
    );
    expect(asked.status).toBe(202);
    const waiting = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'SUPPLEMENT_REQUESTED');
    await Promise.all([stack.textMessages.drain(), stack.textMessages.drain()]);
    await stack.textMessages.drain();
    const sent = await inbox(HUANG.phone, caseNumber);
    expect(sent.map((m) => m.kind)).toEqual(['booked', 'submitted', 'manual-review', 'supplement']);
    expect(sent[3].text).toContain('姓名');
    expect(sent[3].text).toContain(waiting.supplement.dueDate);
  }, 60_000);

  it('a department that needs a person: the citizen hears the case waits for manual review, then the decision', async () => {
    const token = await stack.client.token('citizen', { idNumber: LIU.idNumber });
    const caseNumber = await bookAndSubmit(stack.client, token, LIU, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'MANUAL_REVIEW');
    await stack.textMessages.drain();
    expect((await inbox(LIU.phone, caseNumber)).map((m) => m.kind)).toEqual(['booked', 'submitted', 'manual-review']);
    const supervisor = await stack.client.token('supervisor', { name: 'bob', staffId: 'S9001' });
    expect((await stack.client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'manual', outcome: 'PASS', note: '已核实' }, supervisor)).status).toBe(
      202,
    );
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');
    await stack.textMessages.drain();
    expect((await inbox(LIU.phone, caseNumber)).map((m) => m.kind)).toEqual(['booked', 'submitted', 'manual-review', 'decided', 'documents-ready']);
  }, 60_000);

  it('the form’s deadline approaches: one reminder per booked case, however often (and however many at once) the job runs', async () => {
    // LIN's case (above) was booked on 2026-12-15 and waits for its form until 2027-01-14.
    const [lins] = (await stack.runtime.cases.listByStatus(['BOOKED'])).filter((c) => c.idNumber === LIN.idNumber);
    expect(lins!.applicationDeadline).toBe('2027-01-14');
    stack.setToday('2027-01-12');
    // Booked today: its deadline is a month away, too early to remind.
    const zhao = demo.get('441900196611020238');
    const t = await stack.client.token('citizen', { idNumber: zhao.idNumber });
    const fresh = await stack.client.post('/v1/bookings', { idNumber: zhao.idNumber, name: zhao.name, phone: zhao.phone, channel: 'online' }, t, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(fresh.status).toBe(201);

    const runs = await Promise.all([stack.textMessages.remind(), stack.textMessages.remind()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await stack.textMessages.remind()).toBe(0);
    await stack.textMessages.drain();
    const lin = await inbox(LIN.phone, lins!.caseNumber);
    expect(lin.map((m) => m.kind)).toEqual(['booked', 'deadline-reminder']);
    expect(lin[1].text).toContain('2027-01-14');
    expect((await inbox(zhao.phone, fresh.body.caseNumber)).map((m) => m.kind)).toEqual(['booked']);
  });
});
