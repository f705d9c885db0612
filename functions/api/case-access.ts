import type { Principal } from '../adapters/auth.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import type { CaseView } from '../../schemas/case.ts';
import type { AuditEntry } from '../../schemas/review.ts';
import type { Runtime } from '../shared/runtime.ts';
import { slaFor } from '../sla/sla-for.ts';
import { maskNumbersInText } from '../domain/mask.ts';
import { agencyVerdict, appliedByView } from '../domain/applicant.ts';
import type { AgencyScope } from '../../schemas/applicant.ts';
import { HttpProblem, notFound } from './http/problem.ts';
import { guidanceFor } from './case-guidance.ts';
import { logger } from '../shared/logger.ts';
import { type SentReport, withSentNotes } from '../notifications/sent-notes.ts';

/**
 * Loads a case for a caller and writes the access to the audit trail. A citizen reaches only cases
 * booked under its own ID number; any other case is "not found", so existence never leaks.
 */
export async function loadCaseFor(rt: Runtime, principal: Principal | undefined, caseNumber: string, action: string, requestId: string): Promise<CaseRecord> {
  const record = await rt.cases.get(caseNumber);
  // A trail exists only for real cases: a guessed number leaves nothing behind (and tells nothing).
  if (!record) throw notFound('The case');
  const visible = await mayReach(rt, principal, record, action);
  await auditAccess(rt, principal, caseNumber, visible ? action : `${action}:denied`, requestId);
  if (!visible) throw notFound('The case');
  return record;
}

/**
 * For an act whose own write carries its audit line (the form's submission): reads the case, records and refuses a
 * caller who may not reach it, and hands back the entry the act writes with its change. The act records the entry
 * alone when it makes no write of its own, or is refused (`action:rejected`, as actOnCase does).
 */
export async function loadCaseToAct(
  rt: Runtime,
  principal: Principal | undefined,
  caseNumber: string,
  action: string,
  requestId: string,
  opts: { tokenOf?: string } = {},
): Promise<{ record: CaseRecord; audit: AuditEntry; token?: string }> {
  // With `tokenOf`, the token the step waiting at that stage left is read with the case (one request): see signal.ts.
  const { record, token } = opts.tokenOf ? await rt.cases.getWithToken(caseNumber, opts.tokenOf) : { record: await rt.cases.get(caseNumber), token: undefined };
  if (!record) throw notFound('The case');
  if (!(await mayReach(rt, principal, record, action))) {
    await auditAccess(rt, principal, caseNumber, `${action}:denied`, requestId);
    throw notFound('The case');
  }
  return { record, audit: auditEntry(rt, principal, action, requestId), ...(token ? { token } : {}) };
}

/** What an agent's authorisation must cover for each act on a case; an act not listed is the person's alone (rating). */
const AGENT_SCOPE: Record<string, AgencyScope> = {
  'read-case': 'follow',
  'read-events': 'follow',
  'read-document': 'follow',
  'read-prefill': 'apply',
  'read-application': 'apply',
  'submit-application': 'apply',
  'submit-supplement': 'apply',
  withdraw: 'apply',
};

/**
 * Whether the caller may reach the case: the person; an agent whose authorisation from the person covers the
 * act today (checked on every call, so an authorisation that ended stops the agent at once); the employer
 * that filed the case (by its credit code); staff and the platform.
 */
async function mayReach(rt: Runtime, principal: Principal | undefined, record: CaseRecord, action: string): Promise<boolean> {
  if (!principal) return false;
  if (principal.role === 'employer') return record.appliedBy?.kind === 'employer' && record.appliedBy.creditCode === principal.creditCode;
  if (principal.role !== 'citizen') return true;
  if (principal.idNumber === record.idNumber) return true;
  const scope = AGENT_SCOPE[action.split(':')[0] ?? ''];
  if (!scope || !principal.idNumber) return false;
  const grant = await rt.agencies.get(record.idNumber, principal.idNumber);
  return agencyVerdict(grant && { ...grant }, rt.clock.today(), scope).ok;
}

/**
 * For an act the handler may still refuse after reading the case (four eyes, not the assignee, already
 * decided): the trail says what became of it — `action` when done, `action:refused` for a 403,
 * `action:rejected` for any other refusal — never a refused attempt dressed as a decision.
 */
export async function actOnCase<T>(
  rt: Runtime,
  principal: Principal | undefined,
  caseNumber: string,
  action: string,
  requestId: string,
  act: (record: CaseRecord) => Promise<T>,
): Promise<T> {
  const { record } = await loadCaseToAct(rt, principal, caseNumber, action, requestId);
  try {
    const result = await act(record);
    await auditAccess(rt, principal, caseNumber, action, requestId);
    return result;
  } catch (err) {
    if (err instanceof HttpProblem && err.status >= 400 && err.status < 500) {
      await auditAccess(rt, principal, caseNumber, `${action}:${err.status === 403 ? 'refused' : 'rejected'}`, requestId);
    }
    throw err;
  }
}

/** The reads a page repeats while someone waits on it: recorded once per reader and window (AuditStore.recordPoll). */
const POLLED_READS = new Set(['read-case', 'read-events']);

function auditEntry(rt: Runtime, principal: Principal | undefined, action: string, requestId: string): AuditEntry {
  return { at: rt.clock.now().toISOString(), requestId, actor: principal?.subject ?? 'anonymous', role: principal?.role ?? 'none', action };
}

export function auditAccess(rt: Runtime, principal: Principal | undefined, caseNumber: string, action: string, requestId: string): Promise<void> {
  const entry = auditEntry(rt, principal, action, requestId);
  if (!POLLED_READS.has(action)) return rt.audit.record(caseNumber, entry);
  // Each poll still leaves its own line (the logger masks the ID number in a citizen's actor); the trail keeps the window.
  logger.info({ audit: { caseNumber, ...entry } }, 'case read');
  return rt.audit.recordPoll(caseNumber, entry);
}

/** The case as its readers see it, with 已短信通知 on the entries whose message went (one query of its messages). */
export async function caseViewOf(record: CaseRecord, rt: Pick<Runtime, 'policy' | 'clock' | 'outbox'>): Promise<CaseView> {
  return toCaseView(record, rt, await rt.outbox.sentReports(record.caseNumber));
}

function toCaseView(record: CaseRecord, rt: Pick<Runtime, 'policy' | 'clock'>, sent: readonly SentReport[]): CaseView {
  const sla = slaFor(record, rt);
  return {
    caseNumber: record.caseNumber,
    status: record.status,
    ...(record.decision ? { decision: record.decision } : {}),
    deadline: record.applicationDeadline,
    ...(record.workflowVersion ? { workflowVersion: record.workflowVersion } : {}),
    ...(sla ? { sla } : {}),
    ...supplementView(record),
    departments: record.departments,
    // Actors name citizens by ID number; the view shows them masked (the full number is in the case's own record).
    timeline: withSentNotes(record.timeline, sent).map((entry) => ({ ...entry, actor: maskNumbersInText(entry.actor) })),
    documents: Object.values(record.documents ?? {})
      .sort((a, b) => a.documentId.localeCompare(b.documentId))
      .map(({ documentId, title, sha256, contentType }) => ({ documentId, title, sha256, contentType })),
    ...(record.rating ? { rating: record.rating } : {}),
    ...guidanceFor(record, rt.policy),
    appliedBy: appliedByView(record.appliedBy),
  };
}

function supplementView(record: CaseRecord): Pick<CaseView, 'supplement'> {
  const last = record.supplements?.at(-1);
  if (!last) return {};
  const { fields, dueDate, note, requestedAt, receivedAt } = last;
  return { supplement: { fields, dueDate, note, requestedAt, ...(receivedAt ? { receivedAt } : {}) } };
}
