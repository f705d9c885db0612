import { asFunction } from './invocation.ts';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';

type RunOptions = NonNullable<Parameters<StateMachine['run']>[1]>;
type TaskStateResourceLocalHandler = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
import type { Context } from 'aws-lambda';
import { STEP_FUNCTIONS, type StepSubstitution } from '../../functions/api/routes.ts';
import type { WorkflowPort } from '../../functions/adapters/workflow.ts';
import { logger } from '../../functions/shared/logger.ts';
import {
  childMachineName,
  type ChildWorkflow,
  childWorkflowsOf,
  isChildWorkflow,
  readProductWorkflow,
  type WorkflowDefinitions,
} from '../../workflows/definitions.ts';
import { workflowVersionOf } from '../../workflows/version.ts';
import { WaitDeadlines } from './wait-deadlines.ts';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ASL_PATH = fileURLToPath(new URL('../../workflows/retirement-case.asl.json', import.meta.url));
const WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const START_CHILD_AND_WAIT = 'arn:aws:states:::states:startExecution.sync:2';
const TOKEN_PLACEHOLDER = 'local-task-token';
/** Once this state has run, the execution only ends (its Fail state): a retry may wait for that. */
const LAST_TASK_OF_FAILED = 'MarkNeedsAttention';
/** Where the override finds a wait's TimeoutSecondsPath value: a Parameters key of the local copy only. */
const LOCAL_TIMEOUT_KEY = 'LocalTimeoutSeconds';
/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer wait is timed in steps of this. */
const MAX_TIMER_MS = 2_147_483_647;

type StepHandler = (event: unknown, context: Context) => Promise<unknown>;
type TaskDefinition = {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string; StateMachineArn?: string; [key: string]: unknown };
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: { IntervalSeconds?: number; MaxDelaySeconds?: number }[];
  Branches?: { States: Record<string, TaskDefinition> }[];
};

/** What Step Functions throws when a state outlives its TimeoutSeconds; the ASL's Catch matches it by name. */
function waitTimedOut(state: string): Error {
  const err = new Error(`${state} timed out`);
  err.name = 'States.Timeout';
  return err;
}

/** A TimeoutSecondsPath value as Step Functions takes it: a positive integer of seconds, else the execution fails. */
function timeoutFromPath(state: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    const err = new Error(`${state}: TimeoutSecondsPath gave ${JSON.stringify(value)}, not a positive integer`);
    err.name = 'States.Runtime';
    throw err;
  }
  return value * 1000;
}

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

/** Every Task state that starts a child workflow and waits for it, with the child it starts. */
function childTaskStates(states: Record<string, TaskDefinition>, out = new Map<string, ChildWorkflow>()) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Parallel') for (const b of state.Branches!) childTaskStates(b.States, out);
    if (state.Type !== 'Task' || state.Resource !== START_CHILD_AND_WAIT) continue;
    const m = /^\$\{(\w+)\}$/.exec(state.Parameters?.StateMachineArn ?? '');
    if (!m?.[1] || !isChildWorkflow(m[1])) throw new Error(`state ${name}: unknown child workflow ${state.Parameters?.StateMachineArn}`);
    out.set(name, m[1]);
  }
  return out;
}

/** Every Task state that invokes a step function, including those inside Parallel branches, with the substitution it invokes. */
function taskStates(
  states: Record<string, TaskDefinition>,
  out = new Map<string, { substitution: StepSubstitution; waitsForToken: boolean; timeoutSeconds?: number; timeoutSecondsPath?: string }>(),
) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Parallel') for (const b of state.Branches!) taskStates(b.States, out);
    if (state.Type !== 'Task' || state.Resource === START_CHILD_AND_WAIT) continue;
    const waits = state.Resource === WAIT_FOR_TOKEN;
    const ref = waits ? state.Parameters!.FunctionName! : state.Resource!;
    const m = /^\$\{(\w+)\}$/.exec(ref);
    if (!m?.[1] || !(m[1] in STEP_FUNCTIONS)) throw new Error(`state ${name}: unknown resource ${ref}`);
    out.set(name, {
      substitution: m[1] as StepSubstitution,
      waitsForToken: waits,
      timeoutSeconds: state.TimeoutSeconds,
      timeoutSecondsPath: state.TimeoutSecondsPath,
    });
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
interface CompiledMachine {
  machine: StateMachine;
  tasks: ReturnType<typeof taskStates>;
  /** Task states that start a child workflow and wait for it (startExecution.sync:2). */
  childTasks: Map<string, ChildWorkflow>;
}
interface VersionedMachine extends CompiledMachine {
  /** The Express workflows this version starts, compiled from the texts kept with it. */
  children: Map<ChildWorkflow, CompiledMachine>;
}

/** A child run as Step Functions' `.sync:2` hands it back: DescribeExecution's fields, its output parsed. */
interface ChildResult {
  ExecutionArn: string;
  Name: string;
  StateMachineArn: string;
  Status: 'SUCCEEDED';
  StartDate: string;
  StopDate: string;
  Output: unknown;
}

/**
 * What the parent's Task fails with when its child did not succeed, as on Step Functions: States.TaskFailed,
 * its cause the child execution's description (status, and the child's own error and cause).
 */
function childFailed(execution: Omit<ChildResult, 'Status' | 'Output' | 'StopDate'>, err: Error): Error {
  const out = new Error(JSON.stringify({ ...execution, Status: 'FAILED', StopDate: new Date().toISOString(), Error: err.name, Cause: err.message }));
  out.name = 'States.TaskFailed';
  return out;
}

export class LocalWorkflowEngine implements WorkflowPort {
  /** The version new cases start on: the definition this process was started with. */
  readonly version: string;
  private readonly machines = new Map<string, VersionedMachine>();
  private readonly definitionsDir?: string;
  private readonly waitTimeoutSeconds?: number;
  private readonly retryTimeScale?: number;
  private readonly handlers = new Map<StepSubstitution, Promise<StepHandler>>();
  private readonly waiting = new Map<string, (output: unknown) => void>();
  private readonly running = new Map<string, { done: Promise<unknown>; abort: () => void; ending?: boolean }>();
  /** Child executions under way, aborted with their parents at stop. */
  private readonly runningChildren = new Set<() => void>();
  private readonly retryIntervalMs?: number;
  private readonly injectedFailures = new Map<string, number>();
  private readonly deadlines: WaitDeadlines;
  private refusedStarts = 0;
  private stopped = false;
  onTaskTiming?: (t: TaskTiming) => void;
  /** Called with what each Task hands back to the workflow: the payload Step Functions would log and keep. */
  onTaskOutput?: (t: { caseNumber: string; state: string; output: unknown }) => void;
  /** Called with the execution name each time an execution really starts (tests count them). */
  onExecutionStart?: (name: string) => void;
  /** Called each time an execution enters a state: what Step Functions Standard bills as a state transition. */
  onStateEntered?: (execution: string, state: string) => void;
  /** Called when a child (Express) execution ends: Express bills it as one request and its duration. */
  onChildExecution?: (t: { child: ChildWorkflow; caseNumber: string; durationMs: number; statesEntered: number }) => void;

  /**
   * `dataDir`: every definition this engine has run is kept there by version (`workflows/<version>.asl.json`),
   * so a case resumed after a restart runs on the definition it started on, as Step Functions keeps an
   * execution's definition to its end. `aslPath` replaces the product's workflow (tests of a new version).
   */
  constructor(opts: { retryIntervalMs?: number; retryTimeScale?: number; waitTimeoutSeconds?: number; dataDir?: string; aslPath?: string } = {}) {
    const definitions = readProductWorkflow(PROJECT_ROOT, opts.aslPath ?? ASL_PATH);
    this.version = workflowVersionOf(definitions.definition, definitions.children);
    this.waitTimeoutSeconds = opts.waitTimeoutSeconds;
    this.retryTimeScale = opts.retryTimeScale;
    this.retryIntervalMs = opts.retryIntervalMs;
    this.deadlines = new WaitDeadlines(opts.dataDir);
    if (opts.dataDir) {
      this.definitionsDir = join(opts.dataDir, 'workflows');
      mkdirSync(this.definitionsDir, { recursive: true, mode: 0o700 });
      for (const [file, text] of this.keptFiles(this.version, definitions)) if (!existsSync(file)) writeFileSync(file, text, { mode: 0o600 });
    }
    this.machines.set(this.version, this.compileVersion(definitions));
  }

  /** Where a version's texts are kept: the case workflow as `<version>.asl.json`, each child beside it. */
  private keptFiles(version: string, definitions: WorkflowDefinitions): [string, string][] {
    const dir = this.definitionsDir!;
    return [
      [join(dir, `${version}.asl.json`), definitions.definition],
      ...Object.entries(definitions.children).map(([child, text]): [string, string] => [join(dir, `${version}.${child}.asl.json`), text!]),
    ];
  }

  private compileVersion(definitions: WorkflowDefinitions): VersionedMachine {
    const children = new Map<ChildWorkflow, CompiledMachine>();
    for (const [child, text] of Object.entries(definitions.children) as [ChildWorkflow, string][]) children.set(child, this.compile(text));
    return { ...this.compile(definitions.definition), children };
  }

  /** Built once per version: validating a definition is the expensive part. */
  private compile(definition: string): CompiledMachine {
    const states = (JSON.parse(definition) as { States: Record<string, TaskDefinition> }).States;
    const tasks = taskStates(states);
    const childTasks = childTaskStates(states);
    const substituted = JSON.parse(
      definition.replace(/\$\{(\w+)\}/g, (_, name: string) =>
        isChildWorkflow(name)
          ? `arn:aws:states:cn-north-1:000000000000:stateMachine:${childMachineName(name)}`
          : `arn:aws:lambda:cn-north-1:000000000000:function:${name}`,
      ),
    ) as {
      States: Record<string, TaskDefinition>;
    };
    for (const [name, task] of tasks) {
      // A wait without a timeout waits for its person as long as it takes, as on Step Functions.
      if (!task.waitsForToken || (task.timeoutSeconds === undefined && task.timeoutSecondsPath === undefined)) continue;
      const state = substituted.States[name];
      if (this.waitTimeoutSeconds !== undefined) {
        task.timeoutSeconds = this.waitTimeoutSeconds;
        task.timeoutSecondsPath = undefined;
      }
      if (!state) continue;
      // The override keeps the wait's deadline across restarts and times it out itself; the interpreter's
      // own timer (it starts afresh with each run) only backs it up, a minute later than the wait. A wait
      // whose timeout is read from the input (TimeoutSecondsPath) gets that value handed to the override
      // as a parameter, and a backup as long as a timer may be: if it fires first (a wait over 24 days),
      // the wait wakes early, and its next step finds the deadline not yet passed and waits again.
      if (task.timeoutSecondsPath !== undefined) {
        state.Parameters = { ...state.Parameters, [`${LOCAL_TIMEOUT_KEY}.$`]: task.timeoutSecondsPath };
        delete state.TimeoutSecondsPath;
        state.TimeoutSeconds = Math.floor(MAX_TIMER_MS / 1000);
      } else {
        delete state.TimeoutSecondsPath;
        state.TimeoutSeconds = task.timeoutSeconds! + 60;
      }
    }
    if (this.retryTimeScale !== undefined) scaleRetries(substituted.States, this.retryTimeScale);
    return { machine: new StateMachine(substituted as unknown as ConstructorParameters<typeof StateMachine>[0]), tasks, childTasks };
  }

  /** The machine of a version this engine has run; an unknown version is refused, never silently replaced. */
  private machineFor(version: string): VersionedMachine {
    const known = this.machines.get(version);
    if (known) return known;
    const file = this.definitionsDir && join(this.definitionsDir, `${version}.asl.json`);
    if (!file || !existsSync(file)) throw new Error(`workflow version ${version} is not kept under ${this.definitionsDir ?? '(no data directory)'}`);
    const definition = readFileSync(file, 'utf8');
    const children: WorkflowDefinitions['children'] = {};
    for (const child of childWorkflowsOf(definition)) children[child] = readFileSync(join(this.definitionsDir!, `${version}.${child}.asl.json`), 'utf8');
    if (workflowVersionOf(definition, children) !== version) throw new Error(`workflow version ${version}: the kept definition does not match its hash`);
    const compiled = this.compileVersion({ definition, children });
    this.machines.set(version, compiled);
    return compiled;
  }

  private handler(substitution: StepSubstitution): Promise<StepHandler> {
    let h = this.handlers.get(substitution);
    if (!h) {
      h = import(`../../functions/steps/${STEP_FUNCTIONS[substitution]}.ts`).then((m: { handler: StepHandler }) => m.handler);
      this.handlers.set(substitution, h);
    }
    return h;
  }

  /**
   * `.sync:2` of a child workflow, emulated: the child's machine runs to its end with the same step
   * overrides, and its output comes back parsed, as Step Functions hands back DescribeExecution. A child
   * that fails fails this Task with States.TaskFailed, so the parent's Retry and Catch decide.
   */
  private childOverride(state: string, child: ChildWorkflow, version: VersionedMachine) {
    return async (input: unknown): Promise<ChildResult> => {
      this.throwIfInjected(state);
      const compiled = version.children.get(child);
      if (!compiled) throw new Error(`state ${state}: child workflow ${child} is not part of this version`);
      const childInput = (input as { Input: Record<string, unknown> }).Input;
      const caseNumber = String(childInput.caseNumber ?? '');
      const name = `${caseNumber}-${randomUUID()}`;
      const arn = `arn:aws:states:cn-north-1:000000000000:stateMachine:${childMachineName(child)}`;
      const started = new Date();
      const execution = compiled.machine.run(childInput as Parameters<StateMachine['run']>[0], {
        overrides: {
          taskResourceLocalHandlers: this.overrides(compiled.tasks) as unknown as TaskStateResourceLocalHandler,
          ...(this.retryIntervalMs !== undefined ? { retryIntervalOverrides: this.retryOverrides(compiled.tasks) } : {}),
        },
        context: {
          Execution: { Id: `local:express:${name}`, Name: name, Input: childInput as Parameters<StateMachine['run']>[0], StartTime: started.toISOString() },
          Task: { Token: TOKEN_PLACEHOLDER },
        },
      });
      let statesEntered = 0;
      const counted = (async () => {
        try {
          for await (const e of execution.eventLogs as AsyncGenerator<{ type: string }>) if (e.type === 'StateEntered') statesEntered++;
        } catch {
          // Aborted: nothing more to count.
        }
      })();
      this.runningChildren.add(execution.abort);
      const described = {
        ExecutionArn: `${arn.replace(':stateMachine:', ':express:')}:${name}`,
        Name: name,
        StateMachineArn: arn,
        StartDate: started.toISOString(),
      };
      try {
        const output = await execution.result;
        return { ...described, Status: 'SUCCEEDED', StopDate: new Date().toISOString(), Output: output };
      } catch (err) {
        // The interpreter wraps what failed the execution in its ExecutionError; the description names the failure itself.
        const failure = err instanceof Error && err.name === 'ExecutionError' && err.cause instanceof Error ? err.cause : (err as Error);
        throw childFailed(described, failure);
      } finally {
        this.runningChildren.delete(execution.abort);
        await counted;
        this.onChildExecution?.({ child, caseNumber, durationMs: Date.now() - started.getTime(), statesEntered });
      }
    };
  }

  private overrides(tasks: CompiledMachine['tasks'], version?: VersionedMachine): Record<string, (input: unknown) => Promise<unknown>> {
    const out: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [state, child] of version?.childTasks ?? []) out[state] = this.childOverride(state, child, version!);
    for (const [state, task] of tasks) {
      const fn = STEP_FUNCTIONS[task.substitution];
      out[state] = async (input) => {
        this.throwIfInjected(state);
        const handler = await this.handler(task.substitution);
        if (!task.waitsForToken) {
          const startedAt = Date.now();
          const result = await asFunction(`steps/${fn}`, () => handler(input, lambdaContext(fn)));
          const caseNumber = (input as { caseNumber: string }).caseNumber;
          this.onTaskTiming?.({ caseNumber, state, startedAt, endedAt: Date.now() });
          this.onTaskOutput?.({ caseNumber, state, output: result });
          const run = this.running.get(caseNumber);
          if (state === LAST_TASK_OF_FAILED && run) run.ending = true;
          return result;
        }
        const { Payload: payload, [LOCAL_TIMEOUT_KEY]: fromPath } = input as { Payload: Record<string, unknown>; [LOCAL_TIMEOUT_KEY]?: unknown };
        const caseNumber = (payload.caseNumber as string) ?? '';
        const token = `${randomUUID()}.${caseNumber}`;
        const timeoutMs =
          task.timeoutSecondsPath !== undefined ? timeoutFromPath(state, fromPath) : task.timeoutSeconds === undefined ? undefined : task.timeoutSeconds * 1000;
        const deadline = timeoutMs === undefined ? undefined : this.deadlines.begin(caseNumber, state, timeoutMs);
        let timer: NodeJS.Timeout | undefined;
        const resumed = new Promise((resolve, reject) => {
          this.waiting.set(token, resolve);
          if (deadline === undefined) return;
          const arm = () => {
            const left = deadline - Date.now();
            if (left <= 0) return reject(waitTimedOut(state));
            timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
            timer.unref();
          };
          arm();
        }).finally(() => {
          // Signalled or timed out, the wait is over: the token resumes nothing any more, as on Step Functions.
          clearTimeout(timer);
          this.waiting.delete(token);
          if (deadline !== undefined) this.deadlines.end(caseNumber, state);
        });
        // A timeout may come while the handler still runs (or after it threw): handled here, awaited below.
        resumed.catch(() => undefined);
        await asFunction(`steps/${fn}`, () => handler({ ...payload, taskToken: token }, lambdaContext(fn)));
        const output = await resumed;
        this.onTaskOutput?.({ caseNumber, state, output });
        return output;
      };
    }
    return out;
  }

  /**
   * Test hook: the next `times` runs of `state` throw `InjectedFailure`, which no Retry matches, so the
   * state's Catch applies at once — a persistent failure without corrupting anything.
   */
  failState(state: string, times = 1): void {
    const version = this.machineFor(this.version);
    const known = [version, ...version.children.values()].some((m) => m.tasks.has(state) || m.childTasks.has(state));
    if (!known) throw new Error(`no Task state ${state}`);
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
   * `opts.version`: the workflow version the case started on (it runs on that definition to its end);
   * this engine's own version by default.
   */
  async startCase(caseNumber: string, input: Record<string, unknown>, opts: { retry?: number; version?: string } = {}): Promise<void> {
    const current = this.running.get(caseNumber);
    if (current?.ending && opts.retry !== undefined) await current.done;
    if (this.stopped || this.running.has(caseNumber)) return;
    if (this.refusedStarts > 0) {
      this.refusedStarts--;
      throw new Error(`injected: the execution of ${caseNumber} was not started`);
    }
    const name = opts.retry === undefined ? caseNumber : `${caseNumber}-retry-${opts.retry}`;
    const version = this.machineFor(opts.version ?? this.version);
    const { machine, tasks } = version;
    this.onExecutionStart?.(name);
    const execution = machine.run(input as Parameters<StateMachine['run']>[0], {
      overrides: {
        taskResourceLocalHandlers: this.overrides(tasks, version) as unknown as TaskStateResourceLocalHandler,
        ...(this.retryIntervalMs !== undefined ? { retryIntervalOverrides: this.retryOverrides(tasks, version.childTasks) } : {}),
      },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: `local:${name}`, Name: name, Input: input as Parameters<StateMachine['run']>[0], StartTime: new Date().toISOString() },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    if (this.onStateEntered) void this.countTransitions(name, execution.eventLogs);
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

  private async countTransitions(name: string, events: AsyncGenerator<{ type: string; state?: { name: string } }>): Promise<void> {
    try {
      for await (const e of events) if (e.type === 'StateEntered' && e.state) this.onStateEntered?.(name, e.state.name);
    } catch {
      // The execution was aborted (stop): nothing more to count.
    }
  }

  private retryOverrides(tasks: CompiledMachine['tasks'], childTasks: CompiledMachine['childTasks'] = new Map()): Record<string, number> {
    return Object.fromEntries([...tasks.keys(), ...childTasks.keys()].map((s) => [s, this.retryIntervalMs!]));
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
    for (const abort of this.runningChildren) abort();
    this.runningChildren.clear();
  }
}
