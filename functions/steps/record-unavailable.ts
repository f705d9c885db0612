import { z } from 'zod';
import { CORE_DEPARTMENT_KEYS, type DepartmentKey, DepartmentKey as DepartmentKeySchema } from '../../schemas/department-result.ts';
import { DEPARTMENT_NAMES } from '../../schemas/departments.ts';
import type { Runtime } from '../shared/runtime.ts';
import type { CheckOutput } from './department-check.ts';
import { stepHandler } from './step-handler.ts';

const Input = z.object({
  caseNumber: z.string(),
  /** One department (workflow versions whose every branch had its own Catch); absent: every department still silent. */
  department: DepartmentKeySchema.optional(),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/** The departments a case is checked by here: the four, and 卫健 where the city takes part. */
const askedDepartments = (rt: Runtime): DepartmentKey[] => [...CORE_DEPARTMENT_KEYS, ...(rt.policy.health.takesPart ? (['health'] as const) : [])];

async function recordUnavailable(rt: Runtime, caseNumber: string, department: DepartmentKey, error: string): Promise<CheckOutput> {
  await rt.cases.recordCheck(caseNumber, department, {
    outcome: 'MANUAL',
    reasons: [{ code: 'DEPARTMENT_UNAVAILABLE', message: `${DEPARTMENT_NAMES[department].department}系统暂时无法答复，已转工作人员人工核查。` }],
    details: { error, checkedAt: rt.clock.now().toISOString() },
  });
  return { department, outcome: 'MANUAL' };
}

/**
 * The name of what went wrong. A failed run of the checks reaches the case workflow as States.TaskFailed, its
 * Cause the child execution's description, whose Error is the department's (DepartmentResponseInvalid, …).
 */
function failureName(error: z.infer<typeof Input>['error']): string {
  if (error?.Error !== 'States.TaskFailed' || !error.Cause) return error?.Error ?? 'unknown';
  try {
    const described = JSON.parse(error.Cause) as { Error?: unknown };
    return typeof described.Error === 'string' && described.Error !== '' ? described.Error : error.Error;
  } catch {
    return error.Error;
  }
}

/**
 * A department did not answer after the retries: a person decides (MANUAL), the case does not fail. The
 * placeholder is recorded on the case like any answer (a department's late answer, already recorded, stands);
 * the error's name is kept, never its cause, which may quote the department's address. Without a department
 * named, every asked department the case holds no answer of is recorded so, and the outcomes of all come back.
 */
export const handler = stepHandler(
  'record-unavailable',
  Input,
  async ({ caseNumber, department, error }, rt): Promise<CheckOutput | { checks: CheckOutput[] }> => {
    const errorName = failureName(error);
    if (department) return recordUnavailable(rt, caseNumber, department, errorName);
    const record = await rt.cases.get(caseNumber);
    if (!record) throw new Error(`case ${caseNumber} not found`);
    // The last run failed before any department was asked (they are asked only in CHECKING): none to hand over.
    if (record.status !== 'CHECKING') return { checks: [] };
    const checks: CheckOutput[] = [];
    for (const d of askedDepartments(rt)) {
      const recorded = record.departments?.[d];
      checks.push(
        recorded && recorded.outcome !== 'PENDING' ? { department: d, outcome: recorded.outcome } : await recordUnavailable(rt, caseNumber, d, errorName),
      );
    }
    return { checks };
  },
);
