import { nextAttemptAt } from '../domain/webhook-events.ts';
import { smsId, type StoredSms } from '../adapters/outbox-store.ts';
import type { SmsSender } from '../notifications/sms-sender.ts';
import { logger } from '../shared/logger.ts';
import type { Runtime } from '../shared/runtime.ts';

export interface DrainOptions {
  /** How long an attempt holds its message before another drain may try it (longer than a send can take). */
  leaseMs: number;
  /** First retry after this long, doubling, capped at an hour, for a day; then the message is given up (kept). */
  retryBaseMs: number;
  /** Messages taken per round. */
  batch?: number;
}

/**
 * One round of the text-message outbox: every due message is handed to the provider (claimed first when the
 * provider cannot deduplicate) and — only once the provider took it — marked sent; the case view says 已短信通知 on
 * the entry it reports from that mark. The order matters: a crash after the provider took a message but before it
 * was marked sends it again (the local sink and an HTTP gateway deduplicate on the message id; SNS cannot, and gets
 * each message at most twice: handOverOnce), and never says 已短信通知 for a message that did not go.
 */
export async function drainSms(rt: Pick<Runtime, 'outbox' | 'clock'>, sender: SmsSender, opts: DrainOptions): Promise<number> {
  // The product's clock, not the machine's: messages carry its time (CLOCK_TODAY pins it for demos and tests).
  const now = rt.clock.now();
  const due = await rt.outbox.due(now, opts.batch ?? 25);
  let sent = 0;
  // A provider that deduplicates gets the round's sent marks in one write: a crash before it only sends again
  // what the provider drops. Where a resend would reach the phone (SNS), each message is marked as it goes.
  const taken: StoredSms[] = [];
  await Promise.all(
    due.map(async (found) => {
      // A provider that deduplicates on the message id needs no lease: a second drain sending the same message at
      // once only repeats an id the provider drops, and a crashed attempt leaves the message due at once instead of
      // after a lease. What is written is the outcome (sent, or failed with its attempt count): one write, not two.
      const claimed = sender.deduplicates ? { ...found, attempts: found.attempts + 1 } : await rt.outbox.claim(found, now, opts.leaseMs);
      if (!claimed) return;
      const m = sender.deduplicates ? claimed : await handOverOnce(rt, claimed);
      if (!m) return;
      try {
        await sender.send({ id: smsId(m), to: m.to, text: m.text, kind: m.kind, ...(m.caseNumber ? { caseNumber: m.caseNumber } : {}) });
      } catch (err) {
        const retry = nextAttemptAt(Date.parse(m.at), m.attempts, rt.clock.now().getTime(), opts.retryBaseMs);
        logger.warn({ sms: smsId(m), kind: m.kind, attempts: m.attempts, err, gaveUp: retry === undefined }, 'text message not sent');
        await rt.outbox.markFailed(m, (err as Error).message ?? String(err), retry === undefined ? undefined : new Date(retry).toISOString());
        return;
      }
      sent++;
      if (sender.deduplicates) {
        taken.push(m);
        return;
      }
      // The mark is what the case view's 已短信通知 is read from (functions/notifications/sent-notes.ts).
      await rt.outbox.markSent(m, rt.clock.now().toISOString());
    }),
  );
  if (taken.length > 0) await rt.outbox.markAllSent(taken, rt.clock.now().toISOString());
  return sent;
}

/**
 * Before a message goes to a provider that cannot deduplicate (SNS), the hand-over is recorded on it. A hand-over
 * whose outcome was never recorded means a crash came between: SNS may have taken the message. One such crash allows
 * one resend; after a second the message is not handed over again but kept apart (OUTBOX#sms-failed, no 已短信通知),
 * so a phone gets a message at most twice, never more, however often the product dies.
 */
async function handOverOnce(rt: Pick<Runtime, 'outbox' | 'clock'>, m: StoredSms): Promise<StoredSms | undefined> {
  if ((m.handedOver ?? 0) >= 2) {
    logger.error({ sms: smsId(m), kind: m.kind, handedOver: m.handedOver }, 'text message handed over twice without confirmation: not sent again');
    await rt.outbox.markFailed(m, 'handed over twice to a provider that cannot deduplicate, both times without confirmation', undefined);
    return undefined;
  }
  return rt.outbox.recordHandOver(m);
}

/** Rounds until one sends nothing or the budget is spent (the AWS run; the local loop runs a round a second). */
export async function drainAll(rt: Pick<Runtime, 'outbox' | 'clock'>, sender: SmsSender, opts: DrainOptions & { budgetMs: number }): Promise<number> {
  const end = Date.now() + opts.budgetMs;
  let total = 0;
  while (Date.now() < end) {
    const sent = await drainSms(rt, sender, opts);
    total += sent;
    if (sent === 0) break;
  }
  return total;
}
