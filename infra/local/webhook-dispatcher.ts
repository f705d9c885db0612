import { CaseStatus, OPEN_STATUSES } from '../../schemas/case.ts';
import { logger } from '../../functions/shared/logger.ts';
import type { Runtime } from '../../functions/shared/runtime.ts';
import { deliverDue } from '../../functions/webhooks/deliver-due.ts';
import { enqueueCaseEvents } from '../../functions/webhooks/enqueue-case-events.ts';

/** Closed cases are looked at while they may still have news: a case ends with its last status change. */
const RECENT_MS = 2 * 3600_000;

/**
 * The embedded hosting's webhook loop: turn case timelines into outbox deliveries, then send what is due.
 * Both halves are idempotent and resume from the table after a restart, so a crash anywhere loses no event
 * and sends none twice to a receiver that answered 2xx. On AWS the same two functions would be driven by
 * the table's stream and a schedule. Does nothing while nobody subscribes.
 */
export function webhookDispatcher(rt: Runtime, opts: { intervalMs: number; retryBaseMs: number }) {
  let running: Promise<void> | undefined;
  // Timeline length last turned into deliveries, per case: only changed cases are looked at again. Kept in
  // memory only; after a restart every recent case is looked at once more, and the stored cursors decide.
  const seen = new Map<string, number>();
  const once = (): Promise<void> =>
    (running ??= (async () => {
      const subscriptions = await rt.webhooks.subscriptions();
      if (subscriptions.length === 0) return;
      const since = new Date(Date.now() - RECENT_MS).toISOString();
      const changed = (await rt.cases.listByStatus(CaseStatus.options)).filter(
        (c) => (c.updatedAt >= since || OPEN_STATUSES.includes(c.status)) && seen.get(c.caseNumber) !== c.timeline.length,
      );
      await enqueueCaseEvents(rt, changed, subscriptions);
      for (const c of changed) seen.set(c.caseNumber, c.timeline.length);
      await deliverDue(rt, subscriptions, { retryBaseMs: opts.retryBaseMs });
    })()
      .catch((err: unknown) => logger.warn({ err }, 'webhook dispatch failed; it runs again shortly'))
      .finally(() => {
        running = undefined;
      }));
  const timer = setInterval(() => void once(), opts.intervalMs);
  timer.unref();
  return {
    once,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
