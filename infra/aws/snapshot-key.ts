import { RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { SNAPSHOT_PURPOSE } from '../../functions/shared/access.ts';

/**
 * The symmetric key under whose data keys a step seals what it hands the next steps of a run about a case
 * (functions/adapters/kms-envelope-box.ts, functions/steps/case-snapshot.ts). Every data key names the purpose as
 * encryption context, and the grants require it, so this key seals and opens nothing else. What it seals lives for
 * one run (minutes): a run that cannot open its copy fails and is run again, from a new pre-review.
 */
export class SnapshotKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Seals what one RetireOne workflow step hands the next (encryption context purpose: ${SNAPSHOT_PURPOSE})`,
      enableKeyRotation: true,
      // Kept on stack deletion like every key of the stack (infra/aws/README.md), though what it seals outlives no run.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  grant(grantee: IGrantable, use: 'seal' | 'open'): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [use === 'seal' ? 'kms:GenerateDataKey' : 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': SNAPSHOT_PURPOSE } },
      }),
    );
  }
}
