import type { CaseRecord } from '../adapters/case-record.ts';
import type { StoredSubscription } from '../adapters/webhook-store.ts';
import { caseEvents } from '../domain/webhook-events.ts';
import type { Runtime } from '../shared/runtime.ts';

/**
 * Turns what happened to cases into deliveries in the outbox: each case's timeline from its cursor on,
 * for every subscription that asked for that event, made after the subscription was, on a case its owner
 * booked (a platform hears of its own cases only). Safe to run any number of times, concurrently too:
 * a delivery exists once per (subscription, event) and the cursor only moves forward.
 */
export async function enqueueCaseEvents(
  rt: Pick<Runtime, 'webhooks'>,
  records: CaseRecord[],
  subscriptions: readonly StoredSubscription[],
  now = Date.now(),
): Promise<number> {
  if (subscriptions.length === 0 || records.length === 0) return 0;
  const cursors = await rt.webhooks.cursors(records.map((r) => r.caseNumber));
  let enqueued = 0;
  for (const record of records) {
    const from = cursors.get(record.caseNumber) ?? 0;
    if (from >= record.timeline.length) continue;
    const bookedBy = record.timeline[0]?.actor;
    for (const event of caseEvents(record, from)) {
      for (const s of subscriptions) {
        if (s.owner !== bookedBy || !s.events.includes(event.body.type) || event.body.timestamp < s.createdAt) continue;
        await rt.webhooks.enqueue(s.id, event.id, event.body, now);
        enqueued++;
      }
    }
    await rt.webhooks.advanceCursor(record.caseNumber, record.timeline.length);
  }
  return enqueued;
}
