/**
 * The promised time (承诺时限) of a stage or of the whole case, counted in working days of the official calendar,
 * with the clock stopped while the citizen is asked to act. Pure: today, the pauses and the calendar come in.
 *
 * Counting, the same rule as working-days.ts: the working days after `startedOn`, up to and including the day
 * in question. A pause `{ from, to }` takes out the working days after `from` up to and including `to` (the
 * day the citizen was asked still counts; the day the answer arrived does not), so every paused working day
 * moves the due date one working day later. An open pause (no `to`) runs up to today.
 *
 * State, in this order:
 *  - PAUSED   while any pause is open;
 *  - OVERDUE  when today is after the due date (a weekend after a Friday due date is already overdue);
 *  - DUE_SOON when workingDaysLeft ≤ the threshold — the due date itself (0 left) included;
 *  - ON_TIME  otherwise.
 * workingDaysLeft goes negative once working days pass the due date, and stays frozen while PAUSED.
 */
import type { SlaStage } from './policy.ts';
import { addDays } from './months.ts';
import { addWorkingDays, isWorkingDay, OFFICIAL_CALENDAR, type WorkingCalendar } from './working-days.ts';

export type SlaState = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'PAUSED';

/** The citizen was asked to act on `from`; `to` is when they did (absent while still waiting). */
export type Pause = { readonly from: string; readonly to?: string };

/** The case view's `sla` (api-v1.md, Additions): dates `YYYY-MM-DD`, counts in working days. */
export type Sla = {
  stage: SlaStage;
  startedOn: string;
  dueDate: string;
  workingDaysAllowed: number;
  workingDaysLeft: number;
  state: SlaState;
};

export type SlaClock = {
  readonly stage: SlaStage;
  readonly startedOn: string;
  readonly workingDaysAllowed: number;
  readonly pauses?: readonly Pause[];
};

/**
 * The clock of one stage as it stands on `today`. While PAUSED the due date is the one the citizen would get by
 * answering today: it moves a working day later for every working day they wait.
 */
export function slaOn(clock: SlaClock, today: string, dueSoonWorkingDays: number, calendar: WorkingCalendar = OFFICIAL_CALENDAR): Sla {
  if (!Number.isInteger(clock.workingDaysAllowed) || clock.workingDaysAllowed < 0) throw new RangeError(`workingDaysAllowed must be a non-negative integer`);
  const pauses = closedAt(clock.pauses ?? [], today);
  const paused = (clock.pauses ?? []).some((p) => p.to === undefined);
  const dueDate = dueDateWith(clock.startedOn, clock.workingDaysAllowed, pauses, calendar);
  const workingDaysLeft = clock.workingDaysAllowed - countedWorkingDays(clock.startedOn, today, pauses, calendar);
  const state: SlaState = paused ? 'PAUSED' : today > dueDate ? 'OVERDUE' : workingDaysLeft <= dueSoonWorkingDays ? 'DUE_SOON' : 'ON_TIME';
  return { stage: clock.stage, startedOn: clock.startedOn, dueDate, workingDaysAllowed: clock.workingDaysAllowed, workingDaysLeft, state };
}

/** How a finished clock ended, for the staff dashboard's on-time rate and median working days to complete. */
export type Completion = { dueDate: string; workingDaysTaken: number; onTime: boolean };

export function completion(clock: SlaClock, completedOn: string, calendar: WorkingCalendar = OFFICIAL_CALENDAR): Completion {
  if (!Number.isInteger(clock.workingDaysAllowed) || clock.workingDaysAllowed < 0) throw new RangeError(`workingDaysAllowed must be a non-negative integer`);
  if (completedOn < clock.startedOn) throw new RangeError(`completed on ${completedOn}, before it started on ${clock.startedOn}`);
  // A pause still open at completion ends with it: the citizen cannot be waited on after the case is done.
  const pauses = closedAt(clock.pauses ?? [], completedOn);
  const dueDate = dueDateWith(clock.startedOn, clock.workingDaysAllowed, pauses, calendar);
  return { dueDate, workingDaysTaken: countedWorkingDays(clock.startedOn, completedOn, pauses, calendar), onTime: completedOn <= dueDate };
}

/** On-time rate (0..1) and median working days taken; null for both when nothing has been completed. */
export function completionSummary(done: readonly Completion[]): { onTimeRate: number | null; medianWorkingDaysToComplete: number | null } {
  if (done.length === 0) return { onTimeRate: null, medianWorkingDaysToComplete: null };
  const taken = done.map((c) => c.workingDaysTaken).sort((a, b) => a - b);
  const mid = Math.floor(taken.length / 2);
  const median = taken.length % 2 === 1 ? taken[mid]! : (taken[mid - 1]! + taken[mid]!) / 2;
  return { onTimeRate: done.filter((c) => c.onTime).length / done.length, medianWorkingDaysToComplete: median };
}

type ClosedPause = { readonly from: string; readonly to: string };

/** Open pauses end on `asOf`; a pause that starts after `asOf` or ends before it starts is a caller's bug. */
function closedAt(pauses: readonly Pause[], asOf: string): ClosedPause[] {
  return pauses.map((p) => {
    if (p.from > asOf) throw new RangeError(`pause from ${p.from} starts after ${asOf}`);
    const to = p.to ?? asOf;
    if (to < p.from) throw new RangeError(`pause from ${p.from} ends before it starts (${to})`);
    return { from: p.from, to };
  });
}

const isPaused = (date: string, pauses: readonly ClosedPause[]): boolean => pauses.some((p) => p.from < date && date <= p.to);

/** Working days in (start, end] that are not paused; 0 when end is not after start. */
function countedWorkingDays(start: string, end: string, pauses: readonly ClosedPause[], calendar: WorkingCalendar): number {
  let count = 0;
  for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d, calendar) && !isPaused(d, pauses)) count++;
  return count;
}

/** The day the allowed working days run out, paused days not counted. */
function dueDateWith(start: string, allowed: number, pauses: readonly ClosedPause[], calendar: WorkingCalendar): string {
  if (allowed === 0) return addWorkingDays(start, 0, calendar);
  let d = start;
  for (let left = allowed; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar) && !isPaused(d, pauses)) left--;
  }
  return d;
}
