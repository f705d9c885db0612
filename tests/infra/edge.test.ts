import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import nag from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { RetireOneEdgeStack } from '../../infra/aws/edge-stack.ts';
import { PROJECT_ROOT } from '../../infra/aws/retireone-stack.ts';
import { synth } from './support/synth.ts';

/** As `cdk synth` does it: cdk.json's context and feature flags (template validation included), cdk-nag. */
function edge(context: Record<string, unknown> = {}) {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'retireone-edge-')), context: { ...cdkJson.context, ...context } });
  const stack = new RetireOneEdgeStack(app, 'RetireOneEdgeStack');
  Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

const rules = (t: Template) => {
  const [acl] = Object.values(t.findResources('AWS::WAFv2::WebACL')) as [{ Properties: Record<string, any> }];
  return { acl: acl.Properties, byName: Object.fromEntries((acl.Properties.Rules as Array<Record<string, any>>).map((r) => [r.Name, r])) };
};

const apiOnly = {
  ByteMatchStatement: {
    FieldToMatch: { UriPath: {} },
    PositionalConstraint: 'STARTS_WITH',
    SearchString: '/v1/',
    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
  },
};
const tooMany = { Block: { CustomResponse: { ResponseCode: 429, ResponseHeaders: [{ Name: 'retry-after', Value: '60' }] } } };

describe('per-client throttles (the us-east-1 edge stack)', () => {
  it('is pinned to us-east-1, where CloudFront web ACLs live, and outputs the ARN for webAclArn', () => {
    const { stack, template } = edge();
    expect(stack.region).toBe('us-east-1');
    const [aclId] = Object.keys(template.findResources('AWS::WAFv2::WebACL'));
    template.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [aclId, 'Arn'] } });
  });

  it('limits each bearer token on /v1/* per minute, keyed on the Authorization header, with a 429 and Retry-After', () => {
    const { acl, byName } = rules(edge().template);
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(byName.PerClient.Action).toEqual(tooMany);
    expect(byName.PerClient.Statement.RateBasedStatement).toEqual({
      Limit: 300,
      EvaluationWindowSec: 60,
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
      ScopeDownStatement: apiOnly,
    });
  });

  it('bounds each source address on /v1/* more widely (anonymous callers, token minting)', () => {
    const { byName } = rules(edge().template);
    expect(byName.PerAddress.Action).toEqual(tooMany);
    expect(byName.PerAddress.Statement.RateBasedStatement).toEqual({
      Limit: 1200,
      EvaluationWindowSec: 60,
      AggregateKeyType: 'IP',
      ScopeDownStatement: apiOnly,
    });
  });

  it('takes the limits from context, refusing what WAF would refuse', () => {
    const { byName } = rules(edge({ clientRateLimit: 120, addressRateLimit: 600 }).template);
    expect(byName.PerClient.Statement.RateBasedStatement.Limit).toBe(120);
    expect(byName.PerAddress.Statement.RateBasedStatement.Limit).toBe(600);
    expect(() => edge({ clientRateLimit: 5 })).toThrow(/at least 10/);
  });

  it('is what the main stack’s distribution attaches when given webAclArn', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/retireone-client-rate-limits/abc';
    const s = synth({ webAclArn: arn });
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: { WebACLId: arn } });
  });
});
