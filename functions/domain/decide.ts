/**
 * Combining the departments' answers (API v1 contract): any FAIL → REJECTED; otherwise any MANUAL → a person
 * decides (MANUAL_REVIEW); otherwise APPROVED. CONDITIONAL and NOT_APPLICABLE do not block. The four always answer;
 * health (卫健) counts where the case has its answer (the city takes part).
 */
import type { DepartmentAnswers, DepartmentKey, DepartmentResult } from '../../schemas/department-result.ts';
import { CORE_DEPARTMENT_KEYS, departmentsOf } from '../../schemas/department-result.ts';

/** The four always; a department that joins only where the city takes part (health) counts when present. */
export type DepartmentResults = DepartmentAnswers<DepartmentResult>;

/** The departments a decision reads: the four, and each other one the case has an answer of. */
const decidedBy = (departments: Partial<DepartmentResults>): DepartmentKey[] => [
  ...new Set<DepartmentKey>([...CORE_DEPARTMENT_KEYS, ...departmentsOf(departments)]),
];
export type DecisionResult = { decision?: 'APPROVED' | 'REJECTED'; needsManualReview: boolean };
export type ManualDecision = { department?: DepartmentKey; outcome: 'PASS' | 'FAIL'; note: string; actor: string };

export class DepartmentsPendingError extends Error {
  constructor(pending: DepartmentKey[]) {
    super(`departments still pending: ${pending.join(', ')}`);
    this.name = 'DepartmentsPendingError';
  }
}

export class NotManualError extends Error {
  constructor(department: DepartmentKey) {
    super(`department ${department} is not waiting for a manual decision`);
    this.name = 'NotManualError';
  }
}

export function decide(departments: DepartmentResults): DecisionResult {
  const outcomes = decidedBy(departments).map((k) => [k, departments[k]?.outcome] as const);
  const pending = outcomes.filter(([, o]) => o === undefined || o === 'PENDING').map(([k]) => k);
  if (pending.length > 0) throw new DepartmentsPendingError(pending);
  if (outcomes.some(([, o]) => o === 'FAIL')) return { decision: 'REJECTED', needsManualReview: false };
  if (outcomes.some(([, o]) => o === 'MANUAL')) return { needsManualReview: true };
  return { decision: 'APPROVED', needsManualReview: false };
}

/**
 * Replace MANUAL outcomes by the staff's PASS/FAIL. A decision without `department` settles every MANUAL
 * department; one naming a department that is not MANUAL throws NotManualError (stale or mistaken review).
 * The original reasons stay, a STAFF_DECISION reason carries the note, and `details.staffDecision` records who.
 */
export function applyManualDecisions(departments: DepartmentResults, decisions: ManualDecision[]): DepartmentResults {
  const out = { ...departments };
  for (const d of decisions) {
    const targets = d.department ? [d.department] : departmentsOf(out).filter((k) => out[k]?.outcome === 'MANUAL');
    for (const key of targets) {
      const current = out[key];
      if (current?.outcome !== 'MANUAL') throw new NotManualError(key);
      out[key] = {
        outcome: d.outcome,
        reasons: [...current.reasons, { code: 'STAFF_DECISION', message: `工作人员复核${d.outcome === 'PASS' ? '通过' : '不通过'}：${d.note}` }],
        details: {
          ...current.details,
          staffDecision: { outcome: d.outcome, note: d.note, actor: d.actor, previousOutcome: 'MANUAL' },
        },
      };
    }
  }
  return out;
}
