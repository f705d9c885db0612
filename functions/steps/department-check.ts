import { z } from 'zod';
import type { DepartmentKey, DepartmentResult, Outcome } from '../../schemas/department-result.ts';
import { evaluateDepartment } from '../departments/evaluate.ts';
import type { Runtime } from '../shared/runtime.ts';
import { openCase } from './case-snapshot.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/** What a check hands back to the workflow: the outcome, and the answer itself when the workflow records it later. */
export interface CheckOutput {
  department: DepartmentKey;
  outcome: Outcome;
  /** Only with `returnAnswer`, and only when this run asked the department. */
  result?: DepartmentResult;
}

const CheckInput = CaseInput.extend({
  /**
   * The case steps (2026-12-07 on) hand the answer to Decide, which records all of them with the decision in one
   * write: five writes a case fewer, and no check queues behind the others' writes. That payload stays inside the
   * Express run, whose execution data is never logged (infra/aws/workflow.ts). Workflow versions before it leave
   * this out, and the check records its answer itself, as they expect.
   */
  returnAnswer: z.boolean().optional(),
  /**
   * The case as the pre-review of this run left it, sealed (case-snapshot.ts), in place of this check's own read:
   * null where this run did not start at the pre-review (a person passed it), and the check reads the case itself.
   */
  snapshot: z.string().nullish(),
});

/**
 * One of the parallel checks: one read (or the pre-review's, handed on), the department's answer, the rule, and
 * either one conditional write of that answer onto the case or (`returnAnswer`) the answer handed back. An answer
 * already recorded (a rerun after a silent department) is kept as it stands, and the department is not asked again.
 * A department that cannot answer throws `DepartmentUnavailable`, which the state machine retries and finally turns
 * into MANUAL. A department that joins only where the city takes part (`takesPart`) is NOT_APPLICABLE elsewhere
 * without asking anyone or writing anything: the case carries no answer of it.
 */
export function departmentCheckHandler(department: DepartmentKey, takesPart: (rt: Runtime) => boolean = () => true) {
  return stepHandler(`check-${department}`, CheckInput, async ({ caseNumber, returnAnswer, snapshot }, rt): Promise<CheckOutput> => {
    if (!takesPart(rt)) return { department, outcome: 'NOT_APPLICABLE' };
    const record = snapshot ? await openCase(rt, caseNumber, snapshot) : await rt.cases.getForCheck(caseNumber, department);
    if (!record?.application) throw new Error(`case ${caseNumber} has no application`);
    const recorded = record.departments?.[department];
    if (recorded && recorded.outcome !== 'PENDING') return { department, outcome: recorded.outcome };
    const result = await evaluateDepartment(department, record, rt);
    if (returnAnswer) return { department, outcome: result.outcome, result };
    await rt.cases.recordCheck(caseNumber, department, result);
    return { department, outcome: result.outcome };
  });
}
