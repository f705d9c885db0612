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

type StepHandler = (event: unknown, context: Context) => Promise<unknown>;
type TaskDefinition = {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  TimeoutSeconds?: number;
  Retry?: { IntervalSeconds?: number; MaxDelaySeconds?: number }[];
  Branches?: { States: Record<string, TaskDefinition> }[];
};

/** Every Retry's pauses (interval and cap) times `scale`, in place: the same schedule, backoff and jitter, only faster. */
function scaleRetries(states: Record<string, TaskDefinition>, scale: number): void {
  for (const state of Object.values(states)) {
    for (const b of state.Branches ?? []) scaleRetries(b.States, scale);
    for (const r of state.Retry ?? []) {
      r.IntervalSeconds = (r.IntervalSeconds ?? 1) * scale;
      if (r.MaxDelaySeconds !== undefined) r.MaxDelaySeconds *= scale;
    }
  }
}

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
  private readonly running = new Map<string, { done: Promise<unknown>; abort: () => void }>();
  private readonly retryIntervalMs?: number;
  private stopped = false;
  onTaskTiming?: (t: TaskTiming) => void;

  constructor(opts: { retryIntervalMs?: number; retryTimeScale?: number; waitTimeoutSeconds?: number } = {}) {
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
    if (opts.retryTimeScale !== undefined) scaleRetries(substituted.States, opts.retryTimeScale);
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
        const handler = await this.handler(task.substitution);
        if (!task.waitsForToken) {
          const startedAt = Date.now();
          const result = await handler(input, lambdaContext(fn));
          this.onTaskTiming?.({ caseNumber: (input as { caseNumber: string }).caseNumber, state, startedAt, endedAt: Date.now() });
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

  async startCase(caseNumber: string, input: Record<string, unknown>): Promise<void> {
    if (this.stopped || this.running.has(caseNumber)) return;
    const execution = this.machine.run(input as Parameters<StateMachine['run']>[0], {
      overrides: {
        taskResourceLocalHandlers: this.overrides() as unknown as TaskStateResourceLocalHandler,
        ...(this.retryIntervalMs !== undefined ? { retryIntervalOverrides: this.retryOverrides() } : {}),
      },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: `local:${caseNumber}`, Name: caseNumber, Input: input as Parameters<StateMachine['run']>[0], StartTime: new Date().toISOString() },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    const done = execution.result
      .catch((err: Error) => {
        if (!this.stopped) logger.error({ caseNumber, err }, 'workflow execution failed');
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
