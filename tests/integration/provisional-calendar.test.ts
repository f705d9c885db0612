/**
 * A case whose promise reaches into 2027 (provisional calendar: the law's statutory holidays, the notice not out)
 * keeps its `sla`, counted across 元旦 2027, and says it is provisional — in the case view and the staff queue.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LIN = demo.get('441900197108030169');

describe('a promise that reaches into the provisional 2027 calendar', () => {
  let stack: TestStack | undefined;
  afterAll(() => stack?.close());

  it('keeps sla, counted over 元旦 2027, and marks it provisional; a promise inside 2026 is not marked', async () => {
    // Monday 2026-12-28: the whole case is promised within 5 working days: 29, 30, 31, (元旦), Mon 1-4, Tue 1-5.
    stack = await startTestStack({ clockToday: '2026-12-28', deadlineSweepIntervalMs: 3_600_000 });
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: LIN.idNumber });
    const boss = await client.token('supervisor', { name: 'zhou', staffId: 'S9001' });
    const booked = await client.post('/v1/bookings', { idNumber: LIN.idNumber, name: LIN.name, phone: LIN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber: string = booked.body.caseNumber;
    const form = applicationFor({ ...LIN, name: `${LIN.name} 女士` }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const waiting = await client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.sla !== undefined);
    expect(waiting.sla).toEqual({
      stage: 'pre-review',
      startedOn: '2026-12-28',
      dueDate: '2026-12-29',
      workingDaysAllowed: 1,
      workingDaysLeft: 1,
      state: 'DUE_SOON',
      caseDueDate: '2027-01-05',
      provisional: true,
    });
    const queue = (await client.get('/v1/staff/cases', boss)).body as any[];
    expect(queue.find((q) => q.caseNumber === caseNumber).sla).toMatchObject({ caseDueDate: '2027-01-05', provisional: true });

    // Seen as if on 2026-12-01's clock, a case whose promise stays inside 2026 is not marked.
    const other = demo.get('441900196610120130');
    stack.setToday('2026-12-01');
    const t2 = await client.token('citizen', { idNumber: other.idNumber });
    const b2 = await client.post('/v1/bookings', { idNumber: other.idNumber, name: other.name, phone: other.phone, channel: 'online' }, t2, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const form2 = applicationFor({ ...other, name: `${other.name} 先生` }, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${b2.body.caseNumber}/application`, form2, t2)).status).toBe(202);
    const inside = await client.waitForCase(b2.body.caseNumber, t2, (c) => c.status === 'PRE_REVIEW' && c.sla !== undefined);
    expect(inside.sla.caseDueDate < '2027-01-01').toBe(true);
    expect(inside.sla).not.toHaveProperty('provisional');
  }, 180_000);
});
