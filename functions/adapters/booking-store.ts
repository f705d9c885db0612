import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from './case-record.ts';
import { keys, personIndexKeys } from './table-keys.ts';
import { IDEMPOTENCY_TTL_SECONDS, IdempotencyStore, type StoredResponse } from './idempotency-store.ts';
import { prepareCharge, type QuotaCharge } from './quota-charge.ts';
import { TableStore } from './table-store.ts';

export type BookingOutcome =
  | { kind: 'created'; response: StoredResponse }
  | { kind: 'replayed'; response: StoredResponse }
  | { kind: 'key-reused-with-other-body' }
  | { kind: 'open-case'; caseNumber: string }
  | { kind: 'slot-full' }
  | { kind: 'quota-exceeded'; scope: string; retryAfterSeconds: number }
  | { kind: 'case-number-taken' };

/**
 * A booking is four writes that must happen together or not at all: the idempotency record, the
 * person's open-case lock, the case, and one seat of the slot. Hand-written rather than a generic
 * idempotency library because the idempotency record has to sit in the same DynamoDB transaction as
 * the booking: a crash between "booked" and "remembered the answer" would otherwise turn a retry into
 * a 409 for the citizen's own case.
 */
export class BookingStore extends TableStore {
  async book(input: {
    record: CaseRecord;
    idempotency: { scope: string; key: string; requestHash: string };
    slot?: { slotId: string; capacity: number };
    response: StoredResponse;
    /** The confirmation for the citizen's outbox (an item of functions/notifications/pending-sms.ts, with its key), sent with the booking or not at all. */
    message: Record<string, unknown>;
    /** Message quotas the confirmation uses: charged in the same transaction, so a refused booking costs none. */
    quotas?: QuotaCharge[];
  }): Promise<BookingOutcome> {
    const { record, idempotency, slot, response, message } = input;
    const charges = (input.quotas ?? []).map((q) => ({ scope: q.scope, ...prepareCharge(this.table, q, new Date(record.createdAt)) }));
    const nowSeconds = Math.floor(Date.parse(record.createdAt) / 1000);
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.idempotency(idempotency.scope, idempotency.key),
            requestHash: idempotency.requestHash,
            response,
            expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.openCaseLock(record.idNumber), caseNumber: record.caseNumber },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.case(record.caseNumber), ...personIndexKeys(record), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (slot) {
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.slot(slot.slotId),
          UpdateExpression: 'SET booked = if_not_exists(booked, :zero) + :one',
          ConditionExpression: 'attribute_not_exists(booked) OR booked < :cap',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':cap': slot.capacity },
        },
      });
    }
    const firstCharge = items.length;
    for (const c of charges) items.push({ Update: c.update });
    try {
      // Last, and unconditional (its key is the new case's), so the positions of the conditions above stay put.
      items.push({ Put: { TableName: this.table, Item: message } });
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'created', response };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const failed = (err.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
      if (failed[0]) {
        const prior = await new IdempotencyStore(this.db, this.table).get(idempotency.scope, idempotency.key);
        if (!prior) throw err;
        return prior.requestHash === idempotency.requestHash ? { kind: 'replayed', response: prior.response } : { kind: 'key-reused-with-other-body' };
      }
      if (failed[1]) {
        const lock = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.openCaseLock(record.idNumber), ConsistentRead: true }));
        if (lock.Item) return { kind: 'open-case', caseNumber: lock.Item.caseNumber as string };
      }
      if (failed[2]) return { kind: 'case-number-taken' };
      if (slot && failed[3]) return { kind: 'slot-full' };
      const overQuota = charges.find((_, i) => failed[firstCharge + i]);
      if (overQuota) return { kind: 'quota-exceeded', scope: overQuota.scope, retryAfterSeconds: overQuota.retryAfterSeconds };
      // Cancelled for a transaction conflict with a concurrent booking: the caller may retry.
      throw err;
    }
  }

  /** Seats already booked per slot id. */
  async bookedCounts(slotIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let i = 0; i < slotIds.length; i += 100) {
      const chunk = slotIds.slice(i, i + 100);
      if (chunk.length === 0) continue;
      const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: chunk.map(keys.slot), ConsistentRead: true } } }));
      for (const item of out.Responses?.[this.table] ?? []) counts.set((item.pk as string).slice('SLOT#'.length), item.booked as number);
    }
    return counts;
  }
}
