/**
 * DEV_MODE as the embedded hosting reads it (the contract's Identity section): on only when it is exactly
 * `true`; any other value, and unset, is off (`npm start` sets `true` for its demo). Dev mode mints tokens
 * for anyone, so a value that merely looks like "on" (`1`, `TRUE`, `yes`) must not turn it on: reading
 * `DEV_MODE=0` as "on" is how dev tokens ended up where they must not be.
 */
export function parseDevMode(value: string | undefined): boolean {
  return value === 'true';
}

/** A value that is neither `true` nor `false` is off, but probably not what the operator meant: say so. */
export function devModeWarning(value: string | undefined): string | undefined {
  if (value === undefined || value === 'true' || value === 'false') return undefined;
  return `DEV_MODE=${JSON.stringify(value)} is not "true": dev mode is off (dev tokens and the dev routes are absent).`;
}
