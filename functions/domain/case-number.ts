/**
 * Case numbers: `RT` + yyyymmdd + 6 Crockford base32 characters (no I, L, O, U — hard to misread at a
 * window or over the phone). Must match `CaseNumber` in schemas/common.ts.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A case number's pattern, unanchored, for finding one inside text (functions/domain/mask.ts). */
export const CASE_NUMBER_PATTERN = String.raw`RT\d{8}[0-9A-HJKMNP-TV-Z]{6}`;
const CASE_NUMBER = new RegExp(`^${CASE_NUMBER_PATTERN}$`);

/** `random6`: 6 Crockford characters (upper or lower case), e.g. from `crockford6(randomBytes(4))`. */
export function formatCaseNumber(today: string, random6: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`not a date YYYY-MM-DD: ${today}`);
  const suffix = random6.toUpperCase();
  if (suffix.length !== 6 || [...suffix].some((c) => !CROCKFORD.includes(c))) {
    throw new RangeError('random6 must be 6 Crockford base32 characters');
  }
  return `RT${today.replaceAll('-', '')}${suffix}`;
}

/** 6 Crockford characters from at least 4 random bytes (uses 30 bits). */
export function crockford6(bytes: Uint8Array): string {
  if (bytes.length < 4) throw new RangeError('need at least 4 bytes');
  let n = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 2;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = CROCKFORD[n & 31] + out;
    n >>>= 5;
  }
  return out;
}

export function isCaseNumber(value: unknown): value is string {
  return typeof value === 'string' && CASE_NUMBER.test(value);
}
