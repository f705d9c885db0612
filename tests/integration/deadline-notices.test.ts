/**
 * Due-soon reminders and overdue alerts: each once, on the right working day, also when the product restarts
 * in between with CLOCK_TODAY moved forward.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LIN = demo.get('441900197108030169');
const QUIET = { deadlineSweepIntervalMs: 3_600_000 };

describe('deadline notices', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-deadlines-'));
  let stack: TestStack | undefined;
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the assignee is reminded when due soon, supervisors alerted when overdue, each once across restarts', async () => {
    // Tuesday 2026-12-01: pre-review is promised within 1 working day, so it is due on Wednesday the 2nd.
    stack = await startTestStack({ dataDir, clockToday: '2026-12-01', ...QUIET });
    const { client } = stack;
    const alice = await client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const boss = await client.token('supervisor', { name: 'zhou', staffId: 'S9001' });
    const token = await client.token('citizen', { idNumber: LIN.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: LIN.idNumber, name: LIN.name, phone: LIN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber: string = booked.body.caseNumber;
    // Before the form no promise runs, so nothing is due.
    expect(await stack.deadlines.once()).toBe(0);
    const form = applicationFor({ ...LIN, name: `${LIN.name} 女士` }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const waiting = await client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    expect(waiting.sla).toMatchObject({ stage: 'pre-review', startedOn: '2026-12-01', dueDate: '2026-12-02', workingDaysLeft: 1, state: 'DUE_SOON' });
    expect((await client.post(`/v1/staff/cases/${caseNumber}/assignment`, { staffId: 'S1001' }, alice)).status).toBe(200);

    expect(await stack.deadlines.once()).toBe(1);
    expect(await stack.deadlines.once()).toBe(0);
    const mine = (await client.get('/v1/staff/notices', alice)).body.notices;
    expect(mine).toEqual([expect.objectContaining({ caseNumber, kind: 'due-soon', stage: 'pre-review', dueDate: '2026-12-02', to: 'S1001' })]);

    // Restarted on Thursday the 3rd: the due date has passed.
    await stack.stop();
    stack = await startTestStack({ dataDir, clockToday: '2026-12-03', ...QUIET });
    const queue = (await stack.client.get('/v1/staff/cases', boss)).body as any[];
    expect(queue.find((q) => q.caseNumber === caseNumber)).toMatchObject({ overdue: true, sla: { state: 'OVERDUE', workingDaysLeft: -1 } });
    expect(await stack.deadlines.once()).toBe(1);
    expect(await stack.deadlines.once()).toBe(0);

    // And once more, on the Friday: nothing new.
    await stack.stop();
    stack = await startTestStack({ dataDir, clockToday: '2026-12-04', ...QUIET });
    expect(await stack.deadlines.once()).toBe(0);
    const bossNotices = (await stack.client.get('/v1/staff/notices', boss)).body.notices as any[];
    expect(bossNotices.filter((n) => n.caseNumber === caseNumber).map((n) => [n.kind, n.to])).toEqual([['overdue', 'supervisors']]);
    // Alice sees her own reminder, not the supervisors' alert.
    const aliceNotices = (await stack.client.get('/v1/staff/notices', await stack.client.token('pre-review', { staffId: 'S1001' }))).body.notices as any[];
    expect(aliceNotices.map((n) => n.kind)).toEqual(['due-soon']);
    const stats = (await stack.client.get('/v1/staff/stats', boss)).body;
    expect(stats.byStatus.PRE_REVIEW).toBe(1);
    expect(stats.overdue).toBe(1);
    expect(stats.dueSoon).toBe(0);
  }, 180_000);
});
