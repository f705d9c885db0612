/**
 * The one place that reads the time. `CLOCK_TODAY` (local hosting only) pins today's date for demos and
 * tests while the time of day keeps running, so waits and timestamps still advance.
 */
export interface Clock {
  now(): Date;
  /** Today's date in China (UTC+8), `YYYY-MM-DD`. */
  today(): string;
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export function chinaDate(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function systemClock(pinnedToday = process.env.CLOCK_TODAY): Clock {
  if (!pinnedToday) return { now: () => new Date(), today: () => chinaDate(new Date()) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(pinnedToday)) throw new Error(`CLOCK_TODAY must be YYYY-MM-DD, got "${pinnedToday}"`);
  const shiftMs = Date.parse(`${pinnedToday}T00:00:00+08:00`) - Date.parse(`${chinaDate(new Date())}T00:00:00+08:00`);
  return { now: () => new Date(Date.now() + shiftMs), today: () => pinnedToday };
}

/** End of a calendar day in China, as an instant. */
export function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}
