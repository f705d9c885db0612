import { logger } from '../../functions/shared/logger.ts';
import type { Runtime } from '../../functions/shared/runtime.ts';
import { sweepDeadlines } from '../../functions/sla/sweep-deadlines.ts';

/**
 * The embedded hosting's schedule for the deadline sweep (on AWS an EventBridge Scheduler rule invokes the same
 * function). Nothing is kept in memory: what was sent is on each case, so a restart neither repeats nor misses one.
 */
export function deadlineSweeper(rt: Runtime, opts: { intervalMs: number }) {
  let running: Promise<number> | undefined;
  const once = (): Promise<number> =>
    (running ??= sweepDeadlines(rt)
      .catch((err: unknown) => {
        logger.warn({ err }, 'deadline sweep failed; it runs again shortly');
        return 0;
      })
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
