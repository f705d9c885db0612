import { RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The key department calls are signed with (HMAC-SHA256, functions/departments/signing.ts; docs/department-calls.md):
 * a Secrets Manager secret whose value CloudFormation generates, so no person ever sees it. Only the functions that
 * call a department read it (`departments: 'call'` in their access entry), once per container
 * (functions/departments/signing-key.ts). The departments receive the same value through their own channel.
 */
export class DepartmentSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Key', {
      description: 'RetireOne department call signing key (HMAC-SHA256), shared with the department gateways',
      // 64 letters and digits: 380 bits, beyond SHA-256's block-size guidance for HMAC keys, and no character that
      // a department's configuration could mangle.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Losing it stops every department call until a new key is agreed with each department.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  grantRead(grantee: IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
