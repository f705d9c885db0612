import { CaseRecord, parseRecord } from '../adapters/case-record.ts';
import type { Runtime } from '../shared/runtime.ts';

/**
 * The case as the pre-review left it, handed to the department checks and to Decide of the same run, so that none of
 * them reads the case again (issue 13: six reads a case fewer). Sealed (rt.snapshots, bound to the case number),
 * because it carries the ID number and the form, and the run's payload must carry neither in the clear
 * (payloads-keys-only.test.ts).
 *
 * A copy may be out of date by the time it is used: the case may have moved on meanwhile (withdrawn, or decided by
 * another run of the same steps, since Express runs at least once). The checks only read it, and what they hand back
 * is recorded by Decide; Decide writes from it only if the case has not moved since (the timeline's length, see
 * CaseStore.advance's guard), and otherwise reads the case and decides from that.
 */
export function sealCase(rt: Pick<Runtime, 'snapshots'>, record: CaseRecord): Promise<string> {
  return rt.snapshots.seal(JSON.stringify(record), { caseNumber: record.caseNumber });
}

/** The copy sealed for this case; a copy sealed for another case, or altered, does not open. */
export async function openCase(rt: Pick<Runtime, 'snapshots'>, caseNumber: string, sealed: string): Promise<CaseRecord> {
  const record = parseRecord(CaseRecord, JSON.parse(await rt.snapshots.open(sealed, { caseNumber })), `snapshot of case ${caseNumber}`);
  if (record.caseNumber !== caseNumber) throw new Error(`the snapshot handed to case ${caseNumber} is of case ${record.caseNumber}`);
  return record;
}
