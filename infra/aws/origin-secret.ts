import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The value CloudFront sends the API in the origin header (functions/api/http/through-the-site.ts), so that API
 * Gateway's own execute-api address, reachable by anyone, answers 403 to whoever bypasses the site (and with it the
 * web ACL and the response headers). Secrets Manager generates it at deploy; the distribution takes it through a
 * `{{resolve:secretsmanager:…}}` dynamic reference (CloudFormation user guide, "Get a secret or secret value from
 * Secrets Manager": usable in all resource properties), so the template holds only the secret's ARN.
 */
export class OriginSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'RetireOne: the header value CloudFront sends the API; requests without it are refused',
      // Letters and digits only: it travels as an HTTP header value.
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not a credential of a person or a database: a shared value between our own CloudFront distribution and our own API. ' +
        'Rotation means a new value (put-secret-value) and a stack update, which gives CloudFront the new value; see infra/aws/README.md.',
    });
  }

  /** What CloudFront sends: resolved by CloudFormation at deploy, never written into the template. */
  get headerValue(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }

  grantRead(grantee: IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
