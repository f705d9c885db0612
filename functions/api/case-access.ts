import type { Principal } from '../adapters/auth.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import type { CaseView } from '../../schemas/case.ts';
import type { Runtime } from '../shared/runtime.ts';
import { maskNumbersInText } from '../domain/mask.ts';
import { notFound } from './http/problem.ts';

/**
 * Loads a case for a caller and writes the access to the audit trail. A citizen reaches only cases
 * booked under its own ID number; any other case is "not found", so existence never leaks.
 */
export async function loadCaseFor(rt: Runtime, principal: Principal | undefined, caseNumber: string, action: string, requestId: string): Promise<CaseRecord> {
  const record = await rt.cases.get(caseNumber);
  // A trail exists only for real cases: a guessed number leaves nothing behind (and tells nothing).
  if (!record) throw notFound('The case');
  const visible = principal && (principal.role !== 'citizen' || principal.idNumber === record.idNumber);
  await rt.audit.record(caseNumber, {
    at: rt.clock.now().toISOString(),
    requestId,
    actor: principal?.subject ?? 'anonymous',
    role: principal?.role ?? 'none',
    action: visible ? action : `${action}:denied`,
  });
  if (!visible) throw notFound('The case');
  return record;
}

export function toCaseView(record: CaseRecord): CaseView {
  return {
    caseNumber: record.caseNumber,
    status: record.status,
    ...(record.decision ? { decision: record.decision } : {}),
    deadline: record.applicationDeadline,
    ...(record.workflowVersion ? { workflowVersion: record.workflowVersion } : {}),
    departments: record.departments,
    // Actors name citizens by ID number; the view shows them masked (the full number is in the case's own record).
    timeline: record.timeline.map((entry) => ({ ...entry, actor: maskNumbersInText(entry.actor) })),
    documents: Object.values(record.documents ?? {})
      .sort((a, b) => a.documentId.localeCompare(b.documentId))
      .map(({ documentId, title, sha256, contentType }) => ({ documentId, title, sha256, contentType })),
    ...(record.rating ? { rating: record.rating } : {}),
  };
}
