import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { parseRecord } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

export const StoredToken = z.object({ token: z.string(), at: z.string() });

/** The task token a waiting step left on its case, so whoever acts on the case can resume the workflow. */
export class TaskTokenStore extends TableStore {
  async save(caseNumber: string, stage: string, token: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.taskToken(caseNumber, stage), token, at } }));
  }

  async get(caseNumber: string, stage: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.taskToken(caseNumber, stage), ConsistentRead: true }));
    return out.Item ? parseRecord(StoredToken, out.Item, `task token ${caseNumber}/${stage}`).token : undefined;
  }
}
