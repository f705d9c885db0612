import { fileURLToPath } from 'node:url';
import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { Construct } from 'constructs';
import { Operations } from './alarms.ts';
import { ApiFunctionsStack } from './api-functions-stack.ts';
import { OriginSecret } from './origin-secret.ts';
import { DepartmentNetwork, readNetworkConfig } from './network.ts';
import { readSmsConfig } from './sms-config.ts';
import { PublicApi } from './api.ts';
import { readConfig, type RetireOneConfig } from './config.ts';
import { CaseData } from './data.ts';
import { DeadlineSweep } from './deadline-sweep.ts';
import { DocumentStore } from './documents.ts';
import { RetireOneFunctions, SLA_MODULES, SMS_MODULES, stateMachineArnFor, WEBHOOK_MODULES } from './functions.ts';
import { SmsDispatch } from './sms-dispatch.ts';
import { acknowledgeFindings } from './nag.ts';
import { GradualDeployment } from './gradual-deployment.ts';
import { SecretsKey } from './secrets-key.ts';
import { SnapshotKey } from './snapshot-key.ts';
import { SealKeys } from './signing-keys.ts';
import { Site } from './site.ts';
import { WebhookDispatch } from './webhooks.ts';
import { CaseWorkflow, productWorkflowVersion, STATE_MACHINE_NAME } from './workflow.ts';

/** The repository root: entries, the lock file and the ASL file are found from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RetireOneStackProps extends StackProps {
  projectRoot?: string;
}

/**
 * 退休一件事 on AWS: CloudFront (web/ from S3, /v1/* and /health to the HTTP API) → HTTP API → Lambda → Step Functions (Standard) → Lambda steps → DynamoDB, S3, KMS.
 * Environment-agnostic (no lookups), so `cdk synth` works offline and the same template deploys to
 * any account and region (China regions included: ARNs use the partition pseudo-parameter).
 */
export class RetireOneStack extends Stack {
  readonly config: RetireOneConfig;
  readonly data: CaseData;
  readonly documents: DocumentStore;
  readonly sealKeys: SealKeys;
  readonly secretsKey: SecretsKey;
  readonly snapshotKey: SnapshotKey;
  readonly originSecret: OriginSecret;
  /** Only with context vpc=create or vpcId=…: the department callers' private subnets. */
  readonly network?: DepartmentNetwork;
  readonly deployment: GradualDeployment;
  /** The nested stack with the API's functions and their gradual deployment. */
  readonly apiFunctions: ApiFunctionsStack;
  readonly api: PublicApi;
  readonly site: Site;
  readonly functions: RetireOneFunctions;
  readonly workflow: CaseWorkflow;
  readonly webhooks: WebhookDispatch;
  readonly deadlines: DeadlineSweep;
  readonly textMessages: SmsDispatch;
  readonly operations: Operations;

  /** Every CodeDeploy group, by `<kind>/<module>`: the main stack's and the API functions' nested stack's. */
  get deploymentGroups(): ReadonlyMap<string, LambdaDeploymentGroup> {
    return new Map([...this.deployment.groups, ...(this.apiFunctions.deployment?.groups ?? [])]);
  }

  constructor(scope: Construct, id: string, props: RetireOneStackProps = {}) {
    super(scope, id, { description: 'RetireOne 退休一件事: one booking, one form, one sealed answer', ...props });
    const projectRoot = props.projectRoot ?? PROJECT_ROOT;
    const config = readConfig(this.node);
    const networkConfig = readNetworkConfig(this.node);
    this.config = config;
    for (const key of config.placeholders) {
      Annotations.of(this).addWarningV2(
        `retireone:context:${key}`,
        `context ${key} is not set; a placeholder was used (set it with -c ${key}=... before deploying)`,
      );
    }
    if (config.skipBundling) {
      Annotations.of(this).addWarningV2(
        'retireone:skipBundling',
        'skipBundling is set: every Lambda is an inline stub that only throws. For tests; never deploy this template.',
      );
    }
    const logRetention = config.logRetention;

    this.data = new CaseData(this, 'Data');
    this.documents = new DocumentStore(this, 'Documents', { retentionDays: config.documentRetentionDays });
    this.sealKeys = new SealKeys(this, 'SealKeys', { keyAdminRoleArn: config.keyAdminRoleArn });
    this.secretsKey = new SecretsKey(this, 'SecretsKey');
    this.snapshotKey = new SnapshotKey(this, 'SnapshotKey');
    this.originSecret = new OriginSecret(this, 'OriginSecret');
    this.api = new PublicApi(this, 'Api', {
      allowedOrigins: config.allowedOrigins,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      logRetention,
      jwtIssuer: config.jwtIssuer,
      jwtAudience: config.jwtAudience,
    });
    // Depends on the HttpApi resource only (its id), not on routes or functions; the functions then
    // depend on the distribution for PUBLIC_BASE_URL and the routes on the functions: no cycle.
    this.site = new Site(this, 'Site', {
      projectRoot,
      httpApi: this.api.httpApi,
      accessLogs: this.documents.accessLogs,
      logRetention,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      webAclArn: config.webAclArn,
      ...(config.partition === 'aws-cn' ? { china: { iamCertificateId: config.iamCertificateId! } } : {}),
      originHeaderValue: this.originSecret.headerValue,
      signIn: { issuer: config.jwtIssuer, citizenClientId: config.citizenClientId, staffClientId: config.staffClientId, audience: config.jwtAudience },
    });
    if (networkConfig.mode !== 'none') {
      this.network = new DepartmentNetwork(this, 'Network', {
        config: networkConfig,
        smsThroughSns: readSmsConfig(this.node).provider === 'sns',
        logRetention,
      });
    }
    this.apiFunctions = new ApiFunctionsStack(this, 'ApiFunctions', { documentBucket: this.documents.bucket });
    this.functions = new RetireOneFunctions(this, 'Functions', {
      config,
      projectRoot,
      table: this.data.table,
      bucket: this.documents.bucket,
      sealKeys: this.sealKeys,
      secretsKey: this.secretsKey,
      snapshotKey: this.snapshotKey,
      stateMachineArn: stateMachineArnFor(this, STATE_MACHINE_NAME),
      workflowVersion: productWorkflowVersion(projectRoot),
      publicBaseUrl: config.publicBaseUrl ?? this.site.url,
      apiPlacement: { scope: this.apiFunctions.functionsScope, bucket: this.apiFunctions.documentBucket },
      originSecret: this.originSecret,
      network: this.network,
    });
    this.api.addRoutes(this.functions.apiLive);
    this.workflow = new CaseWorkflow(this, 'Workflow', { projectRoot, steps: this.functions.stepsLive, logRetention, today: config.deployDate });
    this.webhooks = new WebhookDispatch(this, 'Webhooks', {
      table: this.data.table,
      enqueue: this.functions.webhooksLive.get(WEBHOOK_MODULES.enqueue)!,
      deliver: this.functions.webhooksLive.get(WEBHOOK_MODULES.deliver)!,
    });
    this.deadlines = new DeadlineSweep(this, 'Deadlines', { sweep: this.functions.slaLive.get(SLA_MODULES.sweep)! });
    this.textMessages = new SmsDispatch(this, 'TextMessages', { fn: this.functions.smsLive.get(SMS_MODULES.dispatch)! });

    this.operations = new Operations(this, 'Operations', {
      stateMachineArn: stateMachineArnFor(this, STATE_MACHINE_NAME),
      httpApi: this.api.httpApi,
      streamFailures: this.webhooks.streamFailures,
      alarmEmail: config.alarmEmail,
    });

    // Every function's alias moves gradually; each group lives in the stack that holds its alias.
    this.deployment = new GradualDeployment(this, 'Deployment', {
      applicationName: 'retireone',
      aliases: new Map([...this.functions.aliases].filter(([name]) => !name.startsWith('api/'))),
      serviceAlarms: this.operations.rollbackAlarms,
    });
    this.apiFunctions.deployGradually(this.functions, this.operations.rollbackAlarms);

    new CfnOutput(this, 'SiteUrl', { value: this.site.url });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.documents.bucket.bucketName });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });

    acknowledgeFindings(this, {
      api: this.api,
      functions: this.functions,
      workflow: this.workflow,
      documents: this.documents,
      site: this.site,
      webhooks: this.webhooks,
    });
  }
}
