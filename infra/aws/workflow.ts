import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnStateMachineAlias, CfnStateMachineVersion, DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import {
  CASE_WORKFLOW_FILE,
  childMachineName,
  type ChildWorkflow,
  childWorkflowsOf,
  isChildWorkflow,
  readProductWorkflow,
  readRetainedWorkflows,
} from '../../workflows/definitions.ts';
import { workflowVersionOf } from '../../workflows/version.ts';
import { LIVE_ALIAS } from './functions.ts';
import { Construct } from 'constructs';
import { STEP_FUNCTIONS } from '../../functions/api/routes.ts';

export const STATE_MACHINE_NAME = 'retireone-retirement-case';
export const DEFINITION_FILE = CASE_WORKFLOW_FILE;
export const PARTITION_PLACEHOLDER = 'AwsPartition';

/** The version new cases record: the case workflow's text and the Express workflows it starts. */
export function productWorkflowVersion(projectRoot: string): string {
  const { definition, children } = readProductWorkflow(projectRoot);
  return workflowVersionOf(definition, children);
}

/** The ASL names service integrations with the `aws` partition (what the embedded interpreter knows); in the China regions they are arn:aws-cn:states:::…, so the partition is substituted at deploy time. */
const portable = (definition: string) => definition.replaceAll('"arn:aws:states:::', `"arn:\${${PARTITION_PLACEHOLDER}}:states:::`);

const LOGGING = { level: LogLevel.ALL, includeExecutionData: false } as const;

export interface WorkflowProps {
  projectRoot: string;
  /** Step functions by module (functions/steps/<module>.ts). */
  steps: ReadonlyMap<string, IFunction>;
  logRetention: RetentionDays;
  /** The day the deployment is made (YYYY-MM-DD): which released versions are still retained. Today by default. */
  today?: string;
}

/** `${Name}` placeholders of an ASL text. */
export function substitutionNames(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/**
 * The case workflow: the same ASL files the embedded hosting runs, with the function ARNs substituted.
 * Standard (not Express): a case waits days to weeks for people, and each execution name is the case
 * number, so a second start of the same case is refused by Step Functions itself. The machine work of
 * seconds between two waits (the department checks) runs as Express workflows it starts and awaits
 * (`startExecution.sync:2`), each published as a version the case workflow's definition names, so an
 * execution keeps the children it started with as it keeps its own definition.
 */
export class CaseWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** What new executions start on: the `live` alias of the version published by this deployment. */
  readonly liveAlias: CfnStateMachineAlias;
  /** Encrypts the execution logs (customer managed, rotated). */
  readonly logKey: Key;
  /** The Express workflows the case workflow starts, by placeholder. */
  readonly children = new Map<ChildWorkflow, StateMachine>();

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const { definition, children } = readProductWorkflow(props.projectRoot);
    // Every step function is named by the current texts or by a version in RETAINED_WORKFLOWS (Notify: only by the
    // 2026-12-06 one), retained still or not: a step leaves STEP_FUNCTIONS with the last version that names it.
    const everRetained = readRetainedWorkflows(props.projectRoot, '');
    const today = props.today ?? new Date().toISOString().slice(0, 10);
    const retained = everRetained.filter((r) => r.retainedUntil > today);
    const texts = [definition, ...Object.values(children), ...everRetained.flatMap((r) => [r.definition, ...Object.values(r.children)])];
    const expected = Object.keys(STEP_FUNCTIONS).sort();
    const found = [...new Set(texts.flatMap(substitutionNames).filter((n) => !isChildWorkflow(n)))].sort();
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      throw new Error(
        `workflow placeholders ${found.join(',')} differ from STEP_FUNCTIONS ${expected.join(',')} (a step no workflow names any more, current or retained, is to leave STEP_FUNCTIONS)`,
      );
    }
    const stepSubstitutions = (text: string) => {
      const subs: Record<string, string> = { [PARTITION_PLACEHOLDER]: Aws.PARTITION };
      const invoked = new Set<IFunction>();
      for (const placeholder of substitutionNames(text).filter((n) => !isChildWorkflow(n))) {
        const module = STEP_FUNCTIONS[placeholder as keyof typeof STEP_FUNCTIONS];
        const fn = props.steps.get(module);
        if (!fn) throw new Error(`no function for step module ${module}`);
        subs[placeholder] = fn.functionArn;
        invoked.add(fn);
      }
      return { subs, invoked: [...invoked] };
    };

    // The workflows' logs are encrypted with a key of our own: who may read them is then decided by this key's
    // policy, not by anyone with logs:GetLogEvents. CloudWatch Logs must be allowed to use it, scoped by the
    // encryption context to these log groups (docs: "Encrypt log data in CloudWatch Logs using AWS KMS").
    // The children to deploy: those the case workflow starts, and those only a retained version still starts (from
    // its kept text; the same construct ids as when they were current, so CloudFormation keeps them as they are).
    const deployed = new Map<ChildWorkflow, string>(childWorkflowsOf(definition).map((c) => [c, children[c]!]));
    for (const r of retained)
      for (const [child, text] of Object.entries(r.children) as [ChildWorkflow, string][]) if (!deployed.has(child)) deployed.set(child, text);
    const machineNames = [STATE_MACHINE_NAME, ...[...deployed.keys()].map((c) => childMachineName(c))];
    const logGroupNameOf = (machine: string) => `/aws/vendedlogs/states/${machine}`;
    this.logKey = new Key(this, 'LogsKey', { enableKeyRotation: true, description: 'Encrypts the case workflow’s execution logs' });
    this.logKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': machineNames.map(
              (m) => `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupNameOf(m)}`,
            ),
          },
        },
      }),
    );
    // The vendedlogs prefix keeps CloudWatch's log resource policy from growing with every state machine.
    const logGroupFor = (id: string, machine: string) =>
      new LogGroup(this, id, { logGroupName: logGroupNameOf(machine), retention: props.logRetention, encryptionKey: this.logKey });

    const definitionSubstitutions: Record<string, string> = {};
    const childVersions: string[] = [];
    const childExecutions: string[] = [];
    for (const [child, text] of deployed) {
      const name = childMachineName(child);
      const { subs, invoked } = stepSubstitutions(text);
      const machine = new StateMachine(this, child, {
        stateMachineName: name,
        stateMachineType: StateMachineType.EXPRESS,
        definitionBody: DefinitionBody.fromString(portable(text)),
        definitionSubstitutions: subs,
        tracingEnabled: true,
        // Express keeps no execution history of its own: the log is it, and it leaves the execution data out. So
        // the checks may hand their answers to Decide inside a run (case-steps.asl.json), which records them.
        logs: { destination: logGroupFor(`${child}Logs`, name), ...LOGGING },
      });
      machine.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: invoked.map((fn) => fn.functionArn) }));
      const version = new CfnStateMachineVersion(this, `${child}Version`, {
        stateMachineArn: machine.stateMachineArn,
        stateMachineRevisionId: machine.stateMachineRevisionId,
        description: `workflow ${workflowVersionOf(text)}`,
      });
      // Kept when the next deployment publishes another: an execution of an earlier case-workflow version still
      // starts the child version it was deployed with (a deleted version can no longer be started).
      version.applyRemovalPolicy(RemovalPolicy.RETAIN);
      if (Object.hasOwn(children, child)) definitionSubstitutions[child] = version.attrArn;
      // Any version of this child: the case workflow's earlier versions start the ones they were deployed with.
      childVersions.push(`${machine.stateMachineArn}:*`);
      childExecutions.push(
        `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:execution:${name}:*`,
        `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:express:${name}:*`,
      );
      this.children.set(child, machine);
    }
    const { subs, invoked } = stepSubstitutions(definition);
    Object.assign(definitionSubstitutions, subs);
    // What the retained versions invoke from the case workflow itself, granted to its one role as long as they run.
    const invokedByRetained = retained.flatMap((r) => stepSubstitutions(r.definition).invoked);
    const invokedByAny = [...new Set([...invoked, ...invokedByRetained])];

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: STATE_MACHINE_NAME,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(portable(definition)),
      definitionSubstitutions,
      tracingEnabled: true,
      // Every event (which state, when, how it ended) but never the execution data: payloads carry keys and
      // outcomes (a run of the case steps hands back only { outcome }, tests/integration/payloads-keys-only.test.ts),
      // yet a failure's cause may quote what a department said. What a case holds is in the table instead.
      logs: { destination: logGroupFor('Logs', STATE_MACHINE_NAME), ...LOGGING },
    });
    if (childVersions.length > 0) {
      // What `.sync` needs, and no more (docs: "IAM policies for calling nested AWS Step Functions workflows"):
      // start exactly the published child versions, watch and stop their executions, and the managed rule
      // Step Functions hears of their end through.
      this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: childVersions }));
      this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: childExecutions }));
      this.stateMachine.addToRolePolicy(
        new PolicyStatement({
          actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          resources: [`arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`],
        }),
      );
    }
    // fromString gives CDK no view of the Tasks, so the invoke grant is explicit: exactly the functions this definition
    // and the retained versions invoke.
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: invokedByAny.map((fn) => fn.functionArn) }));

    // Each deployment publishes a version (a case's execution keeps the version it started on to its end,
    // up to a year for Standard workflows) and points `live` at it; the API starts executions on `live`.
    // The description carries the definition's content hash, the `workflowVersion` cases record.
    const version = new CfnStateMachineVersion(this, 'Version', {
      stateMachineArn: this.stateMachine.stateMachineArn,
      stateMachineRevisionId: this.stateMachine.stateMachineRevisionId,
      description: `workflow ${workflowVersionOf(definition, children)}`,
    });
    this.liveAlias = new CfnStateMachineAlias(this, 'LiveAlias', {
      name: LIVE_ALIAS,
      description: 'What new cases start on',
      routingConfiguration: [{ stateMachineVersionArn: version.attrArn, weight: 100 }],
    });
  }
}
