/**
 * The audit of a polled page, through the real embedded stack: a person waiting on the case page reads it every few
 * seconds, and each read used to be an item of the trail. Now the trail keeps one item per reader, act and
 * 15-minute window (stamped `until`), written once however many reads come at once and whichever container sees
 * them; every read still leaves its own log line; a refused read is still an item each time.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestStack } from './harness.ts';

// The audit log lines are written at info; Powertools Logger takes its level when it is built, at import.
process.env.LOG_LEVEL = 'info';
const { DEMO_FIXTURES, startTestStack } = await import('./harness.ts');
const { AuditStore, POLL_WINDOW_MS } = await import('../../functions/adapters/audit-store.ts');

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const CHEN = demo.find((c) => c.idNumber === '441900196610120130');
const LIN = demo.find((c) => c.idNumber === '441900197108030169');

describe('the audit trail of a polled case page', () => {
  let stack: TestStack;
  let caseNumber: string;
  let token: string;
  let supervisor: string;
  // Two minutes into a window, on the day the stack pins.
  const windowStart = Math.floor(Date.parse('2026-11-24T03:00:00.000Z') / POLL_WINDOW_MS) * POLL_WINDOW_MS;
  const at = (ms: number) => {
    stack.runtime.clock = { now: () => new Date(ms), today: () => '2026-11-24' };
  };

  beforeAll(async () => {
    stack = await startTestStack();
    token = await stack.client.token('citizen', { idNumber: CHEN.idNumber, name: CHEN.name });
    supervisor = await stack.client.token('supervisor', { name: '科长乙' });
    const booked = await stack.client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    caseNumber = booked.body.caseNumber;
  }, 120_000);
  afterAll(() => stack?.close());

  const trail = async () => (await stack.client.get(`/v1/staff/cases/${caseNumber}/audit`, supervisor)).body as any[];
  const reads = async () => (await trail()).filter((e) => e.actor === `citizen:${CHEN.idNumber}` && e.action === 'read-case');

  it('many reads in a window, some at once, are one item; every read has its log line; a refusal is an item each time', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    let polls: number[];
    try {
      at(windowStart + 2 * 60_000);
      polls = (await Promise.all(Array.from({ length: 5 }, () => stack.client.get(`/v1/cases/${caseNumber}`, token)))).map((r) => r.status);
      at(windowStart + 9 * 60_000);
      polls.push((await stack.client.get(`/v1/cases/${caseNumber}`, token)).status);
      polls.push((await stack.client.get(`/v1/cases/${caseNumber}`, token)).status);
    } finally {
      spy.mockRestore();
    }
    expect(polls).toEqual([200, 200, 200, 200, 200, 200, 200]);

    const items = await reads();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ role: 'citizen', until: new Date(windowStart + POLL_WINDOW_MS).toISOString() });
    expect(Date.parse(items[0].at)).toBe(windowStart + 2 * 60_000);

    const logged = lines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .filter((l) => l.message === 'case read' && l.audit?.caseNumber === caseNumber);
    expect(logged).toHaveLength(7);
    expect(new Set(logged.map((l) => l.audit.requestId)).size).toBe(7);
    // The logger masks the ID number in the reader's actor; the trail item holds it in full.
    for (const l of logged) expect(JSON.stringify(l)).not.toContain(CHEN.idNumber);

    const stranger = await stack.client.token('citizen', { idNumber: LIN.idNumber });
    for (let i = 0; i < 3; i++) expect((await stack.client.get(`/v1/cases/${caseNumber}`, stranger)).status).toBe(404);
    expect((await trail()).filter((e) => e.actor === `citizen:${LIN.idNumber}` && e.action === 'read-case:denied')).toHaveLength(3);
  });

  it('a second container seeing a first read of the same window writes nothing more; the next window is an item of its own', async () => {
    const elsewhere = new AuditStore(stack.runtime.audit.db, stack.runtime.audit.table);
    const entry = {
      at: new Date(windowStart + 11 * 60_000).toISOString(),
      requestId: 'other-container-0001',
      actor: `citizen:${CHEN.idNumber}`,
      role: 'citizen',
      action: 'read-case',
    };
    await Promise.all([
      elsewhere.recordPoll(caseNumber, entry),
      new AuditStore(stack.runtime.audit.db, stack.runtime.audit.table).recordPoll(caseNumber, entry),
    ]);
    expect(await reads()).toHaveLength(1);

    at(windowStart + POLL_WINDOW_MS + 30_000);
    expect((await stack.client.get(`/v1/cases/${caseNumber}`, token)).status).toBe(200);
    const items = await reads();
    expect(items.map((e) => e.until)).toEqual([new Date(windowStart + 2 * POLL_WINDOW_MS).toISOString(), new Date(windowStart + POLL_WINDOW_MS).toISOString()]);
  });
});
