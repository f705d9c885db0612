/**
 * The crash window of the text-message drain, made to happen on purpose: the product dies after the local SMS sink
 * took a message and before the drain marked it sent, the mark the case page's "已短信通知" is read from (the fault
 * is injected between the two writes). Started again on the same data, the first drain hands the message over
 * again — the sink knows its id and delivers nothing more — and marks it at once, instead of leaving the timeline
 * silent until the dead process's claim runs out (which tests/integration/sms-restart.test.ts raced under load).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SENT_NOTE } from '../../functions/notifications/pending-sms.ts';
import { DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';
import { readFileSync } from 'node:fs';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130');

describe('text messages: a crash between the sink and the sent mark', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-sms-crash-'));
  let stack: TestStack | undefined;
  const start = () => startTestStack({ dataDir, clockToday: '2026-12-15', smsDrainIntervalMs: 0, smsJobsIntervalMs: 0 });
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the next run’s first drain marks what the dead one did not, the page says so once, and the phone still gets one message', async () => {
    stack = await start();
    const token = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;

    // The fault: the process dies right after the sink took the message, before it is marked sent.
    const outbox = stack.runtime.outbox;
    outbox.markSent = async () => {
      throw new Error('killed between the sink and the sent mark');
    };
    expect(await stack.textMessages.drain()).toBe(0);
    const inbox = async () =>
      ((await stack!.client.get(`/v1/dev/messages?to=${CHEN.phone}`)).body.messages as any[]).filter((m) => m.caseNumber === caseNumber);
    expect((await inbox()).map((m) => m.kind)).toEqual(['booked']);
    const entry = async () => ((await stack!.client.get(`/v1/cases/${caseNumber}`, token)).body.timeline as any[]).find((t) => t.status === 'BOOKED');
    expect((await entry()).note).not.toContain(SENT_NOTE);
    const [held] = await outbox.forCase(caseNumber);
    // Still due, with nothing recorded of the attempt: the sink deduplicates, so the drain takes no lease on it.
    expect(held).toMatchObject({ status: 'OUTBOX#sms', attempts: 0 });
    expect(held!.sentAt).toBeUndefined();
    await stack.close();

    // Started again on the same data, at once (well within the dead process's claim).
    stack = await start();
    expect(await stack.textMessages.drain()).toBe(1);
    expect((await entry()).note.endsWith(SENT_NOTE)).toBe(true);
    expect((await inbox()).map((m) => m.kind)).toEqual(['booked']);
    const [settled] = await stack.runtime.outbox.forCase(caseNumber);
    expect(settled!.status).toBeUndefined();
    expect(settled!.sentAt).toEqual(expect.any(String));
    // Nothing more goes, and the note is said once.
    expect(await stack.textMessages.drain()).toBe(0);
    expect((await entry()).note.split(SENT_NOTE)).toHaveLength(2);
  }, 120_000);
});
