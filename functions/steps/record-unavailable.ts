import { z } from 'zod';
import { DepartmentKey } from '../../schemas/department-result.ts';
import { DEPARTMENT_NAMES } from '../../schemas/departments.ts';
import type { CheckOutput } from './department-check.ts';
import { stepHandler } from './step-handler.ts';

const Input = z.object({
  caseNumber: z.string(),
  department: DepartmentKey,
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/**
 * The department did not answer after the retries: a person decides (MANUAL), the case does not fail. The
 * placeholder is recorded on the case like any answer (a department's late answer, already recorded, stands);
 * the error's name is kept, never its cause, which may quote the department's address.
 */
export const handler = stepHandler('record-unavailable', Input, async ({ caseNumber, department, error }, rt): Promise<CheckOutput> => {
  await rt.cases.recordCheck(caseNumber, department, {
    outcome: 'MANUAL',
    reasons: [{ code: 'DEPARTMENT_UNAVAILABLE', message: `${DEPARTMENT_NAMES[department].department}系统暂时无法答复，已转工作人员人工核查。` }],
    details: { error: error?.Error ?? 'unknown', checkedAt: rt.clock.now().toISOString() },
  });
  return { department, outcome: 'MANUAL' };
});
