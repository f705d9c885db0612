import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
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

  /**
   * Saves the token of the step that waits for the form only if, at that instant, the case exists, has no form and
   * was not withdrawn: one request (a transaction of the save and a check of the case) where saving and then reading
   * the case took two (issue 13). The two are atomic, so the form's submission, which writes the form and then reads
   * the token, either finds this token or came first and failed this check. False when the check failed or the
   * transaction met a write to the case at the same moment: the caller then saves and reads as for any stage.
   */
  async saveWhileFormAwaited(caseNumber: string, token: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.taskToken(caseNumber, 'application'), token, at } } },
            {
              ConditionCheck: {
                TableName: this.table,
                Key: keys.case(caseNumber),
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(application) AND #s <> :withdrawn',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':withdrawn': 'WITHDRAWN' },
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  async get(caseNumber: string, stage: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.taskToken(caseNumber, stage), ConsistentRead: true }));
    return out.Item ? parseRecord(StoredToken, out.Item, `task token ${caseNumber}/${stage}`).token : undefined;
  }
}
