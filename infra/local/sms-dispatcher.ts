import type { RetirementsClient } from '../../functions/departments/retirements.ts';
import type { SmsSender } from '../../functions/notifications/sms-sender.ts';
import { logger } from '../../functions/shared/logger.ts';
import type { Runtime } from '../../functions/shared/runtime.ts';
import { drainSms } from '../../functions/sms/drain.ts';
import { inviteUpcomingRetirees } from '../../functions/sms/invite.ts';
import { remindApplicationDeadlines } from '../../functions/sms/remind-deadlines.ts';
import { SMS_MODULE } from '../../functions/sms/sms-on-schedule.ts';
import { asFunction } from './invocation.ts';

/** What the drain's attempts hold (as on AWS) and its first retry; a send to the local sink takes no time. */
const LEASE_MS = 30_000;

/**
 * The embedded hosting's schedule for text messages (on AWS two EventBridge rules invoke functions/sms/sms-on-schedule.ts):
 * the outbox is drained every `drainIntervalMs`; the invitations and deadline reminders run every `jobsIntervalMs`.
 * Each runs as that function would (its writes are checked against its AWS grants), keeps nothing in memory, and is
 * idempotent on the table, so a restart neither repeats nor misses a message. `0` leaves a loop to be run by hand (tests).
 */
export function smsDispatcher(
  rt: Runtime,
  opts: { sender: SmsSender; hr: RetirementsClient; drainIntervalMs: number; jobsIntervalMs: number; retryBaseMs?: number },
) {
  const fn = `sms/${SMS_MODULE}`;
  // Started on a data directory a killed product left: its attempts died with it, so their messages are due at once
  // (the sink knows what it took: nothing goes twice, and the 已短信通知 note is written on the first drain).
  let released: Promise<unknown> | undefined = asFunction(fn, () => rt.outbox.releaseClaims(rt.clock.now())).catch((err: unknown) =>
    logger.warn({ err }, 'held text messages not released; they go once their lease runs out'),
  );
  const drain = async () => {
    await released;
    released = undefined;
    return asFunction(fn, () => drainSms(rt, opts.sender, { leaseMs: LEASE_MS, retryBaseMs: opts.retryBaseMs ?? 5000 }));
  };
  const invite = () => asFunction(fn, () => inviteUpcomingRetirees(rt, opts.hr));
  const remind = () => asFunction(fn, () => remindApplicationDeadlines(rt));
  let draining: Promise<number> | undefined;
  let jobs: Promise<unknown> | undefined;
  const drainOnce = (): Promise<number> =>
    (draining ??= drain()
      .catch((err: unknown) => {
        logger.warn({ err }, 'text message drain failed; it runs again shortly');
        return 0;
      })
      .finally(() => {
        draining = undefined;
      }));
  const jobsOnce = (): Promise<unknown> =>
    (jobs ??= (async () => {
      await remind();
      await invite();
    })()
      .catch((err: unknown) => logger.warn({ err }, 'text message jobs failed; they run again shortly'))
      .finally(() => {
        jobs = undefined;
      }));
  const timers = [
    opts.drainIntervalMs > 0 ? setInterval(() => void drainOnce(), opts.drainIntervalMs) : undefined,
    opts.jobsIntervalMs > 0 ? setInterval(() => void jobsOnce(), opts.jobsIntervalMs) : undefined,
  ];
  for (const t of timers) t?.unref();
  return {
    /** One round of the outbox; concurrent calls share the round in progress (as the timer's do). */
    drain: drainOnce,
    /** The invitation job itself, unshared: two calls at once are two runs at once. */
    invite,
    /** The deadline reminders, unshared. */
    remind,
    async stop() {
      for (const t of timers) if (t) clearInterval(t);
      await Promise.allSettled([draining, jobs]);
    },
  };
}
