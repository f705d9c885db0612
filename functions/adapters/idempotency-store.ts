import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { parseRecord } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;
/** How long a request may run before a retry with the same key may take over (longer than any handler runs). */
export const IN_PROGRESS_SECONDS = 60;

// Records written by the booking's transaction carry no `state`: they are complete by construction.
const StoredRecord = z.object({
  requestHash: z.string(),
  state: z.enum(['INPROGRESS', 'COMPLETED']).optional(),
  response: z.object({ status: z.number(), body: z.unknown() }).optional(),
});

export type Claim = { kind: 'claimed' } | { kind: 'completed'; response: StoredResponse } | { kind: 'in-progress' } | { kind: 'different-request' };

/**
 * The first answer to an `Idempotency-Key`, per caller, with the in-progress semantics of
 * @aws-lambda-powertools/idempotency: the first request claims the key (an INPROGRESS record, written only if
 * none exists or a stale one expired), runs, and completes it with its answer; a concurrent request with the
 * same key finds the claim and is told to retry later; a failed run releases the claim. Written here rather
 * than with Powertools because the booking must keep its record inside its own transaction (booking-store.ts)
 * and both must share one table layout.
 */
export class IdempotencyStore extends TableStore {
  async get(scope: string, key: string): Promise<{ requestHash: string; response: StoredResponse } | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(scope, key), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const record = parseRecord(StoredRecord, out.Item, `idempotency record ${key}`);
    return record.response && record.state !== 'INPROGRESS' ? { requestHash: record.requestHash, response: record.response } : undefined;
  }

  async claim(scope: string, key: string, requestHash: string, now: Date): Promise<Claim> {
    const epoch = Math.floor(now.getTime() / 1000);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.idempotency(scope, key),
            requestHash,
            state: 'INPROGRESS',
            inProgressUntil: epoch + IN_PROGRESS_SECONDS,
            expiresAt: epoch + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#st = :inprogress AND inProgressUntil < :now)',
          ExpressionAttributeNames: { '#st': 'state' },
          ExpressionAttributeValues: { ':inprogress': 'INPROGRESS', ':now': epoch },
        }),
      );
      return { kind: 'claimed' };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(scope, key), ConsistentRead: true }));
    // Released between our write and this read: the caller may simply try again.
    if (!out.Item) return { kind: 'in-progress' };
    const record = parseRecord(StoredRecord, out.Item, `idempotency record ${key}`);
    if (record.requestHash !== requestHash) return { kind: 'different-request' };
    if (record.state === 'INPROGRESS' || !record.response) return { kind: 'in-progress' };
    return { kind: 'completed', response: record.response };
  }

  /** Completes our claim with the answer given; only the claim's owner (same request) can. */
  async complete(scope: string, key: string, requestHash: string, response: StoredResponse, now: Date): Promise<void> {
    try {
      await this.send(scope, key, requestHash, response, now);
    } catch (err) {
      // Our claim went stale and a retry took it over: its answer will stand (the handlers are idempotent).
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  private async send(scope: string, key: string, requestHash: string, response: StoredResponse, now: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.idempotency(scope, key),
          requestHash,
          state: 'COMPLETED',
          response,
          expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: '#st = :inprogress AND requestHash = :h',
        ExpressionAttributeNames: { '#st': 'state' },
        ExpressionAttributeValues: { ':inprogress': 'INPROGRESS', ':h': requestHash },
      }),
    );
  }

  /** Gives the key back after a refused or failed run, so the same request may be sent again. */
  async release(scope: string, key: string, requestHash: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.idempotency(scope, key),
          ConditionExpression: '#st = :inprogress AND requestHash = :h',
          ExpressionAttributeNames: { '#st': 'state' },
          ExpressionAttributeValues: { ':inprogress': 'INPROGRESS', ':h': requestHash },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}
