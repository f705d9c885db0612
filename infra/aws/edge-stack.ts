import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ClientRateLimits } from './client-rate-limits.ts';
import { readEdgeConfig } from './config.ts';

/**
 * What CloudFront needs from us-east-1: the web ACL with the per-client throttles. Deployed once per account
 * before RetireOneStack, whose distribution takes its ARN as context webAclArn (a CloudFront web ACL cannot
 * live in the stack's own region, and a cross-region reference would add custom resources for one string).
 */
export class RetireOneEdgeStack extends Stack {
  readonly limits: ClientRateLimits;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description: 'RetireOne 退休一件事: edge protection for the CloudFront distribution (us-east-1)',
      ...props,
      env: { region: 'us-east-1', ...props.env },
    });
    const config = readEdgeConfig(this.node);
    this.limits = new ClientRateLimits(this, 'ClientRateLimits', { perClient: config.clientRateLimit, perAddress: config.addressRateLimit });
    new CfnOutput(this, 'WebAclArn', { value: this.limits.webAcl.attrArn, description: 'pass to RetireOneStack as -c webAclArn=...' });
  }
}
