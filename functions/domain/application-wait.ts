/**
 * How long the workflow's wait for the form lasts: until the application deadline has passed, i.e. the
 * start of the day after it in China (a form is accepted through the whole deadline day). One timer for
 * the whole wait instead of a wake-up every few hours: a Standard workflow pays per state transition.
 */
const DAY_MS = 86_400_000;
/** Step Functions runs a Standard execution for at most a year; a wait never needs longer. */
const MAX_SECONDS = 365 * 86_400;

/** Seconds from `now` until `deadline` (YYYY-MM-DD, a China date) has passed; at least 1, as TimeoutSecondsPath needs. */
export function secondsUntilDeadlinePassed(deadline: string, now: Date): number {
  const passesAt = Date.parse(`${deadline}T00:00:00+08:00`) + DAY_MS;
  if (Number.isNaN(passesAt)) throw new RangeError(`not a date: ${deadline}`);
  return Math.min(MAX_SECONDS, Math.max(1, Math.ceil((passesAt - now.getTime()) / 1000)));
}
