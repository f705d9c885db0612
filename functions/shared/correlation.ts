import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * One correlation id per case journey: taken from the API request that starts it (an incoming
 * `x-correlation-id` when well-formed, else the request id), carried in the execution input, handed to every
 * step and sent to every department call (`X-Correlation-Id`). It is held in an AsyncLocalStorage, so that the
 * logger stamps every line and the department client adds its header without each handler passing it along;
 * the embedded hosting serves many requests in one process, which a module variable could not tell apart.
 */
const current = new AsyncLocalStorage<string>();

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Letters, digits and `._:-`, 8 to 64 long, and no run of 11 digits or more: the id is logged and sent to
 * departments in the clear, so a caller must not be able to make it an ID number, a phone or an account.
 */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;

export function wellFormedCorrelationId(value: unknown): string | undefined {
  if (typeof value !== 'string' || !WELL_FORMED.test(value) || /\d{11,}/.test(value)) return undefined;
  return value;
}

export function withCorrelationId<T>(id: string, run: () => T): T {
  return current.run(id, run);
}

export function currentCorrelationId(): string | undefined {
  return current.getStore();
}

/** A workflow's input: the case number, and the journey's correlation id (a fresh one where no request started it). */
export function caseExecutionInput(caseNumber: string): { caseNumber: string; correlationId: string } {
  return { caseNumber, correlationId: currentCorrelationId() ?? randomUUID() };
}
