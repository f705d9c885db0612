import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every store over the one case table holds. */
export class TableStore {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.db = db;
    this.table = table;
  }
}
