import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../shared/logger.ts';
import { type Runtime, runtime } from '../shared/runtime.ts';
import { changedCases } from './case-changes.ts';
import { enqueueCaseEvents } from './enqueue-case-events.ts';
import { observed } from '../shared/observability.ts';

/**
 * What the embedded dispatcher's first half does, driven by the table's stream on AWS: case changes become
 * outbox deliveries. Throwing hands the batch back to Lambda (bisected, retried, then the DLQ); that is safe,
 * since enqueueing is idempotent per (subscription, event) and cursors only move forward.
 */
export async function enqueueFromStream(event: DynamoDBStreamEvent, rt: Pick<Runtime, 'webhooks'>): Promise<number> {
  const cases = changedCases(event.Records);
  if (cases.length === 0) return 0;
  const subscriptions = await rt.webhooks.subscriptions();
  const enqueued = await enqueueCaseEvents(rt, cases, subscriptions);
  logger.info({ records: event.Records.length, cases: cases.length, enqueued }, 'webhook deliveries enqueued');
  return enqueued;
}

const run = middy(async (event: DynamoDBStreamEvent): Promise<void> => {
  try {
    await enqueueFromStream(event, await runtime());
  } catch (err) {
    logger.warn({ err, records: event.Records.length }, 'webhook enqueue failed; Lambda retries the batch');
    throw err;
  }
});

/** Powertools Logger, Tracer and Metrics around the run (functions/shared/observability.ts). */
export const handler = observed(run);
