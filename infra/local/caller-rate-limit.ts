import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface RateLimit {
  /** Requests a caller may send at once. */
  burst: number;
  /** Requests per second a caller gets back. */
  perSecond: number;
}

/**
 * Product defaults for the embedded hosting, not law: roomy enough for a platform that drives hundreds of
 * cases with one token (`npm run bench` sends about 30 requests a second), small enough that one caller
 * cannot take the one process from everybody else. On AWS, API Gateway's stage and route throttles do this.
 */
export const DEFAULT_CALLER_RATE_LIMIT: RateLimit = { burst: 300, perSecond: 150 };

/** Who is calling: the bearer token (hashed, so no token is kept), else the peer address. */
export function callerKey(req: IncomingMessage): string {
  const auth = req.headers.authorization;
  if (auth) return `token:${createHash('sha256').update(auth).digest('base64url').slice(0, 22)}`;
  return `peer:${req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * A token bucket per caller, in memory: the embedded hosting is one process, so its memory is the whole
 * truth. Written here because it is a dozen lines; a library would bring a store abstraction we do not need.
 */
export function callerRateLimiter(limit: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** 0 when the request may go on; otherwise the seconds to wait before the next one would. */
    take(key: string): number {
      const t = now();
      const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
      b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
      b.at = t;
      buckets.set(key, b);
      // Full buckets are forgotten, so the map holds only callers that are busy right now.
      if (buckets.size > 10_000) for (const [k, v] of buckets) if (v.tokens >= limit.burst) buckets.delete(k);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
    },
  };
}
