/**
 * The late applicant through the real stack: 陈志明's statutory month (2027-04) has passed when he applies
 * in June. The prefill proposes a month the service takes (this month), states the window and who supplied
 * each value, and the form sent with the proposed month is accepted and approved.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130');

describe('prefill: a requested month the service takes', () => {
  let stack: TestStack;
  let token: string;
  let caseNumber: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-06-10' });
    token = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const booking = await stack.client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booking.status).toBe(201);
    caseNumber = booking.body.caseNumber;
  });
  afterAll(() => stack?.close());

  it('proposes this month to a late applicant, with the window and the statutory month, and names who supplied what', async () => {
    const p = (await stack.client.get(`/v1/cases/${caseNumber}/prefill`, token)).body;
    expect(p.retirementMonths).toMatchObject({ earliest: '2027-06', latest: '2027-12', statutory: '2027-04' });
    expect(p.retirement.requestedMonth).toBe('2027-06');
    expect(p.sources).toMatchObject({ 'applicant.name': 'hr', 'applicant.phone': 'booking', 'housingFund.withdraw': 'housingFund' });
  });

  it('the statutory month that has passed is refused naming the field; the proposed month is accepted and approved', async () => {
    const p = (await stack.client.get(`/v1/cases/${caseNumber}/prefill`, token)).body;
    const late = applicationFor(CHEN, { type: 'normal', requestedMonth: p.retirementMonths.statutory, originalRetirementAge: 60 });
    const refused = await stack.client.post(`/v1/cases/${caseNumber}/application`, late, token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.path)).toEqual(['retirement.requestedMonth']);

    const form = applicationFor(CHEN, { type: 'normal', requestedMonth: p.retirement.requestedMonth, originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 40_000);
    expect(done.decision).toBe('APPROVED');
  }, 60_000);
});
