/**
 * A provider that cannot deduplicate (Amazon SNS takes no message id for SMS) gets each message at most twice,
 * however often the product dies: the drain records each hand-over on the message before it (the claim-before-send
 * record), through the real outbox in DynamoDB Local. Crashes are injected after the provider took the message and
 * before the outbox settled it; the provider is a stand-in that, like SNS, delivers every hand-over.
 */
import { readFileSync } from 'node:fs';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENT_NOTE, SMS_FAILED } from '../../functions/notifications/pending-sms.ts';
import type { OutgoingSms, SmsSender } from '../../functions/notifications/sms-sender.ts';
import { drainSms } from '../../functions/sms/drain.ts';
import { recordingSmsProvider } from '../support/recording-sms-provider.ts';
import { DEMO_FIXTURES, ownBookings, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130');
const LIN = demo.get('441900197108030169');
const HUANG = demo.get('441900197606210189');

describe('text messages to a provider that cannot deduplicate', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-15', smsDrainIntervalMs: 0, smsJobsIntervalMs: 0 });
  }, 120_000);
  afterAll(async () => stack?.close());

  const { book, bookingNote: noteOf } = ownBookings(() => stack.client);
  // A lease of 1 ms: the next drain may take over at once, as one would after a crashed run's lease ran out.
  const drain = (sender: SmsSender) => drainSms(stack.runtime, sender, { leaseMs: 1, retryBaseMs: 1 }).catch(() => -1);
  /** The process dies right after the provider took the message: "marked sent" is never written. */
  function crashAfterHandOver<T>(run: () => Promise<T>): Promise<T> {
    const outbox = stack.runtime.outbox;
    const { markSent } = outbox;
    outbox.markSent = async (): Promise<never> => {
      throw new Error('killed after the provider took it');
    };
    return run().finally(() => {
      outbox.markSent = markSent;
    });
  }
  const later = () => new Promise((r) => setTimeout(r, 5));

  it('one crash after the hand-over: one resend, then sent and noted once', async () => {
    const caseNumber = await book(CHEN);
    const sms = recordingSmsProvider(false);
    await crashAfterHandOver(() => drain(sms));
    expect(sms.handed.map((m) => m.kind)).toEqual(['booked']);
    await later();
    expect(await drain(sms)).toBe(1);
    expect(sms.handed.map((m) => m.kind)).toEqual(['booked', 'booked']);
    const [settled] = await stack.runtime.outbox.forCase(caseNumber);
    expect(settled!.status).toBeUndefined();
    expect(await noteOf(caseNumber)).toMatch(new RegExp(`${SENT_NOTE}$`));
    await later();
    expect(await drain(sms)).toBe(0);
    expect(sms.handed).toHaveLength(2);
  });

  it('crash after crash: handed over twice, never a third time, kept apart and not said to be sent', async () => {
    const caseNumber = await book(LIN);
    const sms = recordingSmsProvider(false);
    for (let i = 0; i < 4; i++) {
      await crashAfterHandOver(() => drain(sms));
      await later();
    }
    expect(sms.handed.map((m) => m.kind)).toEqual(['booked', 'booked']);
    const [kept] = await stack.runtime.outbox.forCase(caseNumber);
    expect(kept).toMatchObject({ status: SMS_FAILED, handedOver: 2 });
    expect(await noteOf(caseNumber)).not.toContain(SENT_NOTE);
    await later();
    expect(await drain(sms)).toBe(0);
    expect(sms.handed).toHaveLength(2);
  });

  it('a provider that deduplicates: no lease is written; a failed send is counted and waits its backoff; two drains at once mark it once', async () => {
    const caseNumber = await book(HUANG);
    const handed: OutgoingSms[] = [];
    let refuse = true;
    const gateway: SmsSender = {
      deduplicates: true,
      async send(m) {
        handed.push(m);
        if (refuse) throw new Error('gateway answered 503');
      },
    };
    const [before] = await stack.runtime.outbox.forCase(caseNumber);
    // A backoff of a minute: the failed message is not due again within this test's next drains.
    expect(await drainSms(stack.runtime, gateway, { leaseMs: 30_000, retryBaseMs: 60_000 })).toBe(0);
    const stored = async () =>
      (
        await stack.runtime.outbox.db.send(
          new GetCommand({ TableName: stack.runtime.outbox.table, Key: { pk: before!.pk, sk: before!.sk }, ConsistentRead: true }),
        )
      ).Item!;
    const failed = await stored();
    expect(failed).toMatchObject({ status: before!.status, attempts: 1, lastError: 'gateway answered 503' });
    expect(failed.queueKey > before!.queueKey).toBe(true);
    expect(failed.claimedUntil).toBeUndefined();
    expect(await drainSms(stack.runtime, gateway, { leaseMs: 30_000, retryBaseMs: 60_000 })).toBe(0);
    expect(handed).toHaveLength(1);

    // Due again (its retry time made now), two drains at once: the provider may be handed it twice (it drops the
    // second by id), the message is marked sent once and the page says so once.
    refuse = false;
    await stack.runtime.outbox.db.send(
      new UpdateCommand({
        TableName: stack.runtime.outbox.table,
        Key: { pk: before!.pk, sk: before!.sk },
        UpdateExpression: 'SET queueKey = :q',
        ExpressionAttributeValues: { ':q': `${new Date(0).toISOString()}#${before!.pk}#${before!.sk}` },
      }),
    );
    const counts = await Promise.all([0, 1].map(() => drainSms(stack.runtime, gateway, { leaseMs: 30_000, retryBaseMs: 60_000 })));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(new Set(handed.slice(1).map((m) => m.id))).toEqual(new Set([handed[0]!.id]));
    const sent = await stored();
    expect(sent.status).toBeUndefined();
    expect(sent.sentAt).toEqual(expect.any(String));
    expect((await noteOf(caseNumber)).split(SENT_NOTE)).toHaveLength(2);
  });
});
