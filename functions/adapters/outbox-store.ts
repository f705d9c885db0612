import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CaseStatus } from '../../schemas/case.ts';
import { MessageKind } from '../../schemas/dev-messages.ts';
import { SMS_FAILED, SMS_PENDING, SMS_PREFIX } from '../notifications/pending-sms.ts';
import type { SentReport } from '../notifications/sent-notes.ts';
import { parseRecord } from './case-record.ts';
import { keys, STATUS_INDEX } from './table-keys.ts';
import { TableStore } from './table-store.ts';

export const StoredSms = z.object({
  pk: z.string(),
  sk: z.string(),
  kind: MessageKind,
  to: z.string(),
  text: z.string(),
  at: z.string(),
  caseNumber: z.string().optional(),
  entry: z.object({ at: z.string(), status: CaseStatus }).optional(),
  attempts: z.number().default(0),
  status: z.string().optional(),
  queueKey: z.string(),
  sentAt: z.string().optional(),
  /** Hand-overs to a provider that cannot deduplicate (SNS) whose outcome nobody recorded: a crash came between. */
  handedOver: z.number().optional(),
  /** An invitation's link reference and the month it announces (functions/sms/invite.ts). */
  invitation: z.object({ ref: z.string(), retirementMonth: z.string() }).optional(),
});
export type StoredSms = z.infer<typeof StoredSms>;

/** The id a provider or the local sink deduplicates on: the same on every attempt of one message. */
export const smsId = (m: Pick<StoredSms, 'pk' | 'sk'>) => `${m.pk.slice(SMS_PREFIX.length)}/${m.sk}`;

const dueKey = (at: string, m: Pick<StoredSms, 'pk' | 'sk'>) => `${at}#${m.pk}#${m.sk}`;
/** An attempt that recorded its hand-over (recordHandOver) takes it back when it settles: its outcome is known. */
type Attempt = StoredSms & { handing?: boolean };
const handOverSettled = (m: Attempt) => (m.handing ? ', handedOver = handedOver - :one' : '');
const handOverValues = (m: Attempt): Record<string, unknown> => (m.handing ? { ':one': 1 } : {});
/** The update that marks an attempt sent: out of the queue's index for good, its hand-over taken back. */
const sentMark = (m: Attempt, sentAt: string): [string, Record<string, unknown>] => [
  `REMOVE #s, claimedUntil SET sentAt = :t${handOverSettled(m)}`,
  { ':t': sentAt, ...handOverValues(m) },
];
const occurrence = (sk: string) => Number(sk.split('#')[1] ?? Number.MAX_SAFE_INTEGER);
const SentEntry = z.object({ entry: z.object({ at: z.string(), status: CaseStatus }) });

/**
 * The text-message outbox (functions/notifications/pending-sms.ts): written by every stage in its own transaction,
 * drained by functions/sms/drain.ts. Every write here is conditional: a message is claimed by one drain at a time
 * and marked sent once; the case view says 已短信通知 from that mark (functions/notifications/sent-notes.ts).
 */
export class OutboxStore extends TableStore {
  /** A message that must go at most once per key (an invitation, a deadline reminder): false when it was already written. */
  async putOnce(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /** Messages due by `now` (oldest first): never sent, or whose last attempt's lease or retry time has passed. */
  async due(now: Date, limit = 25): Promise<StoredSms[]> {
    const items = await this.dueInQueue(SMS_PENDING, `${now.toISOString()}#~`, limit);
    return items.map((i) => parseRecord(StoredSms, i, `message ${String(i.pk)}/${String(i.sk)}`));
  }

  /** Every message still to be sent (due or held by a claim or a retry time): the backlog the SmsPending alarm watches. */
  async pendingCount(): Promise<number> {
    return this.queryCount({
      IndexName: STATUS_INDEX,
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': SMS_PENDING },
    });
  }

  /**
   * Takes a due message for one attempt by moving it `leaseMs` ahead, so a crash mid-attempt only delays it.
   * The claimed copy comes back (its new queueKey is what settling is conditioned on); undefined when another
   * drain took it first.
   */
  async claim(m: StoredSms, now: Date, leaseMs: number): Promise<StoredSms | undefined> {
    const queueKey = dueKey(new Date(now.getTime() + leaseMs).toISOString(), m);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: m.pk, sk: m.sk },
          // claimedUntil tells a held attempt from a retry waiting out its backoff (releaseClaims frees only the former).
          UpdateExpression: 'SET queueKey = :q, claimedUntil = :until, attempts = if_not_exists(attempts, :zero) + :one',
          ConditionExpression: 'queueKey = :was AND #s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':q': queueKey,
            ':until': new Date(now.getTime() + leaseMs).toISOString(),
            ':zero': 0,
            ':one': 1,
            ':was': m.queueKey,
            ':pending': SMS_PENDING,
          },
        }),
      );
      return { ...m, queueKey, attempts: m.attempts + 1 };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  /**
   * Recorded just before a message goes to a provider that cannot deduplicate (the claim-before-send record): one
   * more hand-over whose outcome is not known yet. Settling the attempt takes it back (markSent, markFailed), so
   * what remains counts the hand-overs a crash interrupted. Undefined when the claim was lost meanwhile.
   */
  async recordHandOver(m: StoredSms): Promise<Attempt | undefined> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: m.pk, sk: m.sk },
          UpdateExpression: 'SET handedOver = if_not_exists(handedOver, :zero) + :one',
          ConditionExpression: 'queueKey = :claimed AND #s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':claimed': m.queueKey, ':pending': SMS_PENDING },
        }),
      );
      return { ...m, handedOver: (m.handedOver ?? 0) + 1, handing: true };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  /** The provider took it: the message leaves the index for good. False when it was settled already. */
  async markSent(m: Attempt, sentAt: string): Promise<boolean> {
    return this.settleIf(m, ...sentMark(m, sentAt));
  }

  /**
   * Several messages the provider took, marked in one write instead of one each (a round of the drain sends many
   * at once). The transaction fails whole when one of them was settled already (another drain got there first);
   * then each is marked on its own, exactly as markSent would. The number marked here is returned.
   */
  async markAllSent(ms: readonly Attempt[], sentAt: string): Promise<number> {
    const markEach = async () => (await Promise.all(ms.map((m) => this.markSent(m, sentAt)))).filter(Boolean).length;
    if (ms.length <= 1) return markEach();
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: ms.map((m) => ({ Update: this.settleUpdate(m, ...sentMark(m, sentAt)) })) }));
      return ms.length;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      return markEach();
    }
  }

  /** Not taken: due again at `retryAt`, or given up (kept apart under SMS_FAILED) when there is none. */
  async markFailed(m: Attempt, error: string, retryAt: string | undefined): Promise<boolean> {
    // The attempt's count is set, not added: a claimed attempt counted itself already, an unclaimed one is counted here.
    const e = { ':e': error.slice(0, 300), ':n': m.attempts, ...handOverValues(m) };
    if (retryAt) {
      return this.settleIf(m, `SET queueKey = :q, lastError = :e, attempts = :n${handOverSettled(m)} REMOVE claimedUntil`, { ':q': dueKey(retryAt, m), ...e });
    }
    return this.settleIf(m, `SET #s = :failed, lastError = :e, attempts = :n${handOverSettled(m)} REMOVE claimedUntil`, { ':failed': SMS_FAILED, ...e });
  }

  /**
   * Makes every message held by an attempt due now. Only for a hosting that knows no attempt is running: the
   * embedded product at start (one process per data directory), whose predecessor's claims died with it. Its first
   * drain then hands those messages over again — a provider that took one already knows its id — and settles them,
   * instead of waiting out the lease with the timeline silent. Never on AWS, where a claim may belong to a live run.
   */
  async releaseClaims(now: Date): Promise<number> {
    let released = 0;
    // The index holds keys only: which pending messages are claimed is read from the messages themselves.
    const held = (await this.listInStatus(SMS_PENDING)).filter((item) => item.claimedUntil !== undefined);
    for (const item of held) {
      const m = parseRecord(StoredSms, item, `message ${String(item.pk)}/${String(item.sk)}`);
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: m.pk, sk: m.sk },
            UpdateExpression: 'SET queueKey = :q REMOVE claimedUntil',
            ConditionExpression: 'queueKey = :was AND #s = :pending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':q': dueKey(now.toISOString(), m), ':was': m.queueKey, ':pending': SMS_PENDING },
          }),
        );
        released++;
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    }
    return released;
  }

  /** Settles an attempt only while it still holds its message: pending, under the key it was found with. */
  private settleUpdate(m: StoredSms, update: string, values: Record<string, unknown>) {
    return {
      TableName: this.table,
      Key: { pk: m.pk, sk: m.sk },
      UpdateExpression: update,
      ConditionExpression: 'queueKey = :claimed AND #s = :pending',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ...values, ':claimed': m.queueKey, ':pending': SMS_PENDING },
    };
  }

  private async settleIf(m: StoredSms, update: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand(this.settleUpdate(m, update, values)));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /** The timeline entries of a case whose message the provider took (the case view says 已短信通知 on them). */
  async sentReports(caseNumber: string): Promise<SentReport[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'attribute_exists(sentAt) AND attribute_exists(entry)',
      ProjectionExpression: 'entry',
      ExpressionAttributeValues: { ':pk': `${SMS_PREFIX}${caseNumber}` },
      // A page read just after the drain marked a message shows its note.
      ConsistentRead: true,
    });
    return items.map((item) => parseRecord(SentEntry, item, `message of ${caseNumber}`).entry);
  }

  /** The messages written about one case, oldest first, sent or not (tests and support read them). */
  async forCase(caseNumber: string): Promise<(StoredSms & { channel: 'sms' })[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${SMS_PREFIX}${caseNumber}` },
        ConsistentRead: true,
      }),
    );
    return (
      (out.Items ?? [])
        .map((item) => ({ ...parseRecord(StoredSms, item, `message of ${caseNumber}`), channel: 'sms' as const }))
        // Two stages may share an instant (decided and documents ready): the timeline entry's index orders them.
        .sort((a, b) => a.at.localeCompare(b.at) || occurrence(a.sk) - occurrence(b.sk))
    );
  }

  /** Whether the person holds an open case (the booking's lock): someone who has booked needs no invitation. */
  async hasOpenCase(idNumber: string): Promise<boolean> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.openCaseLock(idNumber), ProjectionExpression: 'pk' }));
    return out.Item !== undefined;
  }

  /** One item by key (the invitation of a person, say). */
  async get(key: { pk: string; sk: string }): Promise<StoredSms | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return out.Item ? parseRecord(StoredSms, out.Item, `message ${key.pk}/${key.sk}`) : undefined;
  }
}
