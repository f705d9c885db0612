import { z } from 'zod';
import { Reason } from './common.ts';

export const Outcome = z.enum(['PENDING', 'PASS', 'CONDITIONAL', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']).meta({ id: 'Outcome' });
export type Outcome = z.infer<typeof Outcome>;

export const DepartmentKey = z.enum(['hr', 'tax', 'medical', 'housingFund', 'health']).meta({ id: 'DepartmentKey' });
export type DepartmentKey = z.infer<typeof DepartmentKey>;
export const DEPARTMENT_KEYS = DepartmentKey.options;

/** The four every case asks. */
export const CORE_DEPARTMENT_KEYS = ['hr', 'tax', 'medical', 'housingFund'] as const satisfies readonly DepartmentKey[];
export type CoreDepartmentKey = (typeof CORE_DEPARTMENT_KEYS)[number];

/**
 * Departments that join a case only where the city takes part (policy `health.takesPart`): a case of a city that does
 * not carries no answer of theirs at all, and one checked on a workflow version without them neither.
 */
export type OptionalDepartmentKey = Exclude<DepartmentKey, CoreDepartmentKey>;

/** The answers of one case: the four always, the others where they joined. */
export type DepartmentAnswers<T> = Record<CoreDepartmentKey, T> & Partial<Record<OptionalDepartmentKey, T>>;

/** The departments a case actually has answers for, in the fixed order of DEPARTMENT_KEYS. */
export function departmentsOf<T>(answers: Partial<Record<DepartmentKey, T>>): DepartmentKey[] {
  return DEPARTMENT_KEYS.filter((k) => answers[k] !== undefined);
}

/** One department's answer. `details` carries figures (fen, months) the citizen and the sealed notice show. */
export const DepartmentResult = z
  .object({
    outcome: Outcome,
    reasons: z.array(Reason),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'DepartmentResult' });
export type DepartmentResult = z.infer<typeof DepartmentResult>;

export const pendingResult = (): DepartmentResult => ({ outcome: 'PENDING', reasons: [], details: {} });
