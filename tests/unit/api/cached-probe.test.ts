/**
 * `/health` is public: a flood of hits must not become a flood of billed AWS calls (functions/api/cached-probe.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedProbe } from '../../../functions/api/cached-probe.ts';

function counting(outcomes: boolean[]) {
  let calls = 0;
  const probe = async () => {
    const i = calls++;
    await new Promise((r) => setTimeout(r, 1));
    if (outcomes[i % outcomes.length] === false) throw new Error('down');
    return i;
  };
  return { probe, calls: () => calls };
}

describe('cachedProbe', () => {
  it('runs one probe for any number of hits at once', async () => {
    const { probe, calls } = counting([true]);
    const ready = cachedProbe(probe, () => 0);
    const results = await Promise.all(Array.from({ length: 50 }, () => ready()));
    expect(calls()).toBe(1);
    expect(new Set(results)).toEqual(new Set([0]));
  });

  it('keeps the outcome for the time given, then probes again', async () => {
    let t = 1_000;
    const { probe, calls } = counting([true]);
    const ready = cachedProbe(
      probe,
      () => 10_000,
      () => t,
    );
    expect(await ready()).toBe(0);
    t += 9_999;
    expect(await ready()).toBe(0);
    expect(calls()).toBe(1);
    t += 1;
    expect(await ready()).toBe(1);
    expect(calls()).toBe(2);
  });

  it('keeps a failure as long, so a failing dependency is not asked by every hit either', async () => {
    let t = 0;
    const { probe, calls } = counting([false, true]);
    const ready = cachedProbe(
      probe,
      () => 5_000,
      () => t,
    );
    await expect(ready()).rejects.toThrow('down');
    t += 4_000;
    await expect(ready()).rejects.toThrow('down');
    expect(calls()).toBe(1);
    t += 1_000;
    expect(await ready()).toBe(1);
  });

  it('probes on every sequential hit when the time is 0 (the embedded hosting)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), async (hits) => {
        const { probe, calls } = counting([true]);
        const ready = cachedProbe(probe, () => 0);
        for (let i = 0; i < hits; i++) expect(await ready()).toBe(i);
        expect(calls()).toBe(hits);
      }),
      { numRuns: 20 },
    );
  });
});
