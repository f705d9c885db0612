import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The first answer to an `Idempotency-Key`, per caller. Bookings write their record inside the booking's
 * own transaction (booking-store.ts); other creating POSTs remember their answer here after it is given.
 */
export class IdempotencyStore extends TableStore {
  async get(scope: string, key: string): Promise<{ requestHash: string; response: StoredResponse } | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(scope, key), ConsistentRead: true }));
    return out.Item as { requestHash: string; response: StoredResponse } | undefined;
  }

  /** Remembers the answer once; a racing request with the same key keeps the first. */
  async remember(scope: string, key: string, requestHash: string, response: StoredResponse, now: Date): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.idempotency(scope, key), requestHash, response, expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}
