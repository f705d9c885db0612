import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';

type RunOptions = NonNullable<Parameters<StateMachine['run']>[1]>;
type TaskStateResourceLocalHandler = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
import type { Context } from 'aws-lambda';
import { STEP_FUNCTIONS, type StepSubstitution } from '../../functions/api/routes.ts';
import type { WorkflowPort } from '../../functions/adapters/workflow.ts';
import { logger } from '../../functions/shared/logger.ts';

const ASL_PATH = new URL('../../workflows/retirement-case.asl.json', import.meta.url);
const WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const TOKEN_PLACEHOLDER = 'local-task-token';
/** Once this state has run, the execution only ends (its Fail state): a retry may wait for that. */
const LAST_TASK_OF_FAILED = 'MarkNeedsAttention';

type StepHandler = (event: unknown, context: Context) => Promise<unknown>;
type TaskDefinition = {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  TimeoutSeconds?: number;
  Branches?: { States: Record<string, TaskDefinition> }[];
};

export interface TaskTiming {
  caseNumber: string;
  state: string;
  startedAt: number;
  endedAt: number;
}

function lambdaContext(functionName: string): Context {
  return {
    functionName,
    awsRequestId: randomUUID(),
    callbackWaitsForEmptyEventLoop: false,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:cn-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 60_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** Every Task state, including those inside Parallel branches, with the substitution it invokes. */
function taskStates(
  states: Record<string, TaskDefinition>,
  out = new Map<string, { substitution: StepSubstitution; waitsForToken: boolean; timeoutSeconds?: number }>(),
) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Parallel') for (const b of state.Branches!) taskStates(b.States, out);
    if (state.Type !== 'Task') continue;
    const waits = state.Resource === WAIT_FOR_TOKEN;
    const ref = waits ? state.Parameters!.FunctionName! : state.Resource!;
    const m = /^\$\{(\w+)\}$/.exec(ref);
    if (!m?.[1] || !(m[1] in STEP_FUNCTIONS)) throw new Error(`state ${name}: unknown resource ${ref}`);
    out.set(name, { substitution: m[1] as StepSubstitution, waitsForToken: waits, timeoutSeconds: state.TimeoutSeconds });
  }
  return out;
}

/**
 * The embedded Step Functions: the same ASL file run by aws-local-stepfunctions, with each Task calling
 * the same handler module a Lambda would run. That library has no task-token service, so
 * `.waitForTaskToken` is emulated: the override mints a token, gives it to the handler (which records it
 * on the case), and returns a promise that `sendTaskSuccess` resolves. Executions live in memory; after a
 * restart `resume` starts every open case again from the top, which is safe because every step is
 * idempotent by case number.
 */
export class LocalWorkflowEngine implements WorkflowPort {
  private readonly machine: StateMachine;
  private readonly tasks: ReturnType<typeof taskStates>;
  private readonly handlers = new Map<StepSubstitution, Promise<StepHandler>>();
  private readonly waiting = new Map<string, (output: unknown) => void>();
  private readonly running = new Map<string, { done: Promise<unknown>; abort: () => void; ending?: boolean }>();
  private readonly retryIntervalMs?: number;
  private readonly injectedFailures = new Map<string, number>();
  private refusedStarts = 0;
  private stopped = false;
  onTaskTiming?: (t: TaskTiming) => void;
  /** Called with the execution name each time an execution really starts (tests count them). */
  onExecutionStart?: (name: string) => void;

  constructor(opts: { retryIntervalMs?: number; waitTimeoutSeconds?: number } = {}) {
    const definition = JSON.parse(readFileSync(ASL_PATH, 'utf8')) as { States: Record<string, TaskDefinition> };
    this.tasks = taskStates(definition.States);
    const substituted = JSON.parse(
      readFileSync(ASL_PATH, 'utf8').replace(/\$\{(\w+)\}/g, (_, name: string) => `arn:aws:lambda:cn-north-1:000000000000:function:${name}`),
    ) as { States: Record<string, TaskDefinition> };
    if (opts.waitTimeoutSeconds !== undefined) {
      for (const [name, task] of this.tasks) {
        if (!task.waitsForToken) continue;
        const state = substituted.States[name];
        if (state) state.TimeoutSeconds = opts.waitTimeoutSeconds;
        task.timeoutSeconds = opts.waitTimeoutSeconds;
      }
    }
    // Built once: validating the definition is the expensive part.
    this.machine = new StateMachine(substituted as unknown as ConstructorParameters<typeof StateMachine>[0]);
    this.retryIntervalMs = opts.retryIntervalMs;
  }

  private handler(substitution: StepSubstitution): Promise<StepHandler> {
    let h = this.handlers.get(substitution);
    if (!h) {
      h = import(`../../functions/steps/${STEP_FUNCTIONS[substitution]}.ts`).then((m: { handler: StepHandler }) => m.handler);
      this.handlers.set(substitution, h);
    }
    return h;
  }

  private overrides(): Record<string, (input: unknown) => Promise<unknown>> {
    const out: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [state, task] of this.tasks) {
      const fn = STEP_FUNCTIONS[task.substitution];
      out[state] = async (input) => {
        this.throwIfInjected(state);
        const handler = await this.handler(task.substitution);
        if (!task.waitsForToken) {
          const startedAt = Date.now();
          const result = await handler(input, lambdaContext(fn));
          const caseNumber = (input as { caseNumber: string }).caseNumber;
          this.onTaskTiming?.({ caseNumber, state, startedAt, endedAt: Date.now() });
          const run = this.running.get(caseNumber);
          if (state === LAST_TASK_OF_FAILED && run) run.ending = true;
          return result;
        }
        const payload = (input as { Payload: Record<string, unknown> }).Payload;
        const token = `${randomUUID()}.${(payload.caseNumber as string) ?? ''}`;
        const resumed = new Promise((resolve) => this.waiting.set(token, resolve));
        // After the state's timeout the interpreter has moved on: forget the token, as Step Functions does.
        setTimeout(() => this.waiting.delete(token), ((task.timeoutSeconds ?? 60) + 1) * 1000).unref();
        await handler({ ...payload, taskToken: token }, lambdaContext(fn));
        return resumed;
      };
    }
    return out;
  }

  /**
   * Test hook: the next `times` runs of `state` throw `InjectedFailure`, which no Retry matches, so the
   * state's Catch applies at once — a persistent failure without corrupting anything.
   */
  failState(state: string, times = 1): void {
    if (!this.tasks.has(state)) throw new Error(`no Task state ${state}`);
    this.injectedFailures.set(state, times);
  }

  /** Test hook: the next `times` starts throw, as a process stopping between booking and starting would leave it. */
  refuseStarts(times = 1): void {
    this.refusedStarts = times;
  }

  private throwIfInjected(state: string): void {
    const left = this.injectedFailures.get(state) ?? 0;
    if (left <= 0) return;
    this.injectedFailures.set(state, left - 1);
    const err = new Error(`injected failure of ${state}`);
    err.name = 'InjectedFailure';
    throw err;
  }

  /**
   * A second start of a running case is a no-op (as a second StartExecution with the same name). A retry
   * (`opts.retry`) is a new execution: if the failed one is still winding down (past MarkNeedsAttention,
   * into its Fail state), it waits for that one to end first, so the retry is never swallowed. Any other
   * running execution already does what the retry would.
   */
  async startCase(caseNumber: string, input: Record<string, unknown>, opts: { retry?: number } = {}): Promise<void> {
    const current = this.running.get(caseNumber);
    if (current?.ending && opts.retry !== undefined) await current.done;
    if (this.stopped || this.running.has(caseNumber)) return;
    if (this.refusedStarts > 0) {
      this.refusedStarts--;
      throw new Error(`injected: the execution of ${caseNumber} was not started`);
    }
    const name = opts.retry === undefined ? caseNumber : `${caseNumber}-retry-${opts.retry}`;
    this.onExecutionStart?.(name);
    const execution = this.machine.run(input as Parameters<StateMachine['run']>[0], {
      overrides: {
        taskResourceLocalHandlers: this.overrides() as unknown as TaskStateResourceLocalHandler,
        ...(this.retryIntervalMs !== undefined ? { retryIntervalOverrides: this.retryOverrides() } : {}),
      },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: `local:${name}`, Name: name, Input: input as Parameters<StateMachine['run']>[0], StartTime: new Date().toISOString() },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    const done = execution.result
      .catch((err: Error) => {
        if (this.stopped) return;
        // The Fail state after MarkNeedsAttention: the case is on the staff queue, not lost.
        if (/CaseNeedsAttention|NEEDS_ATTENTION/.test(`${err.name} ${err.message}`)) logger.warn({ caseNumber, err }, 'workflow ended: case needs attention');
        else logger.error({ caseNumber, err }, 'workflow execution failed');
      })
      .finally(() => this.running.delete(caseNumber));
    this.running.set(caseNumber, { done, abort: execution.abort });
  }

  private retryOverrides(): Record<string, number> {
    return Object.fromEntries([...this.tasks.keys()].map((s) => [s, this.retryIntervalMs!]));
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<boolean> {
    const resolve = this.waiting.get(token);
    if (!resolve) return false;
    this.waiting.delete(token);
    resolve(output);
    return true;
  }

  async ping(): Promise<void> {
    if (this.stopped) throw new Error('workflow engine stopped');
  }

  isRunning(caseNumber: string): boolean {
    return this.running.has(caseNumber);
  }

  runningCount(): number {
    return this.running.size;
  }

  /** Resolves when no execution is running any more. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /** Abandons running executions: what they did is on the case, and the next start resumes them. */
  stop(): void {
    this.stopped = true;
    for (const r of this.running.values()) r.abort();
    this.running.clear();
  }
}
