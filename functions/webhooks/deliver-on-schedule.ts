import middy from '@middy/core';
import { logger } from '../shared/logger.ts';
import { PRODUCT_METRICS } from '../shared/metric-names.ts';
import { recordMetric } from '../shared/metrics.ts';
import { type Runtime, runtime } from '../shared/runtime.ts';
import { deliverDue } from './deliver-due.ts';
import { DELIVERY } from './delivery-limits.ts';
import { observed } from '../shared/observability.ts';

/**
 * What the embedded dispatcher's second half does, driven by a schedule on AWS (every minute): sends what
 * is due, round after round while rounds deliver something and the budget lasts. A round that delivered
 * nothing (none due, or every receiver failing) ends the run; the next minute looks again.
 */
export async function deliverOnSchedule(rt: Pick<Runtime, 'webhooks' | 'secrets'>, now: () => number = Date.now): Promise<number> {
  const subscriptions = await rt.webhooks.subscriptions();
  const deadline = now() + DELIVERY.budgetMs - DELIVERY.attemptTimeoutMs;
  let total = 0;
  while (now() < deadline) {
    const delivered = await deliverDue(rt, subscriptions, { retryBaseMs: DELIVERY.retryBaseMs, timeoutMs: DELIVERY.attemptTimeoutMs }, now());
    total += delivered;
    if (delivered === 0) break;
  }
  if (total > 0) logger.info({ delivered: total }, 'webhooks delivered');
  return total;
}

const run = middy(async (): Promise<void> => {
  try {
    const rt = await runtime();
    await deliverOnSchedule(rt);
    // What is still due after the run: a receiver that stays down shows as a growing backlog (an alarm watches it).
    recordMetric(PRODUCT_METRICS.webhookBacklog, (await rt.webhooks.due(Date.now())).length);
  } catch (err) {
    // The outbox keeps every delivery; the next scheduled run takes them up.
    logger.warn({ err }, 'webhook delivery run failed; the next run tries again');
    throw err;
  }
});

/** Powertools Logger, Tracer and Metrics around the run (functions/shared/observability.ts). */
export const handler = observed(run);
