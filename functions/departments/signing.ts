import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed department calls (docs/department-calls.md). Each request names its caller, its case, its own id and the
 * journey's correlation id in headers (as X-Road's X-Road-Client, X-Road-Issue and X-Road-Id do), carries a SHA-256
 * digest of its body (RFC 9530 Content-Digest) and an HMAC-SHA256 over a canonical string of all of these plus the
 * method, the path and the time it was signed (RFC 9421's `created`).
 *
 * Why our own canonical string rather than RFC 9421's signature base: the department gateways define their own
 * profile, and ours must be reproduced by each department's system in whatever language it is written; a fixed
 * list of lines, each a header value that may not hold a line break, is easier to get right on both sides than a
 * structured-field serialisation, and gives the same guarantee (every covered value, in a fixed order, under the key).
 * The HMAC itself and the digest are Node's crypto.
 */
export const SIGNATURE_SCHEME = 'RETIREONE-HMAC-SHA256-V1';

export const SIGNED_HEADERS = {
  caller: 'X-Calling-System',
  caseNumber: 'X-Case-Number',
  requestId: 'X-Request-Id',
  correlationId: 'X-Correlation-Id',
  timestamp: 'X-Request-Timestamp',
  digest: 'Content-Digest',
  signature: 'X-Signature',
} as const;

/** How far a request's signing time may be from the department's clock, either way (RFC 9421 §7.2.2: replay). */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignedParts {
  method: string;
  /** The request target's path as sent (no query: the calls carry everything in the body). */
  path: string;
  caller: string;
  /** Empty where no case is concerned (HR's list of who retires in a month). */
  caseNumber: string;
  requestId: string;
  correlationId: string;
  /** Unix seconds. */
  timestamp: number;
  body: string;
}

export function contentDigest(body: string): string {
  return `sha-256=:${createHash('sha256').update(body, 'utf8').digest('base64')}:`;
}

export function canonicalString(p: SignedParts): string {
  const lines = [
    SIGNATURE_SCHEME,
    p.method.toUpperCase(),
    p.path,
    p.caller,
    p.caseNumber,
    p.requestId,
    p.correlationId,
    String(p.timestamp),
    contentDigest(p.body),
  ];
  // A value with a line break could shift the others into each other's places; headers cannot carry one anyway.
  if (lines.some((l) => /[\r\n]/.test(l))) throw new Error('a signed value holds a line break');
  return lines.join('\n');
}

function hmac(key: Uint8Array, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

/** The headers that make a request signed: the caller's identity, the case, the ids, the time, the digest, the signature. */
export function signedHeaders(key: Uint8Array, keyId: string, p: SignedParts): Record<string, string> {
  return {
    [SIGNED_HEADERS.caller]: p.caller,
    ...(p.caseNumber ? { [SIGNED_HEADERS.caseNumber]: p.caseNumber } : {}),
    [SIGNED_HEADERS.requestId]: p.requestId,
    [SIGNED_HEADERS.correlationId]: p.correlationId,
    [SIGNED_HEADERS.timestamp]: String(p.timestamp),
    [SIGNED_HEADERS.digest]: contentDigest(p.body),
    [SIGNED_HEADERS.signature]: `keyId=${keyId},sig=${hmac(key, canonicalString(p)).toString('base64')}`,
  };
}

export type Verdict = { ok: true; parts: SignedParts } | { ok: false; reason: string };

/**
 * The department's side: every header present, the digest that of the body received, the time within the window,
 * the signature that of this key. `header` reads one request header (case-insensitive).
 */
export function verifySignedRequest(
  key: Uint8Array,
  req: { method: string; path: string; body: string; header(name: string): string | undefined },
  nowSeconds: number,
  windowSeconds = SIGNATURE_WINDOW_SECONDS,
): Verdict {
  const signature = req.header(SIGNED_HEADERS.signature);
  if (!signature) return { ok: false, reason: 'unsigned' };
  const sig = /(?:^|,)\s*sig=([A-Za-z0-9+/=]+)\s*(?:,|$)/.exec(signature)?.[1];
  if (!sig) return { ok: false, reason: 'malformed signature' };
  const [caller, requestId, correlationId, timestamp, digest] = (['caller', 'requestId', 'correlationId', 'timestamp', 'digest'] as const).map((h) =>
    req.header(SIGNED_HEADERS[h]),
  );
  if (!caller || !requestId || !correlationId || !timestamp || !digest) return { ok: false, reason: 'a signed header is missing' };
  if (digest !== contentDigest(req.body)) return { ok: false, reason: 'the body is not the one digested' };
  const at = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - at) > windowSeconds) return { ok: false, reason: 'outside the time window' };
  const parts: SignedParts = {
    method: req.method,
    path: req.path,
    caller,
    caseNumber: req.header(SIGNED_HEADERS.caseNumber) ?? '',
    requestId,
    correlationId,
    timestamp: at,
    body: req.body,
  };
  let expected: Buffer;
  try {
    expected = hmac(key, canonicalString(parts));
  } catch {
    return { ok: false, reason: 'malformed signed values' };
  }
  const given = Buffer.from(sig, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, parts };
}
