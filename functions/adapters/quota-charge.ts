import { createHash } from 'node:crypto';
import type { Quota } from '../shared/message-quotas.ts';
import { keys } from './table-keys.ts';

/** One use of a quota, to be written in the same transaction as what it pays for. */
export interface QuotaCharge {
  scope: string;
  /** What is counted (a phone number, a caller): stored only as a hash, so the counter holds no personal data. */
  subject: string;
  quota: Quota;
}

export interface PreparedCharge {
  update: {
    TableName: string;
    Key: Record<string, string>;
    UpdateExpression: string;
    ConditionExpression: string;
    ExpressionAttributeValues: Record<string, unknown>;
  };
  /** Seconds until the window ends and the quota is whole again. */
  retryAfterSeconds: number;
}

/** A fixed-window counter: the update succeeds while the window has room, and fails its condition once it is full. */
export function prepareCharge(table: string, charge: QuotaCharge, now: Date): PreparedCharge {
  const windowMs = charge.quota.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowEnd = windowStart + windowMs;
  const subject = createHash('sha256').update(charge.subject).digest('hex').slice(0, 32);
  return {
    update: {
      TableName: table,
      Key: keys.quota(charge.scope, subject, new Date(windowStart).toISOString()),
      UpdateExpression: 'SET hits = if_not_exists(hits, :zero) + :one, expiresAt = :expires',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':limit': charge.quota.limit, ':expires': Math.ceil(windowEnd / 1000) + 3600 },
    },
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
  };
}
