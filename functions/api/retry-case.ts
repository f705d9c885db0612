import { executionInput } from '../adapters/workflow.ts';
import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { operations } from './routes.ts';

/**
 * A supervisor retries a case whose workflow step failed (NEEDS_ATTENTION): the case goes back to the
 * status it failed in, in one conditional write, and its workflow starts again from the top. Every step is
 * idempotent by case number, so the new execution skips what was done and resumes at the step that failed
 * — the embedded equivalent of a Step Functions redrive (see StepFunctionsWorkflow.startCase).
 */
export const handler = httpHandler(operations.retryCase, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'retry', requestId);
    const failedState = record.attention?.failedState;
    const retry = await rt.cases.retryFromAttention(record, {
      at: rt.clock.now().toISOString(),
      actor: principal!.subject,
      note: `工作人员重新处理（${failedState ?? '未知步骤'}）`,
    });
    if (retry === undefined) {
      throw new HttpProblem(409, 'Not waiting for attention', `The case is ${record.status}; only a NEEDS_ATTENTION case can be retried.`);
    }
    await rt.workflow.startCase(params.caseNumber, executionInput(params.caseNumber, record.applicationDeadline, rt.clock.now()), {
      retry,
      version: record.workflowVersion,
    });
    return { status: 202, body: { caseNumber: params.caseNumber, status: record.attention!.fromStatus } };
  },
});
