import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { Rating, RatingsSummary } from '../../schemas/rating.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

/**
 * Why a counter, and why sharded: the staff dashboard wants `{ count, average }` over every case ever rated.
 * Scanning cases for ratings grows with the table; a GSI of rated cases still reads them all. So each rating
 * adds to a running count and total in the same transaction that writes it — the summary is one BatchGet of
 * RATING_SHARDS small items, however many cases there are. The counter is spread over shards (by case
 * number) so concurrent ratings of different cases do not contend for one item.
 */
export const RATING_SHARDS = 8;
const shardOf = (caseNumber: string) => createHash('sha256').update(caseNumber).digest()[0]! % RATING_SHARDS;
/** Two ratings of different cases on the same shard may still collide; DynamoDB then cancels one: try again. */
const CONFLICT_ATTEMPTS = 5;

export type RateResult = 'rated' | 'refused';

export class RatingStore extends TableStore {
  /**
   * Records the rating on the case — only if the case is COMPLETED and has none yet (one conditional write, so
   * of two concurrent ratings exactly one lands) — and adds it to the counters, all or nothing. `refused` when
   * the condition failed: the caller reads the case again to say why.
   */
  async rate(caseNumber: string, rating: Rating): Promise<RateResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.table,
                  Key: keys.case(caseNumber),
                  UpdateExpression: 'SET rating = :r',
                  ConditionExpression: '#s = :completed AND attribute_not_exists(rating)',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: { ':r': rating, ':completed': 'COMPLETED' },
                },
              },
              {
                Update: {
                  TableName: this.table,
                  Key: keys.ratingStats(shardOf(caseNumber)),
                  UpdateExpression: 'ADD #count :one, #total :score',
                  ExpressionAttributeNames: { '#count': 'count', '#total': 'total' },
                  ExpressionAttributeValues: { ':one': 1, ':score': rating.score },
                },
              },
            ],
          }),
        );
        return 'rated';
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const reasons = (err.CancellationReasons ?? []).map((r) => r.Code);
        if (reasons[0] === 'ConditionalCheckFailed') return 'refused';
        if (!reasons.includes('TransactionConflict') || attempt >= CONFLICT_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      }
    }
  }

  /** `{ count, average }` over every rating ever given (GET /v1/staff/stats `ratings`). */
  async ratingsSummary(): Promise<RatingsSummary> {
    let pending: Record<string, unknown>[] = Array.from({ length: RATING_SHARDS }, (_, i) => keys.ratingStats(i));
    let count = 0;
    let total = 0;
    // BatchGet may hand some keys back unprocessed (throttling): ask again for those, so no shard is skipped.
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** round));
      const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of out.Responses?.[this.table] ?? []) {
        count += Number(item.count ?? 0);
        total += Number(item.total ?? 0);
      }
      pending = out.UnprocessedKeys?.[this.table]?.Keys ?? [];
      if (pending.length > 0 && round >= 5) throw new Error('rating counters: BatchGet left keys unprocessed after 6 rounds');
    }
    return { count, average: count === 0 ? 0 : Math.round((total / count) * 100) / 100 };
  }
}

/** The adapter function the staff statistics call: `ratingsSummary(rt.ratings)`. */
export function ratingsSummary(store: Pick<RatingStore, 'ratingsSummary'>): Promise<RatingsSummary> {
  return store.ratingsSummary();
}
