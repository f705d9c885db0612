/**
 * A provider that deduplicates on the message id (the local sink, an HTTP gateway) gets a round's sent marks in one
 * write, through the real outbox in DynamoDB Local: fewer requests, and still each message marked sent once and its
 * 已短信通知 said once, when two rounds run at once and when the process dies between the sends and the mark.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsId } from '../../functions/adapters/outbox-store.ts';
import { SENT_NOTE } from '../../functions/notifications/pending-sms.ts';
import { drainSms } from '../../functions/sms/drain.ts';
import { recordingSmsProvider } from '../support/recording-sms-provider.ts';
import { bookOwnCase, DEMO_FIXTURES, ownBookings, startTestStack, type TestStack } from './harness.ts';

const people = (JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).slice(0, 11);
const OPTS = { leaseMs: 30_000, retryBaseMs: 60_000 };

/** The outbox's writes while `run` runs, by command. */
async function writesDuring<T>(stack: TestStack, run: () => Promise<T>): Promise<{ result: T; writes: string[] }> {
  const db = stack.runtime.outbox.db as unknown as { send: (cmd: object, ...rest: unknown[]) => Promise<unknown> };
  const send = db.send;
  const writes: string[] = [];
  db.send = (cmd, ...rest) => {
    const name = cmd.constructor.name;
    if (/^(Put|Update|TransactWrite|Delete)/.test(name)) writes.push(name);
    return send.call(db, cmd, ...rest);
  };
  try {
    return { result: await run(), writes };
  } finally {
    db.send = send;
  }
}

describe('sent marks, one write a round', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-15', smsDrainIntervalMs: 0, smsJobsIntervalMs: 0 });
  }, 120_000);
  afterAll(async () => stack?.close());

  const { book, bookingNote: noteOf } = ownBookings(() => stack.client);
  const messagesOf = async (cases: string[]) => (await Promise.all(cases.map((c) => stack.runtime.outbox.forCase(c)))).flat();

  it('three messages sent in one round are marked in one transaction, each sent once and said once', async () => {
    const cases = await Promise.all(people.slice(0, 3).map(book));
    const gateway = recordingSmsProvider(true);
    const { result, writes } = await writesDuring(stack, () => drainSms(stack.runtime, gateway, OPTS));
    expect(result).toBe(3);
    expect(writes).toEqual(['TransactWriteCommand']);
    expect(gateway.handed.map((m) => m.id).sort()).toEqual((await messagesOf(cases)).map(smsId).sort());
    for (const m of await messagesOf(cases)) {
      expect(m.status).toBeUndefined();
      expect(m.sentAt).toEqual(expect.any(String));
    }
    for (const c of cases) expect((await noteOf(c)).split(SENT_NOTE)).toHaveLength(2);
    // Nothing is left to send.
    expect(await drainSms(stack.runtime, gateway, OPTS)).toBe(0);
  });

  it('two rounds at once: both may hand a message over (the provider drops the copy), each is marked once and said once', async () => {
    const cases = await Promise.all(people.slice(3, 6).map(book));
    const gateway = recordingSmsProvider(true);
    await Promise.all([0, 1].map(() => drainSms(stack.runtime, gateway, OPTS)));
    const ids = (await messagesOf(cases)).map(smsId).sort();
    expect([...new Set(gateway.handed.map((m) => m.id))].sort()).toEqual(ids);
    for (const m of await messagesOf(cases)) {
      expect(m.status).toBeUndefined();
      expect(m.sentAt).toEqual(expect.any(String));
    }
    for (const c of cases) expect((await noteOf(c)).split(SENT_NOTE)).toHaveLength(2);
  });

  it('one of the round settled meanwhile by another round: the others are marked one by one, the settled one left as it was', async () => {
    const cases = await Promise.all(people.slice(9, 11).map(book));
    const [first, second] = await messagesOf(cases);
    expect(await stack.runtime.outbox.markSent(first!, '2026-12-15T01:00:00.000Z')).toBe(true);
    const { result, writes } = await writesDuring(stack, () => stack.runtime.outbox.markAllSent([first!, second!], '2026-12-15T02:00:00.000Z'));
    expect(result).toBe(1);
    expect(writes).toEqual(['TransactWriteCommand', 'UpdateCommand', 'UpdateCommand']);
    const [a, b] = await messagesOf(cases);
    expect(a!.sentAt).toBe('2026-12-15T01:00:00.000Z');
    expect(b!.sentAt).toBe('2026-12-15T02:00:00.000Z');
    for (const c of cases) expect((await noteOf(c)).split(SENT_NOTE)).toHaveLength(2);
  });

  it('killed between the sends and the one mark: the next round sends again (dropped by id) and marks them all', async () => {
    const cases = await Promise.all(people.slice(6, 9).map(book));
    const gateway = recordingSmsProvider(true);
    const outbox = stack.runtime.outbox;
    const { markAllSent } = outbox;
    outbox.markAllSent = async (): Promise<never> => {
      throw new Error('killed after the provider took them');
    };
    try {
      await expect(drainSms(stack.runtime, gateway, OPTS)).rejects.toThrow('killed after the provider took them');
    } finally {
      outbox.markAllSent = markAllSent;
    }
    for (const m of await messagesOf(cases)) expect(m.sentAt).toBeUndefined();
    for (const c of cases) expect(await noteOf(c)).not.toContain(SENT_NOTE);

    expect(await drainSms(stack.runtime, gateway, OPTS)).toBe(3);
    expect(gateway.handed).toHaveLength(6);
    expect(new Set(gateway.handed.map((m) => m.id)).size).toBe(3);
    for (const c of cases) expect((await noteOf(c)).split(SENT_NOTE)).toHaveLength(2);
  });
});

// `npm run cost` prices the AWS hosting, whose default provider (SNS) cannot deduplicate: the stack can drain as it does.
describe('the stack draining as with a provider that cannot deduplicate (smsProviderDeduplicates: false)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-15', smsDrainIntervalMs: 0, smsJobsIntervalMs: 0, smsProviderDeduplicates: false });
  }, 120_000);
  afterAll(async () => stack?.close());

  it('each message is leased, its hand-over recorded and then marked: three writes, none shared', async () => {
    const { caseNumber } = await bookOwnCase(stack.client, people[0]);
    const { result, writes } = await writesDuring(stack, () => stack.textMessages.drain());
    expect(result).toBe(1);
    expect(writes).toEqual(['UpdateCommand', 'UpdateCommand', 'UpdateCommand']);
    const [m] = await stack.runtime.outbox.forCase(caseNumber);
    expect(m).toMatchObject({ attempts: 1, handedOver: 0, sentAt: expect.any(String) });
  });
});
