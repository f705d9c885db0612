/**
 * The form's submission writes its audit line in its own transaction (one write fewer). Through the real stack: an
 * accepted form leaves exactly one line, the identical form sent twice at once leaves one line for each request,
 * and a refused form is on the trail as refused, nothing else written for it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
// 李春梅 (F55, born 1971-07): her statutory month 2026-12 lies in the application window of 2026-11-24.
const B = demo.find((c) => c.idNumber === '441900197107150222');
const A = demo.find((c) => c.idNumber === '441900196610120130');
const FORM = applicationFor(B, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: B.hr.originalRetirementAge });

describe('the audit line of a submitted form', () => {
  let stack: TestStack;
  let token: string;
  let supervisor: string;
  const book = async () => {
    const res = await stack.client.post('/v1/bookings', { idNumber: B.idNumber, name: B.name, phone: B.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.caseNumber as string;
  };
  const submissions = async (caseNumber: string) => {
    const trail = await stack.client.get(`/v1/staff/cases/${caseNumber}/audit`, supervisor);
    expect(trail.status).toBe(200);
    return (trail.body as { action: string; actor: string }[]).filter((e) => e.action.startsWith('submit-application')).map((e) => e.action);
  };

  beforeAll(async () => {
    stack = await startTestStack();
    token = await stack.client.token('citizen', { idNumber: B.idNumber, name: B.name });
    supervisor = await stack.client.token('supervisor', { name: '科长乙' });
  });
  afterAll(() => stack?.close());

  it('an accepted form leaves one line, written with it', async () => {
    const caseNumber = await book();
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, FORM, token)).status).toBe(202);
    expect(await submissions(caseNumber)).toEqual(['submit-application']);
    await stack.engine.idle();
  });

  it('the identical form sent twice at once: both accepted, one line for each request, submitted once', async () => {
    const caseNumber = await book();
    const both = await Promise.all([0, 1].map(() => stack.client.post(`/v1/cases/${caseNumber}/application`, FORM, token)));
    expect(both.map((r) => r.status)).toEqual([202, 202]);
    expect(await submissions(caseNumber)).toEqual(['submit-application', 'submit-application']);
    const view = (await stack.client.get(`/v1/cases/${caseNumber}`, token)).body;
    expect(view.timeline.filter((t: any) => t.status === 'SUBMITTED')).toHaveLength(1);
    await stack.engine.idle();
  });

  it('a refused form is on the trail as refused, and the case is not submitted', async () => {
    const caseNumber = await book();
    const other = { ...FORM, applicant: { ...FORM.applicant, idNumber: A.idNumber } };
    const refused = await stack.client.post(`/v1/cases/${caseNumber}/application`, other, token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e: any) => e.path) ?? refused.body).toEqual(['applicant.idNumber']);
    expect(await submissions(caseNumber)).toEqual(['submit-application:rejected']);
    expect((await stack.client.get(`/v1/cases/${caseNumber}`, token)).body.status).toBe('BOOKED');
  });
});
