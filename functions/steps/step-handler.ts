import middy from '@middy/core';
import { z } from 'zod';
import { wellFormedCorrelationId } from '../shared/correlation.ts';
import { logger } from '../shared/logger.ts';
import { powertools, withCorrelation } from '../shared/observability.ts';
import { isTransient } from '../shared/transient-error.ts';
import { type Runtime, runtime } from '../shared/runtime.ts';

/** Thrown for failures worth retrying (throttling, a store that blinked); the ASL Retry matches this name. */
export class TransientStoreError extends Error {
  constructor(cause: Error) {
    super(`${cause.name}: ${cause.message}`);
    this.name = 'TransientStoreError';
  }
}

/**
 * The execution's correlation id (its input carries it to every Task); an execution started before it did
 * is correlated by its case number, which every step of it shares.
 */
function correlationOf(event: unknown): string {
  const { correlationId, caseNumber } = (event ?? {}) as { correlationId?: unknown; caseNumber?: unknown };
  return wellFormedCorrelationId(correlationId) ?? wellFormedCorrelationId(caseNumber) ?? 'uncorrelated';
}

/**
 * Every workflow step: its correlation id, Powertools Logger, Tracer and Metrics, validated input, the process's
 * one runtime handed in, one log line per run, and transient AWS errors renamed so the state machine's Retry can
 * match them by name. Steps are idempotent by case number; see each step.
 */
export function stepHandler<I, O>(name: string, input: z.ZodType<I>, run: (input: I, rt: Runtime) => Promise<O>) {
  const handler = middy(async (event: unknown): Promise<O> => {
    const parsed = input.parse(event);
    const started = Date.now();
    try {
      const out = await run(parsed, await runtime());
      logger.debug({ step: name, caseNumber: (parsed as { caseNumber?: string }).caseNumber, ms: Date.now() - started }, 'step done');
      return out;
    } catch (err) {
      logger.warn({ step: name, caseNumber: (parsed as { caseNumber?: string }).caseNumber, err }, 'step failed');
      if (isTransient(err)) throw new TransientStoreError(err as Error);
      throw err;
    }
  }).use(powertools());
  return withCorrelation(handler, correlationOf);
}

export const CaseInput = z.object({ caseNumber: z.string() });
