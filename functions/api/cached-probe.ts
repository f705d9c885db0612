/**
 * One probe at a time, and its outcome kept for `ttlMs`: callers within that time share it. `/health` is public
 * and unauthenticated, and on AWS each deep probe is several billed calls (a table read and write, S3, Step
 * Functions); kept per container, a flood of hits costs one probe per container per `ttlMs`. A `ttlMs` of 0 probes
 * on every call but still shares a probe already under way.
 */
export function cachedProbe<T>(probe: () => Promise<T>, ttlMs: () => number, now: () => number = Date.now): () => Promise<T> {
  let kept: { at: number; result: Promise<T> } | undefined;
  let running: Promise<T> | undefined;
  return () => {
    if (kept && now() - kept.at < ttlMs()) return kept.result;
    running ??= probe().finally(() => {
      running = undefined;
    });
    const result = running;
    const at = now();
    // The outcome is kept once known, failures too: a failing dependency is not asked again by every hit either.
    result.then(
      () => {
        kept = { at, result };
      },
      () => {
        kept = { at, result };
      },
    );
    return result;
  };
}

/**
 * How long a container keeps /health's probe outcome, in seconds (set on AWS by infra/aws/functions.ts). The
 * embedded hosting leaves it unset (0): its probes touch only this machine, and it reports an outage at once.
 */
export const HEALTH_CACHE_ENV = 'HEALTH_CACHE_SECONDS';
