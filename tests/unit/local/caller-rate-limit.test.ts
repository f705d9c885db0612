import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callerRateLimiter } from '../../../infra/local/caller-rate-limit.ts';

describe('caller rate limiter', () => {
  it('lets a burst through, then refuses with the seconds to wait, then refills', () => {
    let t = 0;
    const limiter = callerRateLimiter({ burst: 3, perSecond: 1 }, () => t);
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    t = 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('never lets more through than the burst plus what the elapsed time refills', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 200 }),
        (burst, perSecond, gaps) => {
          let t = 0;
          const limiter = callerRateLimiter({ burst, perSecond }, () => t);
          let allowed = 0;
          for (const gap of gaps) {
            t += gap;
            if (limiter.take('x') === 0) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(burst + Math.floor((t / 1000) * perSecond));
        },
      ),
    );
  });
});
