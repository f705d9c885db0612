import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalString, contentDigest, signedHeaders, type SignedParts, verifySignedRequest } from '../../../functions/departments/signing.ts';

const key = randomBytes(32);
const NOW = 1_800_000_000;
const headerValue = fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/);
const parts = fc.record({
  method: fc.constant('POST'),
  path: fc.stringMatching(/^\/[a-z-]{1,20}\/lookups$/),
  caller: headerValue,
  caseNumber: headerValue,
  requestId: headerValue,
  correlationId: headerValue,
  timestamp: fc.integer({ min: NOW - 300, max: NOW + 300 }),
  body: fc.json(),
});

function asReceived(p: SignedParts, headers: Record<string, string>) {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: p.method, path: p.path, body: p.body, header: (n: string) => lower.get(n.toLowerCase()) };
}

describe('department call signatures', () => {
  it('verify for every request signed with the key, within the window', () => {
    fc.assert(
      fc.property(parts, (p) => {
        expect(verifySignedRequest(key, asReceived(p, signedHeaders(key, 'k', p)), NOW)).toMatchObject({ ok: true, parts: p });
      }),
    );
  });

  it('fail when any signed value differs from what was signed', () => {
    const fields = ['path', 'caller', 'caseNumber', 'requestId', 'correlationId', 'body'] as const;
    fc.assert(
      fc.property(parts, fc.constantFrom(...fields), headerValue, (p, field, other) => {
        fc.pre(p[field] !== `/x${other}` && p[field] !== other);
        const headers = signedHeaders(key, 'k', p);
        const changed = { ...p, [field]: field === 'path' ? `/x${other}` : other };
        // The receiver sees the changed value in its header, path or body, with the original signature.
        const names = { caller: 'X-Calling-System', caseNumber: 'X-Case-Number', requestId: 'X-Request-Id', correlationId: 'X-Correlation-Id' } as const;
        const received = field in names ? { ...headers, [names[field as keyof typeof names]]: other } : headers;
        expect(verifySignedRequest(key, asReceived(changed, received), NOW).ok).toBe(false);
      }),
    );
  });

  it('fail under another key, and outside the window either way', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 301, max: 10_000_000 }), fc.boolean(), (p, skew, late) => {
        expect(verifySignedRequest(randomBytes(32), asReceived(p, signedHeaders(key, 'k', p)), NOW)).toEqual({ ok: false, reason: 'bad signature' });
        const at = { ...p, timestamp: late ? NOW - skew : NOW + skew };
        expect(verifySignedRequest(key, asReceived(at, signedHeaders(key, 'k', at)), NOW)).toEqual({ ok: false, reason: 'outside the time window' });
      }),
    );
  });

  it('covers every value in a fixed order, one line each, and refuses a value with a line break', () => {
    const p: SignedParts = {
      method: 'post',
      path: '/hr/lookups',
      caller: 'c',
      caseNumber: 'RT1',
      requestId: 'r',
      correlationId: 'x',
      timestamp: 5,
      body: '{}',
    };
    expect(canonicalString(p).split('\n')).toEqual(['RETIREONE-HMAC-SHA256-V1', 'POST', '/hr/lookups', 'c', 'RT1', 'r', 'x', '5', contentDigest('{}')]);
    expect(() => canonicalString({ ...p, caller: 'c\nRT2' })).toThrow(/line break/);
  });
});
