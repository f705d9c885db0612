import { beforeAll, describe, expect, it } from 'vitest';
import { STEP_FUNCTIONS } from '../../functions/api/routes.ts';
import { PARTITION_PLACEHOLDER, STATE_MACHINE_NAME } from '../../infra/aws/workflow.ts';
import { asArray, cfnText, logicalId, refId, roleStatements, synth, type Resource, type Synth } from './support/synth.ts';

interface State {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Retry?: Array<{ ErrorEquals: string[]; JitterStrategy?: string }>;
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Branches?: Array<{ StartAt: string; States: Record<string, State> }>;
}

let s: Synth;
let machine: Resource;
let states: Record<string, State>;
/** `${Placeholder}` → logical id of the function substituted for it. */
let substitutedBy: Record<string, string>;

/** Every state, branches included, with its name. */
function allStates(map: Record<string, State>): Array<[string, State]> {
  return Object.entries(map).flatMap(([name, st]) => [[name, st] as [string, State], ...(st.Branches ?? []).flatMap((b) => allStates(b.States))]);
}

/** Logical id of the Lambda a Task invokes, directly or through lambda:invoke(.waitForTaskToken). */
function invokedFunction(st: State): string {
  const target = st.Resource!.includes(':states:::lambda:invoke') ? String(st.Parameters?.FunctionName) : st.Resource!;
  const m = /^\$\{(\w+)\}$/.exec(target);
  if (!m) throw new Error(`Task target ${target} is not a substitution`);
  return substitutedBy[m[1]!]!;
}

// Tasks invoke each step's `live` alias (a published version), never the function's $LATEST.
const stepFn = (module: string): string => logicalId(s.stack.functions.stepsLive.get(module)!);

beforeAll(() => {
  s = synth();
  const [found] = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  machine = found!;
  states = JSON.parse(cfnText(machine.Properties.DefinitionString)).States;
  substitutedBy = Object.fromEntries(
    Object.entries(machine.Properties.DefinitionSubstitutions as Record<string, unknown>).map(([k, v]) => [k, refId(v) ?? JSON.stringify(v)]),
  );
});

describe('retirement case state machine', () => {
  it('is the STANDARD workflow with its fixed name, all-event logging without execution data, and X-Ray tracing', () => {
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    expect(machine.Properties.StateMachineName).toBe(STATE_MACHINE_NAME);
    expect(machine.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(machine.Properties.LoggingConfiguration.IncludeExecutionData).toBe(false);
    expect(asArray(machine.Properties.LoggingConfiguration.Destinations)).toHaveLength(1);
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('logs into a group encrypted with a rotated key of its own, which only CloudWatch Logs for that group may use', () => {
    const groups = Object.values(s.json.Resources).filter(
      (r) => r.Type === 'AWS::Logs::LogGroup' && JSON.stringify(r.Properties.LogGroupName ?? '').includes('vendedlogs/states'),
    );
    expect(groups).toHaveLength(1);
    const keyId = refId(groups[0]!.Properties.KmsKeyId);
    expect(keyId).toBeDefined();
    const key = s.json.Resources[keyId!]!;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const logs = key.Properties.KeyPolicy.Statement.filter((st: any) => JSON.stringify(st.Principal ?? {}).includes('logs.'));
    expect(logs).toHaveLength(1);
    expect(JSON.stringify(logs[0].Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(JSON.stringify(logs[0].Condition)).toContain(`log-group:/aws/vendedlogs/states/${STATE_MACHINE_NAME}`);
  });

  it('substitutes every STEP_FUNCTIONS placeholder with the ARN of that step module, and the partition', () => {
    expect(Object.keys(substitutedBy).sort()).toEqual([...Object.keys(STEP_FUNCTIONS), PARTITION_PLACEHOLDER].sort());
    for (const [placeholder, module] of Object.entries(STEP_FUNCTIONS)) {
      expect(substitutedBy[placeholder], placeholder).toBe(stepFn(module));
    }
    expect(machine.Properties.DefinitionSubstitutions[PARTITION_PLACEHOLDER]).toEqual({ Ref: 'AWS::Partition' });
  });

  it('names service integrations with the substituted partition (arn:aws-cn in China regions)', () => {
    const text = cfnText(machine.Properties.DefinitionString);
    expect(text).not.toContain('arn:aws:states:::');
    expect(text).toContain(`arn:\${${PARTITION_PLACEHOLDER}}:states:::lambda:invoke.waitForTaskToken`);
  });

  it('asks the five departments (卫健 where the city takes part) in one Parallel state, each with jittered Retry and a Catch', () => {
    const parallels = allStates(states).filter(([, st]) => st.Type === 'Parallel');
    expect(parallels).toHaveLength(1);
    const [, parallel] = parallels[0]!;
    expect(parallel.Branches).toHaveLength(5);
    const firstTasks = parallel.Branches!.map((b) => b.States[b.StartAt]!);
    expect(firstTasks.map((t) => t.Type)).toEqual(['Task', 'Task', 'Task', 'Task', 'Task']);
    expect(new Set(firstTasks.map(invokedFunction))).toEqual(
      new Set(['check-hr', 'check-tax', 'check-medical', 'check-housing-fund', 'check-health'].map(stepFn)),
    );
    for (const task of firstTasks) {
      expect(task.Retry?.length).toBeGreaterThan(0);
      expect(task.Retry!.every((r) => r.JitterStrategy === 'FULL')).toBe(true);
      expect(task.Catch?.length).toBeGreaterThan(0);
      // The Catch keeps the case alive: it leads to recording the department as unavailable.
      const handler = task.Catch![0]!.Next;
      expect(invokedFunction(parallel.Branches!.find((b) => b.States[handler])!.States[handler]!)).toBe(stepFn('record-unavailable'));
    }
  });

  it('bounds every Task with TimeoutSeconds or TimeoutSecondsPath', () => {
    const tasks = allStates(states).filter(([, st]) => st.Type === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(Object.keys(STEP_FUNCTIONS).length);
    const unbounded = tasks.filter(([, st]) => st.TimeoutSeconds === undefined && st.TimeoutSecondsPath === undefined).map(([n]) => n);
    expect(unbounded).toEqual([]);
  });

  it('invokes every step function and only those', () => {
    const invoked = new Set(
      allStates(states)
        .filter(([, st]) => st.Type === 'Task')
        .map(([, st]) => invokedFunction(st)),
    );
    expect(invoked).toEqual(new Set(Object.values(STEP_FUNCTIONS).map(stepFn)));
  });

  it('lets the state machine role invoke exactly the step functions', () => {
    const role = refId(machine.Properties.RoleArn)!;
    const invokeStatements = roleStatements(s.json).filter(({ statement }) => asArray(statement.Action).some((a) => a.startsWith('lambda:')));
    expect(invokeStatements.every(({ roles }) => roles.length === 1 && roles[0] === role)).toBe(true);
    const resources = invokeStatements.flatMap(({ statement }) => asArray(statement.Resource).map((r) => refId(r) ?? JSON.stringify(r)));
    expect(new Set(resources)).toEqual(new Set(Object.values(STEP_FUNCTIONS).map(stepFn)));
    expect(invokeStatements.flatMap(({ statement }) => asArray(statement.Action))).toEqual(['lambda:InvokeFunction']);
  });

  it('publishes a version of every step function and points its live alias at it', () => {
    for (const module of Object.values(STEP_FUNCTIONS)) {
      const alias = s.json.Resources[stepFn(module)]!;
      expect(alias.Type, module).toBe('AWS::Lambda::Alias');
      expect(alias.Properties.Name).toBe('live');
      const version = s.json.Resources[refId(alias.Properties.FunctionVersion)!]!;
      expect(version.Type, module).toBe('AWS::Lambda::Version');
      expect(refId(version.Properties.FunctionName)).toBe(logicalId(s.stack.functions.steps.get(module)!));
    }
  });

  it('publishes a state machine version tagged with the workflow version, and new cases start on its live alias', () => {
    const [[, version]] = Object.entries(s.json.Resources).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachineVersion') as [[string, any]];
    expect(version.Properties.Description).toMatch(/^workflow [0-9a-f]{16}$/);
    const aliases = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachineAlias');
    expect(aliases).toHaveLength(1);
    expect(aliases[0]!.Properties.Name).toBe('live');
    expect(aliases[0]!.Properties.RoutingConfiguration).toHaveLength(1);
    const booking = s.json.Resources[logicalId(s.stack.functions.api.get('create-booking')!)]!;
    const env = booking.Properties.Environment.Variables;
    expect(cfnText(env.STATE_MACHINE_ARN)).toMatch(/:live$/);
    expect(env.WORKFLOW_VERSION).toBe(version.Properties.Description.replace('workflow ', ''));
  });
});
