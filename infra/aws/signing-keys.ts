import { DefaultStackSynthesizer, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  AnyPrincipal,
  ArnPrincipal,
  Effect,
  type IPrincipal,
  type IRole,
  PolicyDocument,
  PolicyStatement,
  Role,
} from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The bodies whose seal goes on an answer. Tax issues nothing of its own in this service; health (卫健) its reward notice. */
export const ISSUING_BODIES = ['one-stop', 'hr', 'medical', 'housing-fund', 'health'] as const;
export type IssuingBody = (typeof ISSUING_BODIES)[number];

/**
 * Who may do what with a seal key, in the key policy itself (KMS ignores IAM for a principal the key policy does
 * not delegate to). The account root is deliberately NOT given `kms:*`, `kms:CreateGrant` or `kms:PutKeyPolicy`:
 * with the usual delegation any administrator could grant themselves kms:Sign, and a seal anyone can apply is
 * worthless.
 * - The account may only look (describe, list, read the public key and policy): audits and the console work.
 * - CloudFormation's execution role (trusted by the CloudFormation service alone) may change the key policy and
 *   aliases, so a reviewed stack deployment can still change who signs.
 * - A break-glass role (context `keyAdminRoleArn`, or one created here that the account can assume only with MFA)
 *   may do the same by hand, for an incident.
 * - Nobody may schedule a key's deletion or create a grant: an explicit Deny no other statement can lift.
 *   Lifting it takes a new key policy, which only the two roles above can write, and leaves a CloudTrail record.
 */
const OBSERVE_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetPublicKey',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
];
export const KEY_ADMIN_ACTIONS = [
  ...OBSERVE_ACTIONS,
  'kms:PutKeyPolicy',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:RevokeGrant',
  'kms:RetireGrant',
];
export const DENIED_TO_EVERYONE = ['kms:ScheduleKeyDeletion', 'kms:CreateGrant'];
export const SIGN_ACTIONS = ['kms:Sign', 'kms:GetPublicKey'];

function keyPolicy(breakGlass: IPrincipal, deployer: IPrincipal): PolicyDocument {
  return new PolicyDocument({
    statements: [
      new PolicyStatement({ sid: 'AccountObserves', principals: [new AccountRootPrincipal()], actions: OBSERVE_ACTIONS, resources: ['*'] }),
      new PolicyStatement({ sid: 'KeyAdministration', principals: [breakGlass, deployer], actions: KEY_ADMIN_ACTIONS, resources: ['*'] }),
      new PolicyStatement({ sid: 'NoDeletionNoGrants', effect: Effect.DENY, principals: [new AnyPrincipal()], actions: DENIED_TO_EVERYONE, resources: ['*'] }),
    ],
  });
}

/** The CDK bootstrap's CloudFormation execution role, which only the CloudFormation service can assume. */
function deploymentRole(scope: Construct): IPrincipal {
  const synthesizer = Stack.of(scope).synthesizer;
  if (synthesizer instanceof DefaultStackSynthesizer) return new ArnPrincipal(Fn.sub(synthesizer.cloudFormationExecutionRoleArn));
  throw new Error('SealKeys needs the DefaultStackSynthesizer: the key policy names its CloudFormation execution role');
}

/** One ECDSA P-256 signing key per issuing body, created in KMS and never leaving it. */
export class SealKeys extends Construct {
  readonly keys: ReadonlyMap<IssuingBody, Key>;

  /** The role that can rewrite the seal keys' policies by hand; give it to no one day to day. */
  readonly breakGlass: IPrincipal;

  constructor(scope: Construct, id: string, props: { keyAdminRoleArn?: string } = {}) {
    super(scope, id);
    this.breakGlass = props.keyAdminRoleArn
      ? new ArnPrincipal(props.keyAdminRoleArn)
      : new Role(this, 'BreakGlass', {
          description: 'RetireOne seal keys: break-glass key administration (assume with MFA, for incidents only)',
          assumedBy: new AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
          maxSessionDuration: Duration.hours(1),
        });
    const deployer = deploymentRole(this);
    const keys = new Map<IssuingBody, Key>();
    for (const body of ISSUING_BODIES) {
      const key = new Key(this, `Seal-${body}`, {
        description: `RetireOne e-seal signing key of ${body}`,
        keySpec: KeySpec.ECC_NIST_P256,
        keyUsage: KeyUsage.SIGN_VERIFY,
        // No KMS alias: the functions name each key by ARN (SEAL_KMS_KEY_IDS), and five aliases would cost five of
        // the stack's 500 resources; the description names the body.
        // Losing a seal key would make every document it signed unverifiable against KMS.
        removalPolicy: RemovalPolicy.RETAIN,
        // One document per key: grantSign adds to each key's own policy.
        policy: keyPolicy(this.breakGlass, deployer),
      });
      keys.set(body, key);
    }
    this.keys = keys;
  }

  /** Lets exactly this role sign: in each key policy and in the role's own policy. */
  grantSign(role: IRole): void {
    for (const key of this.keys.values()) {
      key.addToResourcePolicy(new PolicyStatement({ sid: 'SealFunctionSigns', principals: [role], actions: SIGN_ACTIONS, resources: ['*'] }));
      key.grant(role, ...SIGN_ACTIONS);
    }
  }

  /** `{"one-stop":"arn:…","hr":"arn:…",…}` for SEAL_KMS_KEY_IDS. */
  keyIdsJson(scope: Construct): string {
    return Stack.of(scope).toJsonString(Object.fromEntries([...this.keys].map(([body, key]) => [body, key.keyArn])));
  }
}
