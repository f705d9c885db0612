/** Calendar arithmetic on `YYYY-MM` months and `YYYY-MM-DD` dates. Pure; no clock, no time zone (UTC only). */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Months since year 0 — makes month comparison and distance plain integer arithmetic. */
export function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month YYYY-MM: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function fromMonthIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`bad month index: ${index}`);
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(month: string, n: number): string {
  return fromMonthIndex(monthIndex(month) + n);
}

/** `YYYY-MM-DD` (or `YYYY-MM`) → `YYYY-MM`. */
export function monthOf(date: string): string {
  const month = date.slice(0, 7);
  monthIndex(month);
  return month;
}

/** Whole months from `a` to `b` (positive when b is later). Accepts months or dates (the day is ignored). */
export function monthsBetween(a: string, b: string): number {
  return monthIndex(monthOf(b)) - monthIndex(monthOf(a));
}

export function maxMonth(a: string, b: string): string {
  return monthIndex(a) >= monthIndex(b) ? a : b;
}

export function yearOf(month: string): number {
  return Math.floor(monthIndex(monthOf(month)) / 12);
}

/** The one definition of "a real calendar date" — IsoDate uses it too, so schema and rules cannot disagree. */
export function isRealDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999, so 0050-01-01 would look unreal.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** `YYYY-MM-DD` plus n calendar days (e.g. the application deadline after booking). */
export function addDays(date: string, n: number): string {
  if (!isRealDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
