import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

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

  private async *pages(query: Query) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...query, TableName: this.table, ExclusiveStartKey: startKey }));
      yield page;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
