import { DescribeStateMachineAliasCommand, SFNClient, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { secondsUntilDeadlinePassed } from '../domain/application-wait.ts';
import { caseExecutionInput } from '../shared/correlation.ts';
import { traced } from '../shared/observability.ts';

/**
 * What a case's execution starts with: its number, the journey's correlation id, and how long its wait for the form lasts (the
 * workflow's WaitForApplication reads it with TimeoutSecondsPath; ExpireCase gives it again when a wake-up
 * came before the deadline had passed). Every start of a case passes this, a retry and a resume included.
 */
export function executionInput(caseNumber: string, applicationDeadline: string, now: Date): Record<string, unknown> {
  return { ...caseExecutionInput(caseNumber), applicationWait: { seconds: secondsUntilDeadlinePassed(applicationDeadline, now) } };
}

/** The workflow engine as the handlers see it: AWS Step Functions, or the embedded interpreter. */
export interface WorkflowPort {
  /**
   * The version of the workflow new cases start on; each case records it, and keeps running on it to its end
   * (embedded: the definition's content hash; AWS: the same hash, of the definition behind the live alias).
   */
  readonly version: string;
  /**
   * Starts the case's execution; the name is the case number, so a second start is a no-op. A staff retry
   * passes its retry number: that execution is named `<case>-retry-<n>`, as execution names are never reused.
   * `version`: the one the case started on (the embedded engine keeps each; Step Functions pins executions itself).
   */
  startCase(caseNumber: string, input: Record<string, unknown>, opts?: { retry?: number; version?: string }): Promise<void>;
  /** Resumes a waiting task. Returns false when the token is no longer waiting (already resumed, timed out). */
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<boolean>;
  ping(): Promise<void>;
}

const STALE_TOKEN_ERRORS = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

export class StepFunctionsWorkflow implements WorkflowPort {
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
  readonly version: string;

  /** `stateMachineArn` is the `live` alias ARN: Step Functions pins each execution to the version it started on. */
  constructor(stateMachineArn: string, version: string, sfn = traced(new SFNClient({}))) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
    this.version = version;
  }

  /**
   * A retry starts a new execution rather than redriving the old one (RedriveExecution): the failed step's
   * Catch sent the old execution through MarkNeedsAttention to its Fail state, so a redrive would resume at
   * that Fail state and fail again. A new execution from the top is the equivalent: every step is idempotent
   * by case number, so it skips what was done and resumes at the step that failed.
   */
  async startCase(caseNumber: string, input: Record<string, unknown>, opts: { retry?: number; version?: string } = {}): Promise<void> {
    const name = opts.retry === undefined ? caseNumber : `${caseNumber}-retry-${opts.retry}`;
    try {
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (err) {
      // Same name and same input is accepted by Step Functions; this guards a retried start with a recomputed input.
      if ((err as Error).name !== 'ExecutionAlreadyExists') throw err;
    }
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<boolean> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      return true;
    } catch (err) {
      if (STALE_TOKEN_ERRORS.has((err as Error).name)) return false;
      throw err;
    }
  }

  async ping(): Promise<void> {
    await this.sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: this.stateMachineArn }));
  }
}
