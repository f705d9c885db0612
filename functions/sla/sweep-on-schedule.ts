import middy from '@middy/core';
import { logger } from '../shared/logger.ts';
import { runtime } from '../shared/runtime.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';

/**
 * The AWS hosting of infra/local/deadline-sweeper.ts: an EventBridge schedule (infra/aws/deadline-sweep.ts)
 * invokes this every few minutes. What was sent is recorded on each case, so a repeated, overlapping or missed
 * run neither repeats nor loses a notice; a failed run is simply taken up by the next one.
 */
export const handler = middy(async (): Promise<void> => {
  try {
    const sent = await sweepDeadlines(await runtime());
    if (sent > 0) logger.info({ sent }, 'deadline notices sent');
  } catch (err) {
    logger.warn({ err }, 'deadline sweep failed; the next scheduled run tries again');
    throw err;
  }
});
