import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AuditEntry } from '../../schemas/review.ts';
import { parseRecord } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

// Stored items carry the table's keys beside the entry: parse the entry's fields, drop the rest.
const StoredAuditEntry = z.object(AuditEntry.shape);

/**
 * A page that polls (the case page, its event stream) is recorded once per reader, act and window of this length:
 * a person waiting on the page reads it every few seconds, and one item per poll made the audit trail mostly noise
 * and cost a write each. Every read still leaves its own audit log line (functions/api/case-access.ts).
 */
export const POLL_WINDOW_MS = 15 * 60 * 1000;
/** Windows this container has recorded already, so a repeated poll costs no request; bounded, oldest dropped first. */
const MAX_REMEMBERED_WINDOWS = 10_000;

/** Who looked at or acted on a case: one item per access, in the case's own audit partition. */
export class AuditStore extends TableStore {
  private readonly recordedWindows = new Set<string>();

  async record(caseNumber: string, entry: AuditEntry): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.itemOf(caseNumber, entry) }));
  }

  /** The item of one access, for an act that writes it in its own transaction (one write fewer). */
  itemOf(caseNumber: string, entry: AuditEntry): Record<string, unknown> {
    return { ...keys.audit(caseNumber, entry.at, entry.requestId), ...entry };
  }

  /**
   * A polled read: the first of its window (by reader and act) becomes an item stamped with the window's end
   * (`until`); later ones in the window are already covered. Conditional, so containers that each see a first read
   * write one item between them.
   */
  async recordPoll(caseNumber: string, entry: AuditEntry): Promise<void> {
    const start = Math.floor(Date.parse(entry.at) / POLL_WINDOW_MS) * POLL_WINDOW_MS;
    // The reader's id is hashed into the key: a citizen's actor holds the ID number, which the sort key must not.
    const reader = createHash('sha256').update(`${entry.actor}|${entry.action}`).digest('hex').slice(0, 24);
    const key = { pk: keys.audit(caseNumber, '', '').pk, sk: `${new Date(start).toISOString()}#poll#${reader}` };
    const remembered = `${key.pk}|${key.sk}`;
    if (this.recordedWindows.has(remembered)) return;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, ...entry, until: new Date(start + POLL_WINDOW_MS).toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    if (this.recordedWindows.size >= MAX_REMEMBERED_WINDOWS) {
      const oldest = this.recordedWindows.values().next().value;
      if (oldest !== undefined) this.recordedWindows.delete(oldest);
    }
    this.recordedWindows.add(remembered);
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
    // A polled window's item sorts by its window's start, its `at` is the first read in it: order by `at`.
    return (out.Items ?? []).map((item) => parseRecord(StoredAuditEntry, item, `audit entry of ${caseNumber}`)).sort((a, b) => b.at.localeCompare(a.at));
  }
}
