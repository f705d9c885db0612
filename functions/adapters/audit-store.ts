import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AuditEntry } from '../../schemas/review.ts';
import { parseRecord } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

// Stored items carry the table's keys beside the entry: parse the entry's fields, drop the rest.
const StoredAuditEntry = z.object(AuditEntry.shape);

/** Who looked at or acted on a case: one item per access, in the case's own audit partition. */
export class AuditStore extends TableStore {
  async record(caseNumber: string, entry: AuditEntry): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.audit(caseNumber, entry.at, entry.requestId), ...entry } }));
  }

  /** The case's audit trail, newest first. */
  async trail(caseNumber: string, limit = 500): Promise<AuditEntry[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.audit(caseNumber, '', '').pk },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => parseRecord(StoredAuditEntry, item, `audit entry of ${caseNumber}`));
  }
}
