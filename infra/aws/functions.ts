import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Code, Function as LambdaFunction, Runtime, Tracing, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ROUTES, STEP_FUNCTIONS } from '../../functions/api/routes.ts';
import { STAFF_NOTICES_PREFIX } from '../../functions/adapters/staff-notice-store.ts';
import { keys } from '../../functions/adapters/table-keys.ts';
import { DELIVERY } from '../../functions/webhooks/delivery-limits.ts';
import { SMS_MODULE } from '../../functions/sms/sms-on-schedule.ts';
import { API_ACCESS, SLA_ACCESS, SMS_ACCESS, STEP_ACCESS, WEBHOOK_ACCESS, type Access } from './access.ts';
import { readSmsConfig, smsEnvironment, type SmsConfig } from './sms-config.ts';
import type { RetireOneConfig } from './config.ts';
import { STATUS_INDEX } from './data.ts';
import { PERSON_INDEX } from '../../functions/adapters/table-keys.ts';
import type { SecretsKey } from './secrets-key.ts';
import type { SnapshotKey } from './snapshot-key.ts';
import { DepartmentSecret } from './department-secret.ts';
import { DEPARTMENT_KEY_SECRET_ENV } from '../../functions/departments/signing-key.ts';
import type { OriginSecret } from './origin-secret.ts';
import { DEPARTMENT_CALLERS, type DepartmentNetwork } from './network.ts';
import { ORIGIN_SECRET_ENV } from '../../functions/api/http/through-the-site.ts';
import { HEALTH_CACHE_ENV } from '../../functions/api/cached-probe.ts';
import type { SealKeys } from './signing-keys.ts';

/** Node.js 24 on Graviton: the project runs on Node 24 locally, so Lambda runs what the tests ran. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;
const SEAL_MODULE = 'seal';
const HEALTH_MODULE = 'health';
/** Long enough that a flood of /health hits costs next to nothing, short enough for a load balancer's or an operator's check. */
export const HEALTH_CACHE_SECONDS = 10;
const SEAL_FONT_FILE = 'wqy-microhei.ttc';
/** The alias every caller invokes: Lambda versions and the state machine's version alias alike. */
export const LIVE_ALIAS = 'live';
/** Sealed PDFs live at documents/<caseNumber>/<documentId>/<sha256>.pdf (functions/steps/seal.ts). */
export const DOCUMENT_KEYS = 'documents/*';
/** The webhook dispatch modules (functions/webhooks/), wired to the stream and the schedule in infra/aws/webhooks.ts. */
export const WEBHOOK_MODULES = { enqueue: 'enqueue-from-stream', deliver: 'deliver-on-schedule' } as const;
/** The deadline sweep (functions/sla/), invoked by the schedule in infra/aws/deadline-sweep.ts. */
export const SLA_MODULES = { sweep: 'sweep-on-schedule' } as const;
/** The text-message job (functions/sms/), invoked by the two rules of infra/aws/sms-dispatch.ts. */
export const SMS_MODULES = { dispatch: SMS_MODULE } as const;
/**
 * Longer than a drain run (its 40 s budget plus a send's 10 s) with room for the daily run's HR queries and writes;
 * a run cut off mid-way loses nothing (claims expire, invitations are written once), the next run goes on.
 */
const SMS_TIMEOUT_SECONDS = 120;
/**
 * Longer than a delivery run can take (its budget plus one attempt's timeout), so a run is never cut off
 * mid-attempt; the enqueuer gets as long for a batch of up to 50 case changes.
 */
const WEBHOOK_TIMEOUT_SECONDS = Math.ceil((DELIVERY.budgetMs + DELIVERY.attemptTimeoutMs) / 1000) + 10;
const KIND_LABEL = {
  api: ['Api', 'API'],
  steps: ['Step', 'workflow step'],
  webhooks: ['Webhook', 'webhook dispatch'],
  sla: ['Sla', 'deadline sweep'],
  sms: ['Sms', 'text messages'],
} as const;
/** Seal certificate chains and the seal CA, kept by the CA team (functions/sealing/kms-sealing-kit.ts). */
export const PKI_KEYS = 'pki/*';

export interface FunctionsProps {
  config: RetireOneConfig;
  projectRoot: string;
  table: ITable;
  bucket: IBucket;
  sealKeys: SealKeys;
  secretsKey: SecretsKey;
  snapshotKey: SnapshotKey;
  /** Built from the known state machine name, so API functions never depend on the state machine construct. */
  stateMachineArn: string;
  /** The content hash of the workflow definition new cases start on (recorded on each case). */
  workflowVersion: string;
  publicBaseUrl: string;
  /**
   * Where the API's functions are built (a nested stack of their own, infra/aws/api-functions-stack.ts, so neither
   * template nears CloudFormation's 500 resources) and the document bucket as seen from there.
   */
  apiPlacement?: { scope: Construct; bucket: IBucket };
  /** The value CloudFront sends the API; every API function reads it (functions/api/http/through-the-site.ts). */
  originSecret?: OriginSecret;
  /** With a VPC (context vpc or vpcId), the department callers run in its private subnets (infra/aws/network.ts). */
  network?: DepartmentNetwork;
}

interface Spec {
  kind: 'api' | 'steps' | 'webhooks' | 'sla' | 'sms';
  module: string;
  access: Access;
}

/** `create-booking` → `CreateBooking`. */
const pascal = (module: string): string =>
  module
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');

/** ESM bundles still meet CommonJS dependencies that call `require` (the X-Ray SDK under Powertools Tracer, fontkit's deps). */
const REQUIRE_BANNER = "import{createRequire as __retireoneCreateRequire}from'node:module';const require=__retireoneCreateRequire(import.meta.url);";

const TEST_STUB = "exports.handler = async () => { throw new Error('stub handler: stack synthesized with skipBundling (tests only)'); };";

/** One Lambda per non-dev route and per Task module of the workflow, each with its own role and log group. */
export class RetireOneFunctions extends Construct {
  readonly api = new Map<string, IFunction>();
  readonly steps = new Map<string, IFunction>();
  /** The `live` alias of each function: what the API routes and the workflow's Tasks invoke. */
  readonly apiLive = new Map<string, IFunction>();
  readonly stepsLive = new Map<string, IFunction>();
  /** The webhook dispatch functions and their `live` aliases (what the stream and the schedule invoke). */
  readonly webhooks = new Map<string, IFunction>();
  readonly webhooksLive = new Map<string, IFunction>();
  /** The deadline sweep and its `live` alias (what its schedule invokes). */
  readonly sla = new Map<string, IFunction>();
  readonly slaLive = new Map<string, IFunction>();
  /** The text-message job and its `live` alias (what its two rules invoke). */
  readonly sms = new Map<string, IFunction>();
  readonly smsLive = new Map<string, IFunction>();
  /** The SMS provider chosen by context (infra/aws/sms-config.ts). */
  readonly smsConfig: SmsConfig;
  readonly roles: Role[] = [];
  /** Every `live` alias by `<kind>/<module>`, for the gradual deployment (infra/aws/gradual-deployment.ts). */
  readonly aliases = new Map<string, Alias>();
  /** Roles allowed to read or write objects under documents/. */
  readonly documentObjectRoles: Role[] = [];
  /** Roles allowed to read the certificates under pki/. */
  readonly pkiRoles: Role[] = [];
  /** The department call signing key; read by the functions that call departments only. */
  readonly departmentSecret: DepartmentSecret;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    this.smsConfig = readSmsConfig(this.node);
    this.departmentSecret = new DepartmentSecret(this, 'DepartmentSecret');
    const specs = functionSpecs();
    if (!props.config.skipBundling) {
      const missing = specs.map((s) => `functions/${s.kind}/${s.module}.ts`).filter((p) => !existsSync(join(props.projectRoot, p)));
      if (missing.length > 0) throw new Error(`handler files missing, cannot bundle: ${missing.join(', ')}`);
    }
    for (const spec of specs) {
      const { fn, live } = this.build(spec, props);
      ({ api: this.api, steps: this.steps, webhooks: this.webhooks, sla: this.sla, sms: this.sms })[spec.kind].set(spec.module, fn);
      ({ api: this.apiLive, steps: this.stepsLive, webhooks: this.webhooksLive, sla: this.slaLive, sms: this.smsLive })[spec.kind].set(spec.module, live);
      this.aliases.set(`${spec.kind}/${spec.module}`, live);
    }
  }

  get seal(): IFunction {
    return this.steps.get(SEAL_MODULE)!;
  }

  private build(spec: Spec, allProps: FunctionsProps): { fn: LambdaFunction; live: Alias } {
    const placed = spec.kind === 'api' ? allProps.apiPlacement : undefined;
    const scope: Construct = placed?.scope ?? this;
    const props: FunctionsProps = placed ? { ...allProps, bucket: placed.bucket } : allProps;
    const { config } = props;
    const id = `${pascal(spec.module)}${KIND_LABEL[spec.kind][0]}`;
    const isSeal = spec.kind === 'steps' && spec.module === SEAL_MODULE;
    // An own role per function, without the AWSLambdaBasicExecutionRole managed policy: it may write to
    // its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: config.logRetention });
    logGroup.grantWrite(role);
    this.roles.push(role);

    const environment: Record<string, string> = {
      TABLE_NAME: props.table.tableName,
      BUCKET_NAME: props.bucket.bucketName,
      // New executions start on the state machine's `live` version alias; each keeps its version to the end.
      STATE_MACHINE_ARN: `${props.stateMachineArn}:${LIVE_ALIAS}`,
      WORKFLOW_VERSION: props.workflowVersion,
      DEPARTMENTS_BASE_URL: config.departmentsBaseUrl,
      JWT_ISSUER: config.jwtIssuer,
      JWT_JWKS_URL: config.jwtJwksUrl,
      PUBLIC_BASE_URL: props.publicBaseUrl,
      LOG_LEVEL: config.logLevel,
      NODE_OPTIONS: '--enable-source-maps',
      ...(config.policyOverrides ? { POLICY_OVERRIDES: config.policyOverrides } : {}),
      // The China variant's CloudFront has no Functions to route /verify/{id} to the page (infra/aws/site.ts).
      ...(config.partition === 'aws-cn' ? { VERIFY_PAGE_PATH: '/verify/index.html#' } : {}),
    };
    if (spec.access.pki || spec.access.sign) {
      environment.SEAL_KMS_KEY_IDS = props.sealKeys.keyIdsJson(scope);
      if (config.sealIssuerNames) environment.SEAL_ISSUER_NAMES = config.sealIssuerNames;
    }
    if (spec.access.secrets) environment.SECRETS_KEY_ID = props.secretsKey.key.keyArn;
    if (spec.access.snapshots) environment.SNAPSHOT_KEY_ID = props.snapshotKey.key.keyArn;
    if (spec.access.departments) environment[DEPARTMENT_KEY_SECRET_ENV] = this.departmentSecret.secret.secretArn;
    if (spec.kind === 'api' && props.originSecret) {
      environment[ORIGIN_SECRET_ENV] = props.originSecret.secret.secretArn;
      props.originSecret.grantRead(role);
    }
    // /health is public: one deep probe per container per this many seconds, whatever the traffic (functions/api/health.ts).
    if (spec.kind === 'api' && spec.module === HEALTH_MODULE) environment[HEALTH_CACHE_ENV] = String(HEALTH_CACHE_SECONDS);
    if (isSeal) environment.SEAL_FONT_PATH = `/var/task/${SEAL_FONT_FILE}`;
    if (spec.access.sms) Object.assign(environment, smsEnvironment(this.smsConfig));

    const inVpc = props.network !== undefined && (DEPARTMENT_CALLERS as readonly string[]).includes(`${spec.kind}/${spec.module}`);
    if (inVpc) {
      // Lambda makes the function's network interfaces with its role (what AWS's AWSLambdaVPCAccessExecutionRole
      // allows, inline: no managed policies here). EC2 names no resource for the Describe actions.
      role.addToPolicy(
        new PolicyStatement({
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      );
    }
    const common = {
      description: `RetireOne ${KIND_LABEL[spec.kind][1]} ${spec.module}`,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: isSeal ? 1024 : 512,
      timeout: Duration.seconds(isSeal ? 120 : spec.kind === 'webhooks' ? WEBHOOK_TIMEOUT_SECONDS : spec.kind === 'sms' ? SMS_TIMEOUT_SECONDS : 30),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment,
      ...(inVpc && props.network
        ? { vpc: props.network.vpc, vpcSubnets: { subnets: props.network.subnets }, securityGroups: [props.network.functionsGroup] }
        : {}),
      // A flood on the API must not starve the workflow: each step keeps capacity of its own.
      ...(spec.kind === 'steps' && config.stepReservedConcurrency > 0 ? { reservedConcurrentExecutions: config.stepReservedConcurrency } : {}),
    };

    const fn = config.skipBundling
      ? new LambdaFunction(scope, id, { ...common, code: Code.fromInline(TEST_STUB), handler: 'index.handler' })
      : new NodejsFunction(scope, id, {
          ...common,
          entry: join(props.projectRoot, 'functions', spec.kind, `${spec.module}.ts`),
          handler: 'handler',
          projectRoot: props.projectRoot,
          depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
          bundling: {
            format: OutputFormat.ESM,
            target: 'node24',
            mainFields: ['module', 'main'],
            minify: true,
            sourceMap: true,
            sourcesContent: false,
            banner: REQUIRE_BANNER,
            // Ship the SDK version the tests ran against instead of whatever the runtime carries.
            bundleAwsSDK: true,
            forceDockerBundling: false,
            commandHooks: isSeal ? fontHook(config.sealFontSource) : undefined,
          },
        });

    this.grant(role, spec.access, props);
    // Callers (the API routes, the workflow's Tasks) invoke a published version through the `live` alias,
    // never $LATEST: a deployment publishes new versions and moves the alias, and a rollback moves it back.
    return { fn, live: new Alias(scope, `${id}Live`, { aliasName: LIVE_ALIAS, version: fn.currentVersion }) };
  }

  private grant(role: Role, access: Access, props: FunctionsProps): void {
    // The one GSI by name: no `index/*` wildcard.
    const tableArns = [props.table.tableArn, `${props.table.tableArn}/index/${STATUS_INDEX}`];
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
    if (access.table === 'read' || access.table === 'read-audit' || access.table === 'read-probe') {
      role.addToPolicy(new PolicyStatement({ actions: read, resources: tableArns }));
    }
    const putOnlyUnder = { 'read-audit': 'AUDIT#*', 'read-probe': 'HEALTH#*' } as const;
    if (access.table === 'read-audit' || access.table === 'read-probe') {
      role.addToPolicy(
        new PolicyStatement({
          actions: ['dynamodb:PutItem'],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [putOnlyUnder[access.table]] } },
        }),
      );
    }
    if (access.writes && access.writes.length > 0) {
      if (access.table === 'write') throw new Error('`writes` narrows a read tier; `write` already writes everything');
      role.addToPolicy(
        new PolicyStatement({
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          resources: [props.table.tableArn],
          // Transactions are authorized item by item as these actions, so the condition holds inside them too.
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.writes.map((p) => (p.endsWith('#') ? `${p}*` : p)) } },
        }),
      );
    }
    if (access.table === 'write') {
      role.addToPolicy(
        new PolicyStatement({
          actions: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
          resources: tableArns,
        }),
      );
    }

    // The person index by name, only to the function that lists a citizen's own cases.
    if (access.personIndex) {
      role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${props.table.tableArn}/index/${PERSON_INDEX}`] }));
    }
    if (access.webhooks) webhookGrants(role, access.webhooks, props.table);
    if (access.deadlines) deadlineSweepGrants(role, props.table);
    if (access.sms) smsGrants(role, this.smsConfig);

    if (access.documents) {
      // ListBucket makes a missing key a 404 (NoSuchKey) instead of a 403, and lets HeadBucket answer.
      role.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }));
    }
    if (access.documents === 'read' || access.documents === 'write') {
      this.documentObjectRoles.push(role);
      role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.bucket.arnForObjects(DOCUMENT_KEYS)] }));
    }
    if (access.pki) {
      this.pkiRoles.push(role);
      role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.bucket.arnForObjects(PKI_KEYS)] }));
    }
    if (access.documents === 'write') {
      role.addToPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [props.bucket.arnForObjects(DOCUMENT_KEYS)] }));
    }

    const aliasArn = `${props.stateMachineArn}:${LIVE_ALIAS}`;
    for (const w of access.workflow ?? []) {
      if (w === 'start') role.addToPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [aliasArn] }));
      if (w === 'respond')
        role.addToPolicy(new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [props.stateMachineArn] }));
      if (w === 'describe') role.addToPolicy(new PolicyStatement({ actions: ['states:DescribeStateMachineAlias'], resources: [aliasArn] }));
    }

    if (access.sign) props.sealKeys.grantSign(role);
    if (access.secrets) props.secretsKey.grant(role, access.secrets);
    if (access.snapshots) props.snapshotKey.grant(role, access.snapshots);
    if (access.departments) this.departmentSecret.grantRead(role);
  }
}

/** The webhook dispatch's own grants, each narrowed to the partitions it works on (see functions/shared/access.ts). */
function webhookGrants(role: Role, level: 'enqueue' | 'deliver', table: ITable): void {
  const under = (prefixes: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
  // Subscriptions are one partition, read by Query (WebhookStore.subscriptions).
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn], conditions: under(['WEBHOOKS']) }));
  if (level === 'enqueue') {
    // A case's cursor is the item CASE#<n>/WEBHOOK_CURSOR: IAM cannot pin the sort key, so the attributes
    // are pinned instead: of any CASE# item, this role reads and writes the keys and `next` only.
    // Read: DynamoDB developer guide, "Using IAM policy conditions for fine-grained access control"
    // (dynamodb:LeadingKeys, dynamodb:Attributes, dynamodb:Select, dynamodb:ReturnValues).
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: {
          ...under(['CASE#*']),
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'next'] },
          StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES', 'dynamodb:ReturnValues': 'NONE' },
        },
      }),
    );
    role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn], conditions: under(['WHD#*']) }));
    return;
  }
  // Due deliveries are found in the status index (status WEBHOOK_PENDING); that one index, by name. It holds keys
  // only, so the deliveries themselves are read from the table: those, and nothing else.
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${STATUS_INDEX}`] }));
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [table.tableArn], conditions: under(['WHD#*']) }));
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [table.tableArn], conditions: under(['WHD#*']) }));
}

/**
 * The deadline sweep's grants (functions/sla/sweep-deadlines.ts, functions/adapters/staff-notice-store.ts): it
 * finds open cases in the status index, marks on a case which notice went out (attribute `slaNotices` only, the
 * same attribute pinning as the webhook cursors) and puts the notice into a staff inbox. It cannot change a
 * case's status, form or decision, nor delete anything.
 */
function deadlineSweepGrants(role: Role, table: ITable): void {
  const under = (prefixes: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${STATUS_INDEX}`] }));
  // The index holds keys only: the open cases are read from the table, and only cases.
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [table.tableArn], conditions: under([`${keys.case('').pk}*`]) }));
  role.addToPolicy(
    new PolicyStatement({
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: {
        ...under([`${keys.case('').pk}*`]),
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'slaNotices'] },
        StringEqualsIfExists: { 'dynamodb:ReturnValues': 'NONE' },
      },
    }),
  );
  role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn], conditions: under([`${STAFF_NOTICES_PREFIX}*`]) }));
}

/**
 * The text-message job's grants beyond its read tier and `SMS#` writes (functions/sms/drain.ts): nothing of a case
 * (the 已短信通知 note is read from the message's own mark), and with SNS it may publish to phone numbers only.
 * Publishing to a phone number names no resource, so the Allow is on `*` (AWS Step Functions developer guide, "IAM
 * policies for Amazon SNS": PhoneNumber publishing needs Resource "*"); a Deny on every topic ARN keeps it from
 * publishing to any topic. An HTTP gateway needs no AWS permission.
 */
function smsGrants(role: Role, sms: SmsConfig): void {
  if (sms.provider !== 'sns') return;
  role.addToPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
  role.addToPolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      actions: ['sns:Publish'],
      resources: [Stack.of(role).formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })],
    }),
  );
}

/** Every non-dev route module, every workflow step module, the webhook dispatch and the deadline sweep, once each, with its access entry. */
export function functionSpecs(): Spec[] {
  const apiModules = [...new Set(ROUTES.filter((r) => !r.devOnly).map((r) => r.module))];
  const stepModules = [...new Set(Object.values(STEP_FUNCTIONS))];
  const specs: Spec[] = [];
  for (const [kind, modules, table] of [
    ['api', apiModules, API_ACCESS],
    ['steps', stepModules, STEP_ACCESS],
    ['webhooks', Object.values(WEBHOOK_MODULES), WEBHOOK_ACCESS],
    ['sla', Object.values(SLA_MODULES), SLA_ACCESS],
    ['sms', Object.values(SMS_MODULES), SMS_ACCESS],
  ] as const) {
    for (const module of modules) {
      const access = table[module];
      if (!access) throw new Error(`infra/aws/access.ts has no entry for functions/${kind}/${module}.ts: decide its permissions there`);
      specs.push({ kind, module, access });
    }
  }
  return specs;
}

/** The seal step renders Chinese text: ship a TrueType-outline CJK font next to the bundle. */
function fontHook(source: string): ICommandHooks {
  if (!existsSync(source)) throw new Error(`seal font not found at ${source} (install fonts-wqy-microhei or set context sealFontSource)`);
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [`cp "${source}" "${outputDir}/${SEAL_FONT_FILE}"`],
  };
}

/** ARN of the workflow built from its fixed name (no dependency on the construct, no cycle). */
export function stateMachineArnFor(scope: Construct, name: string): string {
  return Stack.of(scope).formatArn({ service: 'states', resource: 'stateMachine', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}
