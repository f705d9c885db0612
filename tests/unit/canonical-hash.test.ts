import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../functions/shared/canonical-hash.ts';

describe('canonicalHash', () => {
  it('is the same for the same JSON in another key order, at any depth', () => {
    expect(canonicalHash({ b: 1, a: { d: [1, 2], c: '陈' } })).toBe(canonicalHash({ a: { c: '陈', d: [1, 2] }, b: 1 }));
  });
  it('differs when a value, an array order or a type differs', () => {
    const base = canonicalHash({ a: [1, 2], b: '1' });
    expect(canonicalHash({ a: [2, 1], b: '1' })).not.toBe(base);
    expect(canonicalHash({ a: [1, 2], b: 1 })).not.toBe(base);
    expect(canonicalHash({ a: [1, 2], b: '2' })).not.toBe(base);
  });
});
