import { RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The symmetric key the product's own secrets are encrypted under (webhook signing secrets,
 * functions/adapters/kms-secret-box.ts). Each use must name the subscription as encryption context: a role
 * may seal or open a webhook secret, and nothing else, with it; CloudTrail records which subscription.
 */
export class SecretsKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts RetireOne webhook signing secrets (encryption context: subscription)',
      enableKeyRotation: true,
      // Losing the key loses every subscription's secret: platforms would have to subscribe again.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  grant(grantee: IGrantable, use: 'seal' | 'open'): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [use === 'seal' ? 'kms:Encrypt' : 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringLike: { 'kms:EncryptionContext:subscription': 'wh_*' } },
      }),
    );
  }
}
