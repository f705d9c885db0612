import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnStateMachineAlias, CfnStateMachineVersion, DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { workflowVersionOf } from '../../workflows/version.ts';
import { LIVE_ALIAS } from './functions.ts';
import { Construct } from 'constructs';
import { STEP_FUNCTIONS } from '../../functions/api/routes.ts';

export const STATE_MACHINE_NAME = 'retireone-retirement-case';
export const DEFINITION_FILE = 'workflows/retirement-case.asl.json';
export const PARTITION_PLACEHOLDER = 'AwsPartition';

export interface WorkflowProps {
  projectRoot: string;
  /** Step functions by module (functions/steps/<module>.ts). */
  steps: ReadonlyMap<string, IFunction>;
  logRetention: RetentionDays;
}

/** `${Name}` placeholders of an ASL text. */
export function substitutionNames(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/**
 * The case workflow: the same ASL file the embedded hosting runs, with the function ARNs substituted.
 * Standard (not Express): a case waits days to weeks for people, and each execution name is the case
 * number, so a second start of the same case is refused by Step Functions itself.
 */
export class CaseWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** What new executions start on: the `live` alias of the version published by this deployment. */
  readonly liveAlias: CfnStateMachineAlias;
  /** Encrypts the execution log (customer managed, rotated). */
  readonly logKey: Key;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const definition = readFileSync(join(props.projectRoot, DEFINITION_FILE), 'utf8');

    const expected = Object.keys(STEP_FUNCTIONS).sort();
    const found = substitutionNames(definition);
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      throw new Error(`${DEFINITION_FILE} placeholders ${found.join(',')} differ from STEP_FUNCTIONS ${expected.join(',')}`);
    }
    // The ASL names service integrations with the `aws` partition (what the embedded interpreter knows);
    // in the China regions they are arn:aws-cn:states:::…, so the partition is substituted at deploy time.
    const portable = definition.replaceAll('"arn:aws:states:::', `"arn:\${${PARTITION_PLACEHOLDER}}:states:::`);
    const definitionSubstitutions: Record<string, string> = { [PARTITION_PLACEHOLDER]: Aws.PARTITION };
    const invoked = new Set<IFunction>();
    for (const [placeholder, module] of Object.entries(STEP_FUNCTIONS)) {
      const fn = props.steps.get(module);
      if (!fn) throw new Error(`no function for step module ${module}`);
      definitionSubstitutions[placeholder] = fn.functionArn;
      invoked.add(fn);
    }

    // The workflow's log is encrypted with a key of our own: who may read it is then decided by this key's
    // policy, not by anyone with logs:GetLogEvents. CloudWatch Logs must be allowed to use it, scoped by the
    // encryption context to this log group (docs: "Encrypt log data in CloudWatch Logs using AWS KMS").
    const logGroupName = `/aws/vendedlogs/states/${STATE_MACHINE_NAME}`;
    this.logKey = new Key(this, 'LogsKey', { enableKeyRotation: true, description: 'Encrypts the case workflow’s execution log' });
    this.logKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupName}` },
        },
      }),
    );
    const logGroup = new LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch's log resource policy from growing with every state machine.
      logGroupName,
      retention: props.logRetention,
      encryptionKey: this.logKey,
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: STATE_MACHINE_NAME,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(portable),
      definitionSubstitutions,
      tracingEnabled: true,
      // Every event (which state, when, how it ended) but never the execution data: payloads carry keys and
      // outcomes (the checks record their answers on the case, tests/integration/payloads-keys-only.test.ts),
      // yet a failure's cause may quote what a department said. What a case holds is in the table instead.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    // fromString gives CDK no view of the Tasks, so the invoke grant is explicit: exactly these functions.
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [...invoked].map((fn) => fn.functionArn) }));

    // Each deployment publishes a version (a case's execution keeps the version it started on to its end,
    // up to a year for Standard workflows) and points `live` at it; the API starts executions on `live`.
    // The description carries the definition's content hash, the `workflowVersion` cases record.
    const version = new CfnStateMachineVersion(this, 'Version', {
      stateMachineArn: this.stateMachine.stateMachineArn,
      stateMachineRevisionId: this.stateMachine.stateMachineRevisionId,
      description: `workflow ${workflowVersionOf(definition)}`,
    });
    this.liveAlias = new CfnStateMachineAlias(this, 'LiveAlias', {
      name: LIVE_ALIAS,
      description: 'What new cases start on',
      routingConfiguration: [{ stateMachineVersionArn: version.attrArn, weight: 100 }],
    });
  }
}
