import { randomUUID } from 'node:crypto';
import { currentCorrelationId } from '../shared/correlation.ts';
import { logger } from '../shared/logger.ts';
import type { Department } from './departments.ts';
import { DepartmentUnavailable } from './errors.ts';
import { signedHeaders } from './signing.ts';
import type { SigningKeySource } from './signing-key.ts';

export interface SignedCallOptions {
  /** Sent as `X-Calling-System`, e.g. `retireone`. */
  callingSystem: string;
  signingKey: SigningKeySource;
  fetchImpl?: typeof fetch;
}

/**
 * One signed POST to a department system: the person's ID number and every other parameter travel in the JSON
 * body, never in the URL (URLs end up in gateways' access logs). The correlation id is the journey's, or the case
 * number's where a call runs outside one. Answers with the status and body text, read under the same deadline.
 */
export async function signedPost(
  opts: SignedCallOptions,
  department: Department,
  url: URL,
  payload: unknown,
  caseNumber: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(payload);
  const { key, keyId } = await opts.signingKey();
  const requestId = randomUUID();
  const headers = signedHeaders(key, keyId, {
    method: 'POST',
    path: url.pathname,
    caller: opts.callingSystem,
    caseNumber,
    requestId,
    correlationId: currentCorrelationId() ?? (caseNumber || randomUUID()),
    timestamp: Math.floor(Date.now() / 1000),
    body,
  });
  const signal = AbortSignal.timeout(timeoutMs);
  const started = Date.now();
  try {
    const response = await (opts.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
      body,
      signal,
    });
    // Read the body under the same deadline: a department that stalls mid-body is just as unavailable.
    const text = await response.text();
    logger.debug({ department, caseNumber, requestId, status: response.status, ms: Date.now() - started }, 'department answered');
    return { status: response.status, text };
  } catch (err) {
    const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : `network error: ${describe(err)}`;
    logger.debug({ department, caseNumber, requestId, reason, ms: Date.now() - started }, 'department did not answer');
    throw new DepartmentUnavailable(department, reason, { cause: err });
  }
}

/** `fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1)`: undici hides the socket error in `cause`. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  if (!(cause instanceof Error)) return err.message;
  const code = (cause as { code?: unknown }).code;
  return `${err.message} (${[typeof code === 'string' ? code : undefined, cause.message].filter(Boolean).join(': ')})`;
}
