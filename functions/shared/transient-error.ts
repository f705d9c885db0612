/**
 * Is this error a dependency that blinked — a store or service that refused the connection, timed out,
 * throttled or answered 5xx — rather than a fault of the request or of our code? Such errors are worth
 * retrying (the workflow's Retry on TransientStoreError) and are told to callers as 503, never 500.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'ENOSPC']);
const TRANSIENT_NAMES = new Set([
  'TransactionConflictException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'AbortError',
]);

export function isTransient(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; name?: string; code?: string };
    if (x.$retryable || (x.$metadata?.httpStatusCode ?? 0) >= 500) return true;
    if ((x.name && TRANSIENT_NAMES.has(x.name)) || (x.code && NETWORK_CODES.has(x.code))) return true;
    // AggregateError from a connection attempt to every address of a host.
    if (e instanceof AggregateError && e.errors.some((inner) => isTransient(inner))) return true;
  }
  return false;
}
