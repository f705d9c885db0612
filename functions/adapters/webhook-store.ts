import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { WebhookEventBody, WebhookEventType } from '../../schemas/webhooks.ts';
import { parseRecord } from './case-record.ts';
import { TableStore } from './table-store.ts';

const SUBSCRIPTIONS = 'WEBHOOKS';
/** Pending deliveries sit in the status index under this status, ordered by when they are due. */
const PENDING = 'WEBHOOK_PENDING';

export const StoredSubscription = z.object({
  id: z.string(),
  owner: z.string(),
  url: z.string(),
  events: z.array(WebhookEventType),
  /** The signing secret as `rt.secrets.seal` returned it (context: the subscription id); never the secret itself. */
  secretSealed: z.string(),
  createdAt: z.string(),
});
export type StoredSubscription = z.infer<typeof StoredSubscription>;

export const StoredDelivery = z.object({
  subscriptionId: z.string(),
  eventId: z.string(),
  body: WebhookEventBody,
  attempts: z.number(),
  /**
   * When the delivery was queued, epoch ms (the 24 hours of retries count from it). Named apart from the
   * case's `createdAt` (an ISO string) so no reader mistakes one for the other.
   */
  queuedAtMs: z.number(),
  status: z.enum(['WEBHOOK_PENDING', 'WEBHOOK_DELIVERED', 'WEBHOOK_FAILED']),
  queueKey: z.string(),
  lastError: z.string().optional(),
});
export type StoredDelivery = z.infer<typeof StoredDelivery>;

const deliveryKey = (subscriptionId: string, eventId: string) => ({ pk: `WHD#${subscriptionId}#${eventId}`, sk: 'DELIVERY' });
const cursorKey = (caseNumber: string) => ({ pk: `CASE#${caseNumber}`, sk: 'WEBHOOK_CURSOR' });
const dueKey = (dueAt: number, subscriptionId: string, eventId: string) => `${String(dueAt).padStart(15, '0')}#${subscriptionId}#${eventId}`;

/**
 * Webhook subscriptions, the durable outbox of deliveries, and how far each case's timeline has been turned
 * into deliveries. Every write is conditional or idempotent: a delivery exists once per (subscription, event),
 * and a cursor only moves forward.
 */
export class WebhookStore extends TableStore {
  async subscribe(s: StoredSubscription): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: SUBSCRIPTIONS, sk: s.id, ...s }, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async subscriptions(): Promise<StoredSubscription[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': SUBSCRIPTIONS },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => parseRecord(StoredSubscription, i, `webhook ${String(i.id)}`));
  }

  /** Only its owner may remove a subscription; false when there is none of theirs. */
  async unsubscribe(id: string, owner: string): Promise<boolean> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: SUBSCRIPTIONS, sk: id },
          ConditionExpression: '#o = :o',
          ExpressionAttributeNames: { '#o': 'owner' },
          ExpressionAttributeValues: { ':o': owner },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async cursors(caseNumbers: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < caseNumbers.length; i += 100) {
      const chunk = caseNumbers.slice(i, i + 100);
      // Only the attributes read: on AWS the enqueuer may read nothing else of a CASE# item (infra/aws/functions.ts).
      const res = await this.db.send(
        new BatchGetCommand({
          RequestItems: {
            [this.table]: { Keys: chunk.map(cursorKey), ConsistentRead: true, ProjectionExpression: 'pk, sk, #n', ExpressionAttributeNames: { '#n': 'next' } },
          },
        }),
      );
      for (const item of res.Responses?.[this.table] ?? []) out.set((item.pk as string).slice('CASE#'.length), item.next as number);
    }
    return out;
  }

  /** Moves the case's cursor to `next` unless it is already there or further. */
  async advanceCursor(caseNumber: string, next: number): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: cursorKey(caseNumber),
          UpdateExpression: 'SET #n = :n',
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :n',
          ExpressionAttributeNames: { '#n': 'next' },
          ExpressionAttributeValues: { ':n': next },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  /** Puts a delivery in the outbox once: a second enqueue of the same event for the same subscription is a no-op. */
  async enqueue(subscriptionId: string, eventId: string, body: WebhookEventBody, now: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...deliveryKey(subscriptionId, eventId),
            subscriptionId,
            eventId,
            body,
            attempts: 0,
            queuedAtMs: now,
            status: PENDING,
            queueKey: dueKey(now, subscriptionId, eventId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async due(now: number, limit = 25): Promise<StoredDelivery[]> {
    const items = await this.dueInQueue(PENDING, `${String(now).padStart(15, '0')}#~`, limit);
    return items.map((i) => parseRecord(StoredDelivery, i, `delivery ${String(i.pk)}`));
  }

  /**
   * Takes a due delivery for one attempt: moves it `leaseMs` into the future, so a crash mid-attempt only
   * delays it. False when another dispatcher took it first.
   */
  async claim(d: StoredDelivery, now: number, leaseMs: number): Promise<boolean> {
    const until = now + leaseMs;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: deliveryKey(d.subscriptionId, d.eventId),
          UpdateExpression: 'SET queueKey = :q, attempts = attempts + :one',
          ConditionExpression: 'queueKey = :was AND #s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':q': dueKey(until, d.subscriptionId, d.eventId), ':one': 1, ':was': d.queueKey, ':pending': PENDING },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /** After an attempt: delivered, due again at `retryAt`, or given up (`retryAt` undefined). */
  async settle(d: StoredDelivery, outcome: { delivered: true } | { delivered: false; retryAt?: number; error: string }): Promise<void> {
    const key = deliveryKey(d.subscriptionId, d.eventId);
    if (outcome.delivered || outcome.retryAt === undefined) {
      const status = outcome.delivered ? 'WEBHOOK_DELIVERED' : 'WEBHOOK_FAILED';
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET #s = :s, lastError = :e',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': status, ':e': outcome.delivered ? '' : outcome.error },
        }),
      );
      return;
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET queueKey = :q, lastError = :e',
        ExpressionAttributeValues: { ':q': dueKey(outcome.retryAt, d.subscriptionId, d.eventId), ':e': outcome.error.slice(0, 300) },
      }),
    );
  }
}
