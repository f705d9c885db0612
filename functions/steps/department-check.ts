import type { DepartmentKey, Outcome } from '../../schemas/department-result.ts';
import { evaluateDepartment } from '../departments/evaluate.ts';
import type { Runtime } from '../shared/runtime.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/** What a check hands back to the workflow: the outcome only. The answer itself stays in the table. */
export interface CheckOutput {
  department: DepartmentKey;
  outcome: Outcome;
}

/**
 * One of the parallel checks: one read, the department's answer, the rule, one conditional write of that
 * answer onto the case. Workflow payloads are logged and kept by Step Functions, so they carry keys and outcomes
 * only, never the account numbers, balances or arrears a department answers with. An answer already recorded (a
 * replay) is kept as it stands. A department that cannot answer throws `DepartmentUnavailable`, which the state
 * machine retries and finally turns into MANUAL. A department that joins only where the city takes part
 * (`takesPart`) is NOT_APPLICABLE elsewhere without asking anyone or writing anything: the case carries no answer of it.
 */
export function departmentCheckHandler(department: DepartmentKey, takesPart: (rt: Runtime) => boolean = () => true) {
  return stepHandler(`check-${department}`, CaseInput, async ({ caseNumber }, rt): Promise<CheckOutput> => {
    if (!takesPart(rt)) return { department, outcome: 'NOT_APPLICABLE' };
    const record = await rt.cases.getForCheck(caseNumber, department);
    if (!record?.application) throw new Error(`case ${caseNumber} has no application`);
    const recorded = record.departments?.[department];
    if (recorded && recorded.outcome !== 'PENDING') return { department, outcome: recorded.outcome };
    const result = await evaluateDepartment(department, record, rt);
    await rt.cases.recordCheck(caseNumber, department, result);
    return { department, outcome: result.outcome };
  });
}
