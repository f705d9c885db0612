import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { STATUS_INDEX } from './table-keys.ts';

type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

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
   * The first `limit` items of an outbox queue that are due: those under `status` in the status index whose
   * `queueKey` (due time first) sorts at or before `dueKeyBound`, oldest first.
   */
  protected async dueInQueue(status: string, dueKeyBound: string, limit: number): Promise<Record<string, unknown>[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#s = :s AND queueKey <= :bound',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status, ':bound': dueKeyBound },
        Limit: limit,
      }),
    );
    return out.Items ?? [];
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
