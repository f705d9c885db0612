/**
 * Working days of the official calendar (法定工作日): Monday to Friday, except the days off of the State Council
 * General Office's yearly notice, plus the Saturdays and Sundays that notice makes working days (调休上班).
 * Pure: the calendar is data (functions/domain/calendar/), dates are `YYYY-MM-DD` in China.
 *
 * A date in a year with no calendar file is refused with CalendarYearMissingError, never guessed from weekdays:
 * a promise counted in plain weekdays would fall due in the middle of 春节.
 */
import { OFFICIAL_CALENDARS, type YearCalendar } from './calendar/index.ts';
import { addDays, isRealDate } from './months.ts';

export class CalendarYearMissingError extends Error {
  readonly year: number;
  constructor(year: number) {
    super(
      `no official working-day calendar for ${year}: enter 国务院办公厅关于${year}年部分节假日安排的通知 as functions/domain/calendar/${year}.ts ` +
        '(working days are never guessed from weekdays)',
    );
    this.name = 'CalendarYearMissingError';
    this.year = year;
  }
}

/** One year, ready to answer: the days off by date (→ holiday name), the adjusted working days, and whether it is provisional. */
type CompiledYear = { readonly off: ReadonlyMap<string, string>; readonly work: ReadonlyMap<string, string>; readonly provisional: boolean };
export type WorkingCalendar = ReadonlyMap<number, CompiledYear>;

/** Checks one year's data against itself and compiles it; a transcription slip fails here, at load, loudly. */
export function compileYear(y: YearCalendar): CompiledYear {
  const off = new Map<string, string>();
  const work = new Map<string, string>();
  const inYear = (d: string, what: string) => {
    if (!isRealDate(d) || Number(d.slice(0, 4)) !== y.year) throw new RangeError(`calendar ${y.year}: ${what} ${d} is not a date in ${y.year}`);
  };
  for (const h of y.holidays) {
    inYear(h.from, `${h.name} start`);
    inYear(h.to, `${h.name} end`);
    if (h.from > h.to) throw new RangeError(`calendar ${y.year}: ${h.name} ends before it starts`);
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) {
      if (off.has(d)) throw new RangeError(`calendar ${y.year}: ${d} is in two holidays`);
      off.set(d, h.name);
    }
  }
  for (const w of y.adjustedWorkingDays) {
    inYear(w.date, `adjusted working day for ${w.for}`);
    // The notices only ever move work onto a weekend; a weekday here is a typo that would go unnoticed.
    if (!isWeekend(w.date)) throw new RangeError(`calendar ${y.year}: adjusted working day ${w.date} is not a Saturday or Sunday`);
    if (off.has(w.date)) throw new RangeError(`calendar ${y.year}: ${w.date} is both a day off and a working day`);
    work.set(w.date, w.for);
  }
  // A provisional year is the law's statutory days only: an adjusted working day there would be a guess.
  if (y.provisional && work.size > 0) throw new RangeError(`calendar ${y.year}: a provisional year has no adjusted working days (they come with the notice)`);
  return { off, work, provisional: y.provisional === true };
}

export function compileCalendar(years: readonly YearCalendar[]): WorkingCalendar {
  const out = new Map<number, CompiledYear>();
  for (const y of years) {
    if (out.has(y.year)) throw new RangeError(`calendar ${y.year} entered twice`);
    out.set(y.year, compileYear(y));
  }
  return out;
}

/** The official calendar, compiled once when the module loads (a bad file stops the process at start). */
export const OFFICIAL_CALENDAR: WorkingCalendar = compileCalendar(OFFICIAL_CALENDARS);

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function yearFor(date: string, calendar: WorkingCalendar): CompiledYear {
  if (!isRealDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const year = Number(date.slice(0, 4));
  const y = calendar.get(year);
  if (!y) throw new CalendarYearMissingError(year);
  return y;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = OFFICIAL_CALENDAR): boolean {
  const y = yearFor(date, calendar);
  if (y.off.has(date)) return false;
  if (y.work.has(date)) return true;
  return !isWeekend(date);
}

/** The notice's name for the run of days off that `date` falls in (春节, …), if any; plain weekends have none. */
export function holidayOn(date: string, calendar: WorkingCalendar = OFFICIAL_CALENDAR): string | undefined {
  return yearFor(date, calendar).off.get(date);
}

/**
 * The due date of a promise of `n` working days made on `start`: the n-th working day after `start` (the day
 * of the start itself does not count, as 自受理之日起N个工作日). n = 0 (即办) is `start` itself, or the next
 * working day when `start` is a day off. Never a day off.
 */
export function addWorkingDays(start: string, n: number, calendar: WorkingCalendar = OFFICIAL_CALENDAR): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
  let d = start;
  if (n === 0) {
    while (!isWorkingDay(d, calendar)) d = addDays(d, 1);
    return d;
  }
  yearFor(start, calendar);
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/**
 * Working days in (a, b]: after `a`, up to and including `b` — the same counting as addWorkingDays, so
 * workingDaysBetween(s, addWorkingDays(s, n)) = n for n ≥ 1. Negative when b is before a.
 */
export function workingDaysBetween(a: string, b: string, calendar: WorkingCalendar = OFFICIAL_CALENDAR): number {
  if (b < a) return -workingDaysBetween(b, a, calendar);
  yearFor(a, calendar);
  yearFor(b, calendar);
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
  return count;
}

/** The years from `a`'s to `b`'s (either order) whose calendar is provisional (statutory holidays only, no notice yet). */
export function provisionalYearsBetween(a: string, b: string, calendar: WorkingCalendar = OFFICIAL_CALENDAR): number[] {
  const [from, to] = [Number(a.slice(0, 4)), Number(b.slice(0, 4))].sort((x, y) => x - y) as [number, number];
  const years: number[] = [];
  for (let year = from; year <= to; year++) if (calendar.get(year)?.provisional) years.push(year);
  return years;
}

/** Said once at start (and in the log) while a promise made today counts days of a provisional year. */
export function provisionalWarning(years: readonly number[]): string {
  return (
    `working days in ${years.join(', ')} are counted on a PROVISIONAL calendar (statutory holidays of 全国年节及纪念日放假办法 only, ` +
    `no 补假 or 调休): enter 国务院办公厅关于${years[0]}年部分节假日安排的通知 as functions/domain/calendar/${years[0]}.ts as soon as it is published`
  );
}

/**
 * Whether the product may start on `today`: throws CalendarYearMissingError when today's own year has no
 * calendar (every promise made today would be counted wrong). When only a later year is missing and a promise
 * of `horizonWorkingDays` made today would already reach into it, returns a warning instead of refusing: the
 * next year's notice is often published only weeks before New Year, and cases started before then still count
 * correctly until their clock crosses into the missing year (where they fail loudly, one by one). While the
 * calendar holds a provisional year from today's on, the warning says so (its days are counted, but only as the law).
 */
export function checkCalendarCoverage(today: string, horizonWorkingDays: number, calendar: WorkingCalendar = OFFICIAL_CALENDAR): { warning?: string } {
  yearFor(today, calendar);
  try {
    addWorkingDays(today, horizonWorkingDays, calendar);
    // Loud from the day the file is there, not only once a promise reaches into it: someone must enter the notice.
    const provisional = [...calendar.entries()].filter(([year, y]) => y.provisional && year >= Number(today.slice(0, 4))).map(([year]) => year);
    return provisional.length > 0 ? { warning: provisionalWarning(provisional) } : {};
  } catch (e) {
    if (!(e instanceof CalendarYearMissingError)) throw e;
    return { warning: `${e.message}; a ${horizonWorkingDays}-working-day promise made today (${today}) already reaches into ${e.year}` };
  }
}
