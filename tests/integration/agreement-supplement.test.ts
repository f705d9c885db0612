/**
 * 补正 of the employer's agreement, through the real stack: pre-review asks for `retirement.employerAgreement`
 * on a flexible-late form that left it out, the citizen sends the corrected form with it, and HR passes the case.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const HU = (JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).find((c) => c.name === '胡美玲'); // flexible-late candidate, an employee

describe('supplement of the employer’s agreement', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-11-24' });
  }, 120_000);
  afterAll(async () => stack?.close());

  it('staff ask for it, the corrected form carries it, HR passes', async () => {
    const token = await stack.client.token('citizen', { idNumber: HU.idNumber });
    const staff = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const booked = await stack.client.post('/v1/bookings', { idNumber: HU.idNumber, name: HU.name, phone: HU.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    // The name spelt differently sends the form to a person at pre-review, who also sees the agreement missing.
    const form = applicationFor({ ...HU, name: `${HU.name} 女士` }, { type: 'flexible-late', requestedMonth: '2027-01', originalRetirementAge: 55 });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));

    const asked = await stack.client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      {
        stage: 'pre-review',
        outcome: 'SUPPLEMENT',
        note: '推迟退休须单位同意，请确认；姓名请按身份证填写',
        supplement: { fields: ['applicant.name', 'retirement.employerAgreement'] },
      },
      staff,
    );
    expect(asked.status).toBe(202);
    const waiting = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'SUPPLEMENT_REQUESTED');
    expect(waiting.supplement.fields).toEqual(['applicant.name', 'retirement.employerAgreement']);
    const told = (await stack.runtime.outbox.forCase(caseNumber)).find((m) => m.kind === 'supplement');
    expect(told?.text).toContain('单位是否同意推迟退休');

    const corrected = { ...form, applicant: { ...form.applicant, name: HU.name }, retirement: { ...form.retirement, employerAgreement: true } };
    const sent = await stack.client.post(`/v1/cases/${caseNumber}/supplement`, corrected, token, { 'Idempotency-Key': crypto.randomUUID() });
    expect(sent.status).toBe(202);
    const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 60_000);
    expect(done.departments.hr.outcome).toBe('PASS');
    expect(done.departments.hr.details.employerAgreement).toBe(true);
    expect(done.decision).toBe('APPROVED');
    expect((await stack.runtime.cases.get(caseNumber))?.previousApplications?.[0]?.retirement.employerAgreement).toBeUndefined();
  }, 120_000);

  it('without the agreement asked for, adding it is a change the supplement refuses, naming the field', async () => {
    const other = (JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).find((c) => c.name === '陈志明');
    const token = await stack.client.token('citizen', { idNumber: other.idNumber });
    const staff = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const booked = await stack.client.post('/v1/bookings', { idNumber: other.idNumber, name: other.name, phone: other.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber: string = booked.body.caseNumber;
    const form = applicationFor({ ...other, name: `${other.name} 先生` }, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    const asked = await stack.client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '姓名请按身份证填写', supplement: { fields: ['applicant.name'] } },
      staff,
    );
    expect(asked.status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'SUPPLEMENT_REQUESTED');
    const sneaky = { ...form, applicant: { ...form.applicant, name: other.name }, retirement: { ...form.retirement, employerAgreement: true } };
    const refused = await stack.client.post(`/v1/cases/${caseNumber}/supplement`, sneaky, token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.path)).toEqual(['retirement.employerAgreement']);
  }, 120_000);
});
