import { beforeAll, describe, expect, it } from 'vitest';
import { API_ACCESS as API, STEP_ACCESS } from '../../infra/aws/access.ts';
import { SMS_MODULES, WEBHOOK_MODULES } from '../../infra/aws/functions.ts';
import { allows, asArray, cfnText, logicalId, refId, roleStatements, synth, type Statement, type Synth } from './support/synth.ts';

let s: Synth;
/** Logical id of the role of the function for a module. */
let roleOf: (kind: 'api' | 'steps', module: string) => string;

beforeAll(() => {
  s = synth();
  roleOf = (kind, module) => {
    const fn = (kind === 'api' ? s.stack.functions.api : s.stack.functions.steps).get(module)!;
    return logicalId(fn.role!);
  };
});

/** Roles whose identity policies allow `action` (on resources whose ARN text ends with `suffix`, if given). */
function rolesAllowed(action: string, suffix?: string): Set<string> {
  return new Set(
    roleStatements(s.json)
      .filter(({ statement }) => allows(statement, action))
      .filter(({ statement }) => suffix === undefined || asArray(statement.Resource).some((r) => cfnText(r).endsWith(suffix)))
      .flatMap(({ roles }) => roles),
  );
}

/** Whether a resource is the sealed-document bucket or any key in it. */
const onDocuments = (r: unknown): boolean => cfnText(r).startsWith(`{{${logicalId(s.stack.documents.bucket)}}}`);

/** Roles allowed `action` on the sealed-document bucket (other buckets, e.g. the static site, aside). */
function rolesAllowedOnDocuments(action: string): Set<string> {
  return new Set(
    roleStatements(s.json)
      .filter(({ statement }) => allows(statement, action) && (asArray(statement.Resource).some(onDocuments) || asArray(statement.Resource).includes('*')))
      .flatMap(({ roles }) => roles),
  );
}

/** Roles of the functions whose access entry satisfies `pick`. */
function rolesWhere(pick: (a: (typeof API)[string]) => boolean): Set<string> {
  return new Set([
    ...Object.entries(API)
      .filter(([m, a]) => s.stack.functions.api.has(m) && pick(a))
      .map(([m]) => roleOf('api', m)),
    ...Object.entries(STEP_ACCESS)
      .filter(([, a]) => pick(a))
      .map(([m]) => roleOf('steps', m)),
  ]);
}

describe('seal signing', () => {
  it('is allowed to the seal function role only, in IAM policies', () => {
    expect(rolesAllowed('kms:Sign')).toEqual(new Set([roleOf('steps', 'seal')]));
  });

  it('is allowed to the seal function role only, in every key policy (no kms:* for the account root)', () => {
    const keys = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::KMS::Key' && r.Properties.KeyUsage === 'SIGN_VERIFY');
    expect(keys.length).toBe(5); // one per issuing body: one-stop, hr, medical, housing fund, health
    for (const key of keys) {
      const signers = (key.Properties.KeyPolicy.Statement as Statement[])
        .filter((st) => allows(st, 'kms:Sign'))
        .flatMap((st) => asArray((st.Principal as { AWS: unknown }).AWS).map((p) => refId(p) ?? JSON.stringify(p)));
      expect(signers).toEqual([roleOf('steps', 'seal')]);
    }
  });

  it('gives the account root neither CreateGrant nor PutKeyPolicy: key policy changes go through deployment or the MFA break-glass role', () => {
    const keys = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::KMS::Key' && r.Properties.KeyUsage === 'SIGN_VERIFY');
    const breakGlass = logicalId(s.stack.sealKeys.breakGlass as never);
    for (const key of keys) {
      const statements = key.Properties.KeyPolicy.Statement as Statement[];
      const principalsAllowed = (action: string) =>
        statements.filter((st) => allows(st, action)).flatMap((st) => asArray((st.Principal as { AWS: unknown }).AWS).map((p) => refId(p) ?? cfnText(p)));
      for (const action of ['kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ScheduleKeyDeletion', 'kms:Sign']) {
        expect(
          principalsAllowed(action).some((p) => p.includes(':root')),
          action,
        ).toBe(false);
      }
      const admins = principalsAllowed('kms:PutKeyPolicy');
      expect(admins).toHaveLength(2);
      expect(admins).toContain(breakGlass);
      expect(admins.find((p) => p !== breakGlass)).toContain('cfn-exec-role');
      // Reading is left to the account, so audits and the console still work.
      expect(principalsAllowed('kms:DescribeKey').some((p) => p.includes(':root'))).toBe(true);
    }
  });

  it('denies key deletion and grants to every principal, explicitly', () => {
    const keys = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::KMS::Key' && r.Properties.KeyUsage === 'SIGN_VERIFY');
    for (const key of keys) {
      const deny = (key.Properties.KeyPolicy.Statement as Statement[]).find((st) => st.Effect === 'Deny');
      expect(deny?.Principal).toEqual({ AWS: '*' });
      expect(asArray(deny?.Action).sort()).toEqual(['kms:CreateGrant', 'kms:ScheduleKeyDeletion']);
      expect(deny?.Condition).toBeUndefined();
    }
  });

  it('lets the break-glass role be assumed by the account with MFA only, for an hour, with no IAM permissions of its own', () => {
    const role = s.json.Resources[logicalId(s.stack.sealKeys.breakGlass as never)]!;
    expect(role.Type).toBe('AWS::IAM::Role');
    const trust = role.Properties.AssumeRolePolicyDocument.Statement as Statement[];
    expect(trust).toHaveLength(1);
    expect(trust[0]!.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    expect(roleStatements(s.json).filter(({ roles }) => roles.includes(logicalId(s.stack.sealKeys.breakGlass as never)))).toEqual([]);
  });

  it('gives the seal function the key ARNs of all five issuing bodies', () => {
    const seal = s.json.Resources[logicalId(s.stack.functions.seal)]!;
    const ids = seal.Properties.Environment.Variables.SEAL_KMS_KEY_IDS;
    const text = JSON.stringify(ids);
    for (const body of ['one-stop', 'hr', 'medical', 'housing-fund', 'health']) expect(text).toContain(`\\"${body}\\":`);
  });
});

describe('least privilege', () => {
  it('lets only the seal step put documents', () => {
    expect(rolesAllowedOnDocuments('s3:PutObject')).toEqual(new Set([roleOf('steps', 'seal')]));
  });

  it('lets only the seal step and the document readers get sealed documents', () => {
    expect(rolesWhere((a) => a.documents === 'read').has(roleOf('api', 'get-document'))).toBe(true);
    expect(rolesAllowed('s3:GetObject', '/documents/*')).toEqual(rolesWhere((a) => a.documents === 'read' || a.documents === 'write'));
    expect(rolesAllowed('s3:GetObject', '/documents/*').has(roleOf('api', 'get-case'))).toBe(false);
  });

  it('lets only the seal step and the verifiers read the seal certificates under pki/', () => {
    expect(rolesAllowed('s3:GetObject', '/pki/*')).toEqual(rolesWhere((a) => a.pki === true));
    expect(rolesAllowed('s3:GetObject', '/pki/*').has(roleOf('steps', 'seal'))).toBe(true);
    expect(rolesAllowedOnDocuments('s3:GetObject')).toEqual(
      new Set([...rolesAllowed('s3:GetObject', '/documents/*'), ...rolesAllowed('s3:GetObject', '/pki/*')]),
    );
  });

  it('gives no function S3 delete or object-lock bypass', () => {
    for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutObjectRetention']) {
      expect(rolesAllowedOnDocuments(action), action).toEqual(new Set());
    }
  });

  it('lets the site deployment role write the site bucket only, and no function touch the site bucket', () => {
    const deployer = logicalId(s.stack.site.deploymentRole);
    const site = `{{${logicalId(s.stack.site.bucket)}}}`;
    const statements = roleStatements(s.json);
    const own = statements.filter(({ roles }) => roles.includes(deployer));
    expect(own.every(({ roles }) => roles.length === 1)).toBe(true);
    const writes = own.filter(({ statement }) => ['s3:PutObject', 's3:DeleteObject'].some((a) => allows(statement, a)));
    expect(writes.length).toBeGreaterThan(0);
    for (const { statement } of writes) {
      for (const r of asArray(statement.Resource)) expect(cfnText(r).startsWith(site), cfnText(r)).toBe(true);
    }
    for (const { statement } of own) expect(asArray(statement.Resource).some(onDocuments)).toBe(false);
    const functionRoles = new Set(s.stack.functions.roles.map(logicalId));
    for (const { roles, statement } of statements.filter(({ roles }) => roles.some((r) => functionRoles.has(r)))) {
      expect(
        asArray(statement.Resource).some((r) => cfnText(r).startsWith(site)),
        roles.join(),
      ).toBe(false);
    }
  });

  it('keeps read-only API functions from writing the table', () => {
    for (const module of ['slots', 'staff-queue', 'service-centers', 'eligibility', 'openapi']) {
      const role = roleOf('api', module);
      for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
        expect(rolesAllowed(action).has(role), `${module} ${action}`).toBe(false);
      }
    }
  });

  it('lets readiness write only its probe, under the HEALTH# partition', () => {
    const role = roleOf('api', 'health');
    const puts = roleStatements(s.json).filter(({ roles, statement }) => roles.includes(role) && allows(statement, 'dynamodb:PutItem'));
    expect(puts).toHaveLength(1);
    expect(puts[0]!.statement.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['HEALTH#*'] } });
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) expect(rolesAllowed(action).has(role), action).toBe(false);
  });

  it('lets only the case list query the person index, and the case list write nothing', () => {
    expect(rolesAllowed('dynamodb:Query', '/index/byPerson')).toEqual(new Set([roleOf('api', 'list-cases')]));
    const role = roleOf('api', 'list-cases');
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
      expect(rolesAllowed(action).has(role), action).toBe(false);
  });

  it('lets audited readers append only to AUDIT# partitions', () => {
    for (const module of ['get-case', 'get-document', 'prefill']) {
      const role = roleOf('api', module);
      const puts = roleStatements(s.json).filter(({ roles, statement }) => roles.includes(role) && allows(statement, 'dynamodb:PutItem'));
      expect(puts).toHaveLength(1);
      expect(puts[0]!.statement.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } });
      expect(rolesAllowed('dynamodb:UpdateItem').has(role)).toBe(false);
    }
  });

  it('lets the rating and feedback writers write only their own partitions', () => {
    const expected: Record<string, string[]> = {
      'rate-case': ['CASE#*', 'STATS#*', 'IDEM#*'],
      'submit-feedback': ['FEEDBACK#*', 'IDEM#*'],
    };
    for (const [module, prefixes] of Object.entries(expected)) {
      const role = roleOf('api', module);
      const own = roleStatements(s.json).filter(({ roles }) => roles.includes(role));
      const updates = own.filter(({ statement }) => allows(statement, 'dynamodb:UpdateItem'));
      expect(updates, module).toHaveLength(1);
      expect(updates[0]!.statement.Condition, module).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
      for (const { statement } of own.filter(({ statement }) => allows(statement, 'dynamodb:PutItem'))) {
        expect(statement.Condition, module).toBeDefined();
      }
      expect(rolesAllowed('dynamodb:BatchWriteItem').has(role), module).toBe(false);
    }
    // Staff reading feedback only append to audit trails.
    expect(rolesAllowed('dynamodb:UpdateItem').has(roleOf('api', 'list-feedback'))).toBe(false);
  });

  it('lets no function write the whole table: every write is conditioned on partition-key prefixes', () => {
    const writes = roleStatements(s.json).filter(({ statement }) =>
      ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'].some((a) => allows(statement, a)),
    );
    expect(writes.length).toBeGreaterThan(20);
    for (const { statement, roles } of writes) {
      const keys = (statement.Condition as any)?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[] | undefined;
      expect(keys, roles.join(',')).toBeDefined();
      for (const k of keys!) expect(k, roles.join(',')).toMatch(/^[A-Z_]+(#\*)?$/);
    }
    expect(rolesAllowed('dynamodb:BatchWriteItem')).toEqual(new Set());
  });

  it('lets each step write only what it keeps: department checks their own case, completion the lock and totals, the seal its documents, stages the citizen hears of their message', () => {
    const prefixes = (m: string) =>
      roleStatements(s.json)
        .filter(({ roles, statement }) => roles.includes(roleOf('steps', m)) && allows(statement, 'dynamodb:UpdateItem'))
        .flatMap(({ statement }) => (statement.Condition as any)['ForAllValues:StringLike']['dynamodb:LeadingKeys'] as string[]);
    for (const m of ['check-hr', 'check-tax', 'check-medical', 'check-housing-fund', 'check-health']) expect(prefixes(m), m).toEqual(['CASE#*']);
    for (const m of ['decide', 'pre-review']) expect(prefixes(m).sort(), m).toEqual(['CASE#*', 'SMS#*']);
    expect(prefixes('notify').sort()).toEqual(['CASE#*', 'PERSON#*', 'SMS#*', 'STATS#*']);
    expect(prefixes('seal').sort()).toEqual(['CASE#*', 'DOC#*', 'PERSON#*', 'SMS#*', 'STATS#*']);
    expect(prefixes('expire-case').sort()).toEqual(['CASE#*', 'PERSON#*']);
  });

  it('gives the health check (卫健) the table to read and its own case to write, and nothing else: no documents, no key but the snapshot key, no workflow', () => {
    const role = roleOf('steps', 'check-health');
    const statements = roleStatements(s.json).filter(({ roles }) => roles.includes(role));
    const actions = statements.flatMap(({ statement }) => asArray(statement.Action));
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions.filter((a) => /^(s3|kms|states|sns|sqs):/.test(a))).toEqual(['kms:Decrypt']);
    const kms = statements.filter(({ statement }) => allows(statement, 'kms:Decrypt'));
    expect(kms.map(({ statement }) => statement.Resource)).toEqual([{ 'Fn::GetAtt': [logicalId(s.stack.snapshotKey.key), 'Arn'] }]);
    expect(actions).not.toContain('dynamodb:BatchWriteItem');
    const writes = statements.filter(({ statement }) => asArray(statement.Action).some((a) => /^dynamodb:(Put|Update|Delete)Item$/.test(a)));
    expect(writes.length).toBeGreaterThan(0);
    for (const { statement } of writes) expect((statement.Condition as any)['ForAllValues:StringLike']['dynamodb:LeadingKeys']).toEqual(['CASE#*']);
  });

  it('lets webhook subscriptions be written by their two routes only, on the one WEBHOOKS partition', () => {
    const writers = roleStatements(s.json).filter(
      ({ statement }) => allows(statement, 'dynamodb:PutItem') && JSON.stringify(statement.Condition ?? {}).includes('"WEBHOOKS"'),
    );
    expect(new Set(writers.flatMap(({ roles }) => roles))).toEqual(new Set([roleOf('api', 'create-webhook'), roleOf('api', 'delete-webhook')]));
  });

  it('lets only webhook creation encrypt and only webhook delivery decrypt with the secrets key, each for a subscription only', () => {
    const key = logicalId(s.stack.secretsKey.key);
    const onKey = (action: string) =>
      roleStatements(s.json).filter(({ statement }) => allows(statement, action) && JSON.stringify(statement.Resource).includes(key));
    const deliverer = refId(s.json.Resources[logicalId(s.stack.functions.webhooks.get(WEBHOOK_MODULES.deliver)!)]!.Properties.Role)!;
    expect(new Set(onKey('kms:Encrypt').flatMap(({ roles }) => roles))).toEqual(new Set([roleOf('api', 'create-webhook')]));
    expect(new Set(onKey('kms:Decrypt').flatMap(({ roles }) => roles))).toEqual(new Set([deliverer]));
    for (const { statement } of [...onKey('kms:Encrypt'), ...onKey('kms:Decrypt')]) {
      expect(statement.Condition).toEqual({ StringLike: { 'kms:EncryptionContext:subscription': 'wh_*' } });
    }
    expect(s.json.Resources[key]!.Properties.EnableKeyRotation).toBe(true);
  });

  it('lets only the pre-review seal and only the five checks and Decide open what a step hands the next, under data keys of the snapshot key for that purpose only', () => {
    const key = logicalId(s.stack.snapshotKey.key);
    const onKey = (action: string) =>
      roleStatements(s.json).filter(({ statement }) => allows(statement, action) && JSON.stringify(statement.Resource).includes(key));
    expect(new Set(onKey('kms:GenerateDataKey').flatMap(({ roles }) => roles))).toEqual(new Set([roleOf('steps', 'pre-review')]));
    const openers = ['check-hr', 'check-tax', 'check-medical', 'check-housing-fund', 'check-health', 'decide'].map((m) => roleOf('steps', m));
    expect(new Set(onKey('kms:Decrypt').flatMap(({ roles }) => roles))).toEqual(new Set(openers));
    expect(onKey('kms:Encrypt')).toEqual([]);
    for (const { statement } of [...onKey('kms:GenerateDataKey'), ...onKey('kms:Decrypt')]) {
      expect(statement.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:purpose': 'case-steps-snapshot' } });
    }
    expect(s.json.Resources[key]!.Properties.EnableKeyRotation).toBe(true);
  });

  it('lets only the two bookings (the person’s and the employer’s filing), the supervisor retry and the case workflow (its checks) start executions, and only the signalling functions resume them', () => {
    expect(rolesAllowed('states:StartExecution')).toEqual(
      new Set([
        roleOf('api', 'create-booking'),
        roleOf('api', 'create-employer-filing'),
        roleOf('api', 'retry-case'),
        logicalId(s.stack.workflow.stateMachine.role),
      ]),
    );
    expect(rolesAllowed('states:SendTaskSuccess')).toEqual(
      new Set([
        roleOf('api', 'submit-application'),
        roleOf('api', 'submit-review'),
        roleOf('api', 'submit-supplement'),
        roleOf('api', 'recheck-department'),
        roleOf('api', 'withdraw-case'),
        roleOf('steps', 'await-signal'),
      ]),
    );
  });

  it('uses Resource "*" only for X-Ray and CloudWatch Logs delivery actions, the stream poller’s ListStreams and the SMS job’s phone numbers', () => {
    const star = roleStatements(s.json).filter(({ statement }) => statement.Effect === 'Allow' && asArray(statement.Resource).includes('*'));
    const actions = new Set(star.flatMap(({ statement }) => asArray(statement.Action)));
    for (const a of actions)
      expect(a, a).toMatch(
        /^(xray:|logs:(Create|Delete|Get|Update)LogDelivery$|logs:ListLogDeliveries$|logs:(PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$|dynamodb:ListStreams$|sns:Publish$)/,
      );
    // ListStreams (granted by CDK's DynamoEventSource) only to the webhook enqueuer, the one stream consumer.
    const enqueuer = refId(s.json.Resources[logicalId(s.stack.functions.webhooks.get(WEBHOOK_MODULES.enqueue)!)]!.Properties.Role)!;
    const listing = star.filter(({ statement }) => asArray(statement.Action).includes('dynamodb:ListStreams')).flatMap(({ roles }) => roles);
    expect(new Set(listing)).toEqual(new Set([enqueuer]));
    // sns:Publish on * (a phone number is no resource) only to the text-message job (tests/infra/sms-dispatch.test.ts).
    const smsJob = refId(s.json.Resources[logicalId(s.stack.functions.sms.get(SMS_MODULES.dispatch)!)]!.Properties.Role)!;
    const publishing = star.filter(({ statement }) => asArray(statement.Action).includes('sns:Publish')).flatMap(({ roles }) => roles);
    expect(new Set(publishing)).toEqual(new Set([smsJob]));
  });

  it('attaches no managed policies to any role but CodeDeploy’s (one per stack with groups), which get AWS’s limited Lambda policy alone', () => {
    const codeDeploy = [s.stack.deployment.role, s.stack.apiFunctions.deployment!.role].map(logicalId);
    expect(new Set(codeDeploy).size).toBe(2);
    const roles = Object.entries(s.json.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    for (const [id, r] of roles) if (!codeDeploy.includes(id)) expect(r.Properties.ManagedPolicyArns, id).toBeUndefined();
    for (const id of codeDeploy) {
      expect(JSON.stringify(s.json.Resources[id]!.Properties.ManagedPolicyArns)).toMatch(
        /^\[\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":iam::aws:policy\/service-role\/AWSCodeDeployRoleForLambdaLimited"\]\]\}\]$/,
      );
    }
  });
});

describe('the department call signing key', () => {
  // Written out rather than read from the access tables: these are the modules that call a department system.
  const CALLERS = {
    steps: ['check-hr', 'check-tax', 'check-medical', 'check-housing-fund', 'check-health'],
    // The employer's batch filing asks HR about each retiree before booking.
    api: ['prefill', 'recheck-department', 'create-employer-filing'],
  } as const;

  // Two secrets in the stack: this key and CloudFront's origin header (tests/infra/origin.test.ts).
  const secretId = () => {
    const id = logicalId(s.stack.functions.departmentSecret.secret);
    expect(s.json.Resources[id]?.Type).toBe('AWS::SecretsManager::Secret');
    return id;
  };
  const fnResource = (fn: unknown) => s.json.Resources[logicalId(fn as never)]!;

  it('is a Secrets Manager secret with a generated value, kept when the stack goes', () => {
    const secret = s.json.Resources[secretId()]!;
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.DeletionPolicy).toBe('Retain');
  });

  it('is readable by the functions that call departments only, and by no one else', () => {
    const onSecret = (r: unknown) => refId(r) === secretId() || cfnText(r).includes(secretId());
    const readers = new Set(
      roleStatements(s.json)
        .filter(({ statement }) => allows(statement, 'secretsmanager:GetSecretValue') && asArray(statement.Resource).some(onSecret))
        .flatMap(({ roles }) => roles),
    );
    const smsJob = refId(fnResource(s.stack.functions.sms.get(SMS_MODULES.dispatch)).Properties.Role)!;
    expect(readers).toEqual(new Set([...CALLERS.steps.map((m) => roleOf('steps', m)), ...CALLERS.api.map((m) => roleOf('api', m)), smsJob]));
    // No statement anywhere reads every secret.
    const anySecret = roleStatements(s.json).filter(
      ({ statement }) => allows(statement, 'secretsmanager:GetSecretValue') && asArray(statement.Resource).some((r) => cfnText(r) === '*'),
    );
    expect(anySecret).toEqual([]);
  });

  it('is named to those functions only (DEPARTMENT_KEY_SECRET_ARN)', () => {
    const named = new Set<string>();
    for (const [kind, fns] of [
      ['api', s.stack.functions.api],
      ['steps', s.stack.functions.steps],
      ['sms', s.stack.functions.sms],
      ['webhooks', s.stack.functions.webhooks],
      ['sla', s.stack.functions.sla],
    ] as const) {
      for (const [m, fn] of fns) if (fnResource(fn).Properties.Environment?.Variables?.DEPARTMENT_KEY_SECRET_ARN) named.add(`${kind}/${m}`);
    }
    expect(named).toEqual(new Set([...CALLERS.steps.map((m) => `steps/${m}`), ...CALLERS.api.map((m) => `api/${m}`), `sms/${SMS_MODULES.dispatch}`]));
  });
});
