import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** SHA-256 of a JSON value in its RFC 8785 canonical form: the same body in another key order is the same request. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256')
    .update(canonicalize(value) ?? '')
    .digest('hex');
}
