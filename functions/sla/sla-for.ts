import type { Sla } from '../../schemas/case.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { caseSla } from '../domain/case-sla.ts';
import { CalendarYearMissingError, provisionalWarning, provisionalYearsBetween } from '../domain/working-days.ts';
import { logger } from '../shared/logger.ts';
import type { Runtime } from '../shared/runtime.ts';

/**
 * The case's promised time today, or none when a day it counts falls in a year without an official calendar:
 * the view still answers (without `sla`) and the log says which notice to enter, rather than every read failing.
 * Dates that count days of a provisional year (statutory holidays only, the notice not out yet) carry
 * `provisional: true`, and the log says so once per process.
 */
const reported = new Set<number>();
let warnedProvisional = false;

export function slaFor(record: CaseRecord, rt: Pick<Runtime, 'policy' | 'clock'>): Sla | undefined {
  const today = rt.clock.today();
  let sla: Sla | undefined;
  try {
    sla = caseSla(record, rt.policy, today);
  } catch (err) {
    if (!(err instanceof CalendarYearMissingError)) throw err;
    // Once per year and process: every view of every such case would otherwise repeat it.
    if (!reported.has(err.year)) logger.error({ caseNumber: record.caseNumber, year: err.year }, err.message);
    reported.add(err.year);
    return undefined;
  }
  if (!sla) return undefined;
  // An open case counts up to today (days left, or days over); a completed one up to the day it completed.
  const completedAt = record.timeline.find((e) => e.status === 'COMPLETED')?.at.slice(0, 10);
  const latest = [sla.dueDate, sla.caseDueDate, completedAt ?? today].sort().at(-1)!;
  const provisional = provisionalYearsBetween(sla.startedOn, latest);
  if (provisional.length === 0) return sla;
  if (!warnedProvisional) logger.warn({ years: provisional }, provisionalWarning(provisional));
  warnedProvisional = true;
  return { ...sla, provisional: true };
}
