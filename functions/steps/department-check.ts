import type { DepartmentKey, DepartmentResult } from '../../schemas/department-result.ts';
import { evaluateDepartment } from '../departments/evaluate.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

export interface CheckOutput {
  department: DepartmentKey;
  result: DepartmentResult;
}

/**
 * One of the four parallel checks: one read, the department's answer, the rule. It writes nothing — the
 * Decide step records all four answers in one write — so the parallel phase lasts as long as the slowest
 * department and no longer. An answer already recorded (a replay after Decide) is returned as it stands.
 * A department that cannot answer throws `DepartmentUnavailable`, which the state machine retries and
 * finally turns into MANUAL.
 */
export function departmentCheckHandler(department: DepartmentKey) {
  return stepHandler(`check-${department}`, CaseInput, async ({ caseNumber }, rt): Promise<CheckOutput> => {
    const record = await rt.cases.getForCheck(caseNumber, department);
    if (!record?.application) throw new Error(`case ${caseNumber} has no application`);
    const recorded = record.departments?.[department];
    if (recorded && recorded.outcome !== 'PENDING') return { department, result: recorded };
    return { department, result: await evaluateDepartment(department, record, rt) };
  });
}
