import { createHash } from 'node:crypto';
import type { CaseStatus } from '../../schemas/case.ts';
import type { Completion } from '../domain/sla.ts';
import { STATUS_INDEX } from './table-keys.ts';
import { TableStore } from './table-store.ts';

/**
 * Spread over a few items, so completions at the same moment do not contend for one item inside their
 * transactions (DynamoDB cancels concurrent transactions on one item); the dashboard adds the shards up.
 */
const SHARDS = 8;
const completionsShard = (shard: number) => ({ pk: `STATS#completions#${shard}`, sk: 'STATS' });
const shardOf = (caseNumber: string) => createHash('sha256').update(caseNumber).digest()[0]! % SHARDS;
/** Working days taken are counted per day up to this; longer cases share the last bucket (the median stays exact below it). */
const MAX_BUCKET = 250;

/**
 * The figures the team is judged by, kept as running totals so the dashboard reads one item, not every case
 * ever completed: each completion adds itself once, in the same transaction that completes the case.
 */
export class StatsStore extends TableStore {
  /** The update that counts one completed case; part of the completing transaction (so a re-run counts nothing). */
  completionUpdate(caseNumber: string, done: Completion) {
    const day = `d${Math.min(Math.max(0, done.workingDaysTaken), MAX_BUCKET)}`;
    return {
      TableName: this.table,
      Key: completionsShard(shardOf(caseNumber)),
      UpdateExpression: 'ADD #count :one, #onTime :onTime, #day :one',
      ExpressionAttributeNames: { '#count': 'count', '#onTime': 'onTime', '#day': day },
      ExpressionAttributeValues: { ':one': 1, ':onTime': done.onTime ? 1 : 0 },
    };
  }

  /** On-time rate and the median working days to complete, from the running totals. */
  async completions(): Promise<{ onTimeRate: number | null; medianWorkingDaysToComplete: number | null }> {
    const items = await this.allShards();
    let count = 0;
    let onTime = 0;
    const byDay = new Map<number, number>();
    for (const item of items) {
      count += Number(item.count ?? 0);
      onTime += Number(item.onTime ?? 0);
      for (const [k, v] of Object.entries(item)) if (/^d\d+$/.test(k)) byDay.set(Number(k.slice(1)), (byDay.get(Number(k.slice(1))) ?? 0) + Number(v));
    }
    if (count === 0) return { onTimeRate: null, medianWorkingDaysToComplete: null };
    const histogram = [...byDay.entries()].sort((a, b) => a[0] - b[0]);
    return { onTimeRate: onTime / count, medianWorkingDaysToComplete: medianOf(histogram, count) };
  }

  private async allShards(): Promise<Record<string, unknown>[]> {
    return this.getAll(Array.from({ length: SHARDS }, (_, i) => completionsShard(i)));
  }

  /** How many cases are in a status (the status index, counted, not read). */
  async countInStatus(status: CaseStatus): Promise<number> {
    return this.queryCount({
      IndexName: STATUS_INDEX,
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
    });
  }
}

/** The median of a histogram of whole days (the mean of the two middle values for an even count). */
export function medianOf(histogram: readonly (readonly [day: number, count: number])[], total: number): number {
  const at = (rank: number) => {
    let seen = 0;
    for (const [day, n] of histogram) {
      seen += n;
      if (seen > rank) return day;
    }
    return histogram.at(-1)?.[0] ?? 0;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
