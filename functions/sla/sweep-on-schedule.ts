import middy from '@middy/core';
import { logger } from '../shared/logger.ts';
import { runtime } from '../shared/runtime.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';
import { observed } from '../shared/observability.ts';

/**
 * The AWS hosting of infra/local/deadline-sweeper.ts: an EventBridge schedule (infra/aws/deadline-sweep.ts)
 * invokes this every few minutes. What was sent is recorded on each case, so a repeated, overlapping or missed
 * run neither repeats nor loses a notice; a failed run is simply taken up by the next one.
 */
const run = middy(async (): Promise<void> => {
  try {
    const sent = await sweepDeadlines(await runtime());
    if (sent > 0) logger.info({ sent }, 'deadline notices sent');
  } catch (err) {
    logger.warn({ err }, 'deadline sweep failed; the next scheduled run tries again');
    throw err;
  }
});

/** Powertools Logger, Tracer and Metrics around the run (functions/shared/observability.ts). */
export const handler = observed(run);
