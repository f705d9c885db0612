import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, PolicyDocument, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The bodies whose seal goes on an answer. Tax issues nothing of its own in this service. */
export const ISSUING_BODIES = ['one-stop', 'hr', 'medical', 'housing-fund'] as const;
export type IssuingBody = (typeof ISSUING_BODIES)[number];

export const sealKeyAlias = (body: IssuingBody): string => `alias/retireone/seal/${body}`;

/**
 * Key administration only. The account root deliberately does NOT get `kms:*`: with the usual
 * delegation any IAM policy in the account could grant kms:Sign, and a seal anyone can apply is
 * worthless. Signing is granted in the key policy to the seal function's role alone.
 */
const ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];
export const SIGN_ACTIONS = ['kms:Sign', 'kms:GetPublicKey'];

/** One ECDSA P-256 signing key per issuing body, created in KMS and never leaving it. */
export class SealKeys extends Construct {
  readonly keys: ReadonlyMap<IssuingBody, Key>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const keys = new Map<IssuingBody, Key>();
    for (const body of ISSUING_BODIES) {
      const key = new Key(this, `Seal-${body}`, {
        description: `RetireOne e-seal signing key of ${body}`,
        keySpec: KeySpec.ECC_NIST_P256,
        keyUsage: KeyUsage.SIGN_VERIFY,
        alias: sealKeyAlias(body),
        // Losing a seal key would make every document it signed unverifiable against KMS.
        removalPolicy: RemovalPolicy.RETAIN,
        policy: new PolicyDocument({
          statements: [new PolicyStatement({ sid: 'KeyAdministration', principals: [new AccountRootPrincipal()], actions: ADMIN_ACTIONS, resources: ['*'] })],
        }),
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
