const ON = new Set(['true', '1']);
const OFF = new Set(['false', '0']);

/**
 * DEV_MODE as the embedded hosting reads it. Dev mode mints tokens for anyone, so it is on only when asked for
 * explicitly; unset is off (`npm start` sets `true` for its demo). A value that is neither on nor off stops the
 * start: reading `DEV_MODE=0` or `no` as "on" (or guessing at all) is how dev tokens end up where they must not be.
 */
export function parseDevMode(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (ON.has(value)) return true;
  if (OFF.has(value)) return false;
  throw new Error(`DEV_MODE must be "true" or "1" (dev tokens on) or "false" or "0" (off), not ${JSON.stringify(value)}.`);
}
