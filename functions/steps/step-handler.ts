import middy from '@middy/core';
import { z } from 'zod';
import { logger } from '../shared/logger.ts';
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
 * Every workflow step: validated input, the process's one runtime handed in, one log line per run, and transient AWS errors renamed so the
 * state machine's Retry can match them by name. Steps are idempotent by case number; see each step.
 */
export function stepHandler<I, O>(name: string, input: z.ZodType<I>, run: (input: I, rt: Runtime) => Promise<O>) {
  return middy(async (event: unknown): Promise<O> => {
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
  });
}

export const CaseInput = z.object({ caseNumber: z.string() });
