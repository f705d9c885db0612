import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { STATUS_INDEX } from './table-keys.ts';

type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;
type Key = { pk: unknown; sk: unknown };
/** BatchGetItem reads at most 100 keys a call. */
const BATCH_GET_MAX = 100;

/** What every store over the one case table holds. */
export class TableStore {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.db = db;
    this.table = table;
  }

  /** Every item a query finds, across its pages (DynamoDB answers at most 1 MB a call), in the query's order. */
  protected async queryAll(query: Query): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of this.pages(query)) items.push(...(page.Items ?? []));
    return items;
  }

  /** How many items a query finds, counted by DynamoDB across its pages, not read. */
  protected async queryCount(query: Query): Promise<number> {
    let count = 0;
    for await (const page of this.pages({ ...query, Select: 'COUNT' })) count += page.Count ?? 0;
    return count;
  }

  /**
   * The items behind `keys`, read consistently, in the keys' order; a key with no item (deleted since) is left
   * out. BatchGet may hand keys back unprocessed (throttling): those are asked for again, so none is skipped.
   */
  protected async getAll(keys: readonly Key[]): Promise<Record<string, unknown>[]> {
    const found = new Map<string, Record<string, unknown>>();
    const id = (k: Key) => `${String(k.pk)}\u0000${String(k.sk)}`;
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      let pending: Key[] = keys.slice(i, i + BATCH_GET_MAX).map(({ pk, sk }) => ({ pk, sk }));
      for (let round = 0; pending.length > 0; round++) {
        if (round > 5) throw new Error(`${this.table}: BatchGet left keys unprocessed after 6 rounds`);
        if (round > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** round));
        const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of out.Responses?.[this.table] ?? []) found.set(id(item as Key), item);
        pending = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Key[];
      }
    }
    return keys.flatMap((k): Record<string, unknown>[] => {
      const item = found.get(id(k));
      return item ? [item] : [];
    });
  }

  /**
   * Every item in a status, in the status index's order (queueKey), read from the table. The index holds keys only
   * (KEYS_ONLY), so that a write to a case that does not move it in a queue writes no index item, and one that
   * does writes a few bytes rather than the whole case again. An item that left the status after the index was
   * read is left out.
   */
  protected async listInStatus(status: string, opts: { dueBy?: string; limit?: number } = {}): Promise<Record<string, unknown>[]> {
    const query: Query = {
      IndexName: STATUS_INDEX,
      KeyConditionExpression: opts.dueBy === undefined ? '#s = :s' : '#s = :s AND queueKey <= :bound',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status, ...(opts.dueBy === undefined ? {} : { ':bound': opts.dueBy }) },
    };
    const keys =
      opts.limit === undefined
        ? await this.queryAll(query)
        : ((await this.db.send(new QueryCommand({ ...query, TableName: this.table, Limit: opts.limit }))).Items ?? []);
    return this.inStatus(keys as Key[], status);
  }

  /** The items behind index keys that are still in `status`. */
  protected async inStatus(keys: readonly Key[], status: string): Promise<Record<string, unknown>[]> {
    if (keys.length === 0) return [];
    return (await this.getAll(keys)).filter((item) => item.status === status);
  }

  /**
   * The first `limit` items of an outbox queue that are due: those under `status` in the status index whose
   * `queueKey` (due time first) sorts at or before `dueKeyBound`, oldest first.
   */
  protected async dueInQueue(status: string, dueKeyBound: string, limit: number): Promise<Record<string, unknown>[]> {
    return this.listInStatus(status, { dueBy: dueKeyBound, limit });
  }

  private async *pages(query: Query) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...query, TableName: this.table, ExclusiveStartKey: startKey }));
      yield page;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
