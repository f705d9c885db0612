import { type CheckView as CheckViewType, CheckView } from '../adapters/case-store.ts';
import { type CaseRecord, parseRecord } from '../adapters/case-record.ts';
import type { Runtime } from '../shared/runtime.ts';

/**
 * What the department checks read of a case, handed to them by the pre-review that read the whole case just before
 * (issue 13: five reads a case fewer). Sealed (rt.snapshots, bound to the case number), because it carries the ID
 * number and the form, and the run's payload must carry neither in the clear (payloads-keys-only.test.ts). The
 * checks only read it: what they hand back is recorded by Decide, whose write is conditional on the case being in
 * CHECKING, so a case that moved on meanwhile (withdrawn) is not decided from it.
 */
export function sealCheckView(rt: Pick<Runtime, 'snapshots'>, record: CaseRecord): Promise<string> {
  const view: CheckViewType = { caseNumber: record.caseNumber, idNumber: record.idNumber, application: record.application, departments: record.departments };
  return rt.snapshots.seal(JSON.stringify(view), { caseNumber: record.caseNumber });
}

/** The view sealed for this case; a value sealed for another case, or altered, does not open. */
export async function openCheckView(rt: Pick<Runtime, 'snapshots'>, caseNumber: string, sealed: string): Promise<CheckViewType> {
  const view = parseRecord(CheckView, JSON.parse(await rt.snapshots.open(sealed, { caseNumber })), `snapshot of case ${caseNumber}`);
  if (view.caseNumber !== caseNumber) throw new Error(`the snapshot handed to case ${caseNumber} is of case ${view.caseNumber}`);
  return view;
}
