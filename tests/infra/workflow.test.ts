import { beforeAll, describe, expect, it } from 'vitest';
import { STEP_FUNCTIONS } from '../../functions/api/routes.ts';
import { PARTITION_PLACEHOLDER, STATE_MACHINE_NAME } from '../../infra/aws/workflow.ts';
import { readFileSync } from 'node:fs';
import { CHILD_WORKFLOWS, RETAINED_WORKFLOWS, RETIRED_CHILD_WORKFLOWS } from '../../workflows/definitions.ts';
import { asArray, cfnText, logicalId, refId, roleStatements, synth, type Resource, type Synth } from './support/synth.ts';

interface State {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Retry?: Array<{ ErrorEquals: string[]; JitterStrategy?: string; MaxAttempts?: number }>;
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Branches?: Array<{ StartAt: string; States: Record<string, State> }>;
}

const STEPS = CHILD_WORKFLOWS.CaseStepsStateMachineArn;
const RETIRED = RETIRED_CHILD_WORKFLOWS.DepartmentChecksStateMachineArn;
/** The released version of 2026-12-06, retained until 2027-12-07: deployed within that time, and after it. */
const RETAINED = RETAINED_WORKFLOWS[0];
const WHILE_RETAINED = '2026-12-08';
const AFTER_RETAINED = '2027-12-07';
const retainedStates = JSON.parse(readFileSync(new URL(`../../${RETAINED.file}`, import.meta.url), 'utf8')).States as Record<string, State>;
let s: Synth;
let retiredMachine: Resource;
let machine: Resource;
let stepsMachine: Resource;
let states: Record<string, State>;
let stepStates: Record<string, State>;
/** `${Placeholder}` → logical id of what is substituted for it, in either machine. */
let substitutedBy: Record<string, string>;

/** Every state, branches included, with its name. */
function allStates(map: Record<string, State>): Array<[string, State]> {
  return Object.entries(map).flatMap(([name, st]) => [[name, st] as [string, State], ...(st.Branches ?? []).flatMap((b) => allStates(b.States))]);
}
const bothMachines = (): Array<[string, State]> => [...allStates(states), ...allStates(stepStates)];
const lambdaTasks = (list: Array<[string, State]>) => list.filter(([, st]) => st.Type === 'Task' && !st.Resource!.includes(':states:::states:'));

/** Logical id of the Lambda a Task invokes, directly or through lambda:invoke(.waitForTaskToken). */
function invokedFunction(st: State): string {
  const target = st.Resource!.includes(':states:::lambda:invoke') ? String(st.Parameters?.FunctionName) : st.Resource!;
  const m = /^\$\{(\w+)\}$/.exec(target);
  if (!m) throw new Error(`Task target ${target} is not a substitution`);
  // A step only a retained version invokes is substituted in no machine deployed now: its function is the one of its module.
  return substitutedBy[m[1]!] ?? stepFn(STEP_FUNCTIONS[m[1] as keyof typeof STEP_FUNCTIONS]);
}

// Tasks invoke each step's `live` alias (a published version), never the function's $LATEST.
const stepFn = (module: string): string => logicalId(s.stack.functions.stepsLive.get(module)!);
const substitutions = (m: Resource) =>
  Object.fromEntries(Object.entries(m.Properties.DefinitionSubstitutions as Record<string, unknown>).map(([k, v]) => [k, refId(v) ?? JSON.stringify(v)]));
/** The logical id of a resource of the synthesized template. */
const idOf = (resource: Resource): string => Object.entries(s.json.Resources).find(([, r]) => r === resource)![0];
const invokeResources = (role: string) =>
  roleStatements(s.json)
    .filter(({ roles, statement }) => roles.includes(role) && asArray(statement.Action).some((a) => a.startsWith('lambda:')))
    .flatMap(({ statement }) => asArray(statement.Resource).map((r) => refId(r) ?? JSON.stringify(r)));

beforeAll(() => {
  s = synth({ deployDate: WHILE_RETAINED });
  const machines = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  expect(machines).toHaveLength(3);
  retiredMachine = machines.find((m) => m.Properties.StateMachineName === RETIRED.name)!;
  machine = machines.find((m) => m.Properties.StateMachineName === STATE_MACHINE_NAME)!;
  stepsMachine = machines.find((m) => m.Properties.StateMachineName === STEPS.name)!;
  states = JSON.parse(cfnText(machine.Properties.DefinitionString)).States;
  stepStates = JSON.parse(cfnText(stepsMachine.Properties.DefinitionString)).States;
  substitutedBy = { ...substitutions(stepsMachine), ...substitutions(machine) };
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

  it('runs the machine work between two waits as an EXPRESS workflow, logged (its only history) without execution data, and traced', () => {
    expect(stepsMachine.Properties.StateMachineType).toBe('EXPRESS');
    expect(stepsMachine.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(stepsMachine.Properties.LoggingConfiguration.IncludeExecutionData).toBe(false);
    expect(stepsMachine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(JSON.parse(cfnText(stepsMachine.Properties.DefinitionString)).TimeoutSeconds).toBeLessThanOrEqual(300);
  });

  it('logs each machine into a group of its own, encrypted with one rotated key which only CloudWatch Logs for those groups may use', () => {
    const groups = Object.values(s.json.Resources).filter(
      (r) => r.Type === 'AWS::Logs::LogGroup' && JSON.stringify(r.Properties.LogGroupName ?? '').includes('vendedlogs/states'),
    );
    expect(groups.map((g) => g.Properties.LogGroupName).sort()).toEqual(
      [`/aws/vendedlogs/states/${STEPS.name}`, `/aws/vendedlogs/states/${RETIRED.name}`, `/aws/vendedlogs/states/${STATE_MACHINE_NAME}`].sort(),
    );
    const keyIds = new Set(groups.map((g) => refId(g.Properties.KmsKeyId)));
    expect(keyIds.size).toBe(1);
    const key = s.json.Resources[[...keyIds][0]!]!;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const logs = key.Properties.KeyPolicy.Statement.filter((st: any) => JSON.stringify(st.Principal ?? {}).includes('logs.'));
    expect(logs).toHaveLength(1);
    const condition = JSON.stringify(logs[0].Condition);
    expect(condition).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(condition).toContain(`log-group:/aws/vendedlogs/states/${STATE_MACHINE_NAME}`);
    expect(condition).toContain(`log-group:/aws/vendedlogs/states/${STEPS.name}`);
  });

  it('substitutes every STEP_FUNCTIONS placeholder the current texts name with the ARN of that step module, the partition, and the case steps’ published version', () => {
    const all = [...new Set([...Object.keys(substitutions(machine)), ...Object.keys(substitutions(stepsMachine))])].sort();
    // Notify: the seal completes the case now; only the retained 2026-12-06 version still invokes it.
    const current = Object.entries(STEP_FUNCTIONS).filter(([placeholder]) => placeholder !== 'NotifyFunctionArn');
    expect(all).toEqual([...current.map(([p]) => p), PARTITION_PLACEHOLDER, 'CaseStepsStateMachineArn'].sort());
    for (const [placeholder, module] of current) {
      expect(substitutedBy[placeholder], placeholder).toBe(stepFn(module));
    }
    expect(machine.Properties.DefinitionSubstitutions[PARTITION_PLACEHOLDER]).toEqual({ Ref: 'AWS::Partition' });
    const stepsVersion = s.json.Resources[substitutedBy.CaseStepsStateMachineArn!]!;
    expect(stepsVersion.Type).toBe('AWS::StepFunctions::StateMachineVersion');
    expect(refId(stepsVersion.Properties.StateMachineArn)).toBe(idOf(stepsMachine));
  });

  it('names service integrations with the substituted partition (arn:aws-cn in China regions)', () => {
    const text = cfnText(machine.Properties.DefinitionString);
    expect(text).not.toContain('arn:aws:states:::');
    expect(text).toContain(`arn:\${${PARTITION_PLACEHOLDER}}:states:::lambda:invoke.waitForTaskToken`);
    expect(text).toContain(`arn:\${${PARTITION_PLACEHOLDER}}:states:::states:startExecution.sync:2`);
  });

  it('asks the five departments (卫健 where the city takes part) in one Parallel state of the case-steps workflow, each with a jittered Retry', () => {
    const parallels = allStates(stepStates).filter(([, st]) => st.Type === 'Parallel');
    expect(parallels).toHaveLength(1);
    expect(allStates(states).filter(([, st]) => st.Type === 'Parallel')).toEqual([]);
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
    }
  });

  it('awaits the case steps from RunCase and Conclude, runs a failed run again, and then hands the silent departments to a person', () => {
    for (const name of ['RunCase', 'Conclude']) {
      const task = states[name]!;
      expect(task.Type).toBe('Task');
      expect(task.Resource).toContain(':states:::states:startExecution.sync:2');
      expect(task.Parameters?.StateMachineArn).toMatch(/^\$\{CaseStepsStateMachineArn\}$/);
      const rerun = task.Retry!.find((r) => r.ErrorEquals.includes('States.TaskFailed'))!;
      expect(rerun.MaxAttempts).toBeGreaterThanOrEqual(1);
      expect(rerun.JitterStrategy).toBe('FULL');
    }
    const handler = states.RunCase!.Catch![0]!;
    expect(handler.ErrorEquals).toContain('States.TaskFailed');
    expect(invokedFunction(states[handler.Next]!)).toBe(stepFn('record-unavailable'));
  });

  it('bounds every Task with TimeoutSeconds or TimeoutSecondsPath', () => {
    const tasks = bothMachines().filter(([, st]) => st.Type === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(Object.keys(STEP_FUNCTIONS).length);
    const unbounded = tasks.filter(([, st]) => st.TimeoutSeconds === undefined && st.TimeoutSecondsPath === undefined).map(([n]) => n);
    expect(unbounded).toEqual([]);
  });

  it('invokes every step function and only those, across the two machines and the retained version', () => {
    const invoked = new Set(lambdaTasks([...bothMachines(), ...allStates(retainedStates)]).map(([, st]) => invokedFunction(st)));
    expect(invoked).toEqual(new Set(Object.values(STEP_FUNCTIONS).map(stepFn)));
  });

  it('lets each machine’s role invoke exactly the step functions its own definition names, the case workflow’s also those its retained version does', () => {
    const role = refId(machine.Properties.RoleArn)!;
    const stepsRole = refId(stepsMachine.Properties.RoleArn)!;
    const retiredRole = refId(retiredMachine.Properties.RoleArn)!;
    const invokeStatements = roleStatements(s.json).filter(({ statement }) => asArray(statement.Action).some((a) => a.startsWith('lambda:')));
    expect(invokeStatements.every(({ roles }) => roles.length === 1 && [role, stepsRole, retiredRole].includes(roles[0]!))).toBe(true);
    const own = lambdaTasks(allStates(states)).map(([, st]) => invokedFunction(st));
    const ofRetained = lambdaTasks(allStates(retainedStates)).map(([, st]) => invokedFunction(st));
    expect(ofRetained).toEqual(expect.arrayContaining(['seal', 'notify', 'decide', 'pre-review'].map(stepFn)));
    expect(new Set(invokeResources(role))).toEqual(new Set([...own, ...ofRetained]));
    expect(new Set(invokeResources(stepsRole))).toEqual(new Set(lambdaTasks(allStates(stepStates)).map(([, st]) => invokedFunction(st))));
    const retiredStates = JSON.parse(cfnText(retiredMachine.Properties.DefinitionString)).States as Record<string, State>;
    expect(new Set(invokeResources(retiredRole))).toEqual(new Set(lambdaTasks(allStates(retiredStates)).map(([, st]) => invokedFunction(st))));
    expect(invokeResources(role)).not.toContain(stepFn('check-tax'));
    expect(invokeStatements.flatMap(({ statement }) => asArray(statement.Action))).toEqual([
      'lambda:InvokeFunction',
      'lambda:InvokeFunction',
      'lambda:InvokeFunction',
    ]);
  });

  it('keeps the retired checks workflow deployed, from its kept text, while a retained version may start it', () => {
    expect(retiredMachine.Properties.StateMachineType).toBe('EXPRESS');
    expect(cfnText(retiredMachine.Properties.DefinitionString)).toContain('"AskDepartments"');
    // The same logical id as when it was current: CloudFormation keeps the machine and its versions as they are.
    expect(idOf(retiredMachine)).toMatch(/^WorkflowDepartmentChecksStateMachineArn[0-9A-F]{8}$/);
  });

  it('lets the case workflow start only versions of its children, and watch and stop only their runs', () => {
    const role = refId(machine.Properties.RoleArn)!;
    const mine = roleStatements(s.json).filter(({ roles }) => roles.includes(role));
    const start = mine.filter(({ statement }) => asArray(statement.Action).includes('states:StartExecution'));
    expect(start).toHaveLength(1);
    expect(asArray(start[0]!.statement.Resource).map(cfnText).sort()).toEqual([`{{${idOf(stepsMachine)}}}:*`, `{{${idOf(retiredMachine)}}}:*`].sort());
    const watch = mine.find(({ statement }) => asArray(statement.Action).includes('states:DescribeExecution'))!;
    expect(asArray(watch.statement.Action).sort()).toEqual(['states:DescribeExecution', 'states:StopExecution']);
    const resources = asArray(watch.statement.Resource).map(cfnText);
    expect(resources).toHaveLength(4);
    for (const r of resources) expect(r).toMatch(new RegExp(`:(execution|express):(${STEPS.name}|${RETIRED.name}):\\*$`));
    const rule = mine.find(({ statement }) => asArray(statement.Action).includes('events:PutRule'))!;
    expect(asArray(rule.statement.Resource).map(cfnText)).toEqual([expect.stringMatching(/:rule\/StepFunctionsGetEventsForStepFunctionsExecutionRule$/)]);
    for (const child of [stepsMachine, retiredMachine]) {
      const childRole = refId(child.Properties.RoleArn)!;
      const childMay = roleStatements(s.json)
        .filter(({ roles }) => roles.includes(childRole))
        .flatMap(({ statement }) => asArray(statement.Action));
      expect(childMay.some((a) => a.startsWith('states:'))).toBe(false);
    }
  });

  it('keeps every published child version when the next deployment publishes another (a running case may still start it)', () => {
    const versions = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachineVersion');
    const ofChildren = versions.filter((v) => [stepsMachine, retiredMachine].some((m) => refId(v.Properties.StateMachineArn) === idOf(m)));
    expect(ofChildren).toHaveLength(2);
    for (const v of ofChildren) {
      expect(v.DeletionPolicy).toBe('Retain');
      expect(v.UpdateReplacePolicy).toBe('Retain');
    }
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
    const machineId = idOf(machine);
    const versions = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachineVersion');
    expect(versions).toHaveLength(3);
    const version = versions.find((v) => refId(v.Properties.StateMachineArn) === machineId)!;
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

describe('the case workflow once no released version is retained any more', () => {
  let late: Synth;
  beforeAll(() => {
    late = synth({ deployDate: AFTER_RETAINED });
  });

  it('deploys only the case workflow and the children it starts, and its role invokes only what its own definition names', () => {
    const machines = Object.values(late.json.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    expect(machines.map((m) => m.Properties.StateMachineName).sort()).toEqual([STATE_MACHINE_NAME, STEPS.name].sort());
    const parent = machines.find((m) => m.Properties.StateMachineName === STATE_MACHINE_NAME)!;
    const role = refId(parent.Properties.RoleArn)!;
    const invoked = roleStatements(late.json)
      .filter(({ roles, statement }) => roles.includes(role) && asArray(statement.Action).some((a) => a.startsWith('lambda:')))
      .flatMap(({ statement }) => asArray(statement.Resource).map((r) => refId(r)));
    const lateFn = (module: string) => logicalId(late.stack.functions.stepsLive.get(module)!);
    // The sealing, the messages and the checks run in the case steps; the case workflow may not invoke them.
    expect(new Set(invoked)).toEqual(new Set(['await-signal', 'expire-case', 'record-unavailable', 'mark-needs-attention'].map(lateFn)));
  });
});
