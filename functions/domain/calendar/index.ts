import { CALENDAR_2025 } from './2025.ts';
import { CALENDAR_2026 } from './2026.ts';
import { CALENDAR_2027 } from './2027.ts';
import type { YearCalendar } from './year-calendar.ts';

export type { AdjustedWorkingDay, HolidayRun, YearCalendar } from './year-calendar.ts';

/**
 * Every year of the official calendar entered so far. A new year's notice usually appears in November or
 * December: add its file here (transcribed from the notice, never guessed); until then working-days.ts
 * refuses dates in that year — or, where a file marked `provisional` holds the law's statutory days only,
 * counts on them and says so loudly (2027: replace it with the notice as soon as it is out).
 */
export const OFFICIAL_CALENDARS: readonly YearCalendar[] = [CALENDAR_2025, CALENDAR_2026, CALENDAR_2027];
