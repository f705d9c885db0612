import type { Sla } from '../../schemas/case.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { caseSla } from '../domain/case-sla.ts';
import { CalendarYearMissingError } from '../domain/working-days.ts';
import { logger } from '../shared/logger.ts';
import type { Runtime } from '../shared/runtime.ts';

/**
 * The case's promised time today, or none when a day it counts falls in a year without an official calendar:
 * the view still answers (without `sla`) and the log says which notice to enter, rather than every read failing.
 */
const reported = new Set<number>();

export function slaFor(record: CaseRecord, rt: Pick<Runtime, 'policy' | 'clock'>): Sla | undefined {
  try {
    return caseSla(record, rt.policy, rt.clock.today());
  } catch (err) {
    if (!(err instanceof CalendarYearMissingError)) throw err;
    // Once per year and process: every view of every such case would otherwise repeat it.
    if (!reported.has(err.year)) logger.error({ caseNumber: record.caseNumber, year: err.year }, err.message);
    reported.add(err.year);
    return undefined;
  }
}
