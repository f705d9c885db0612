import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { parseRecord } from './case-record.ts';
import { keys, STATUS_INDEX } from './table-keys.ts';
import { TableStore } from './table-store.ts';

/**
 * 办不成事 messages. Each is its own item (FEEDBACK#<id>); staff read them newest first through the table's one
 * GSI, where every message sits under the pseudo-status FEEDBACK ordered by when it came in — the same trick
 * the webhook outbox uses, so no second index is needed. One GSI partition is fine at the pace people write.
 */
const FEEDBACK_STATUS = 'FEEDBACK';

export const StoredFeedback = z.object({
  feedbackId: z.string(),
  receivedAt: z.string(),
  text: z.string(),
  caseNumber: z.string().optional(),
  /** Personal data, kept whole for staff to answer; every view and log masks it. */
  contact: z.string().optional(),
  /** The signed-in caller, if there was one: the token's role and subject. */
  from: z.object({ role: z.string(), subject: z.string() }).optional(),
});
export type StoredFeedback = z.infer<typeof StoredFeedback>;

/** Where the GSI stopped: exactly the four key attributes, nothing else is taken back from a caller. */
const PageKey = z.strictObject({
  pk: z.string().startsWith('FEEDBACK#'),
  sk: z.literal('FEEDBACK'),
  status: z.literal(FEEDBACK_STATUS),
  queueKey: z.string().max(200),
});

export interface FeedbackPage {
  items: StoredFeedback[];
  /** Opaque: base64url of where the query stopped. */
  nextCursor?: string;
}

export class InvalidCursor extends Error {}

export class FeedbackStore extends TableStore {
  async add(f: StoredFeedback): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.feedback(f.feedbackId), ...f, status: FEEDBACK_STATUS, queueKey: `${f.receivedAt}#${f.feedbackId}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Newest first, `limit` at a time; throws InvalidCursor for a cursor this store did not give. */
  async page(limit: number, cursor?: string): Promise<FeedbackPage> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': FEEDBACK_STATUS },
        ScanIndexForward: false,
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
      }),
    );
    // The index holds keys only: the messages are read from the table, in the index's order.
    const items = await this.inStatus((out.Items ?? []) as { pk: unknown; sk: unknown }[], FEEDBACK_STATUS);
    return {
      items: items.map((i) => parseRecord(StoredFeedback, i, `feedback ${String(i.pk)}`)),
      ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey) } : {}),
    };
  }
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(PageKey.parse(key))).toString('base64url');
}

function decodeCursor(cursor: string): z.infer<typeof PageKey> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  const key = PageKey.safeParse(json);
  if (!key.success) throw new InvalidCursor();
  return key.data;
}
