/**
 * The China regions' variant (`-c partition=aws-cn`): what CloudFront there lacks is not used, and what stands in
 * for it is there. cfn-lint checks it for cn-north-1 and cn-northwest-1 (tests/infra/cfn-lint.test.ts).
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { RetireOneStack } from '../../infra/aws/retireone-stack.ts';
import { synth, TEST_CONTEXT } from './support/synth.ts';

const CHINA = { partition: 'aws-cn', domainName: 'tuixiu.example.gov.cn', iamCertificateId: 'ASCAEXAMPLECERTIFICATE1' };

describe('the China variant', () => {
  const s = synth(CHINA);
  const ofType = (type: string) => Object.values(s.json.Resources).filter((r) => r.Type === type);
  const distribution = () => ofType('AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig;

  it('has no CloudFront Function and no Origin Access Control; the bucket is reached through an Origin Access Identity', () => {
    expect(ofType('AWS::CloudFront::Function')).toEqual([]);
    expect(ofType('AWS::CloudFront::OriginAccessControl')).toEqual([]);
    expect(ofType('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(1);
    const s3Origin = distribution().Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBeTruthy();
    expect(distribution().DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
  });

  it('serves the ICP-filed domain with the IAM server certificate, TLS 1.2 or later', () => {
    expect(distribution().Aliases).toEqual([CHINA.domainName]);
    expect(distribution().ViewerCertificate).toEqual({
      IamCertificateId: CHINA.iamCertificateId,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('prints QR links to /verify/index.html#{id}, which the page reads without path routing', () => {
    // The product's functions (the site deployment's own Lambda prints nothing).
    const envs = ofType('AWS::Lambda::Function')
      .map((f) => f.Properties.Environment?.Variables ?? {})
      .filter((e) => 'TABLE_NAME' in e);
    expect(envs.length).toBeGreaterThan(20);
    expect(envs.every((e) => e.VERIFY_PAGE_PATH === '/verify/index.html#')).toBe(true);
  });

  it('refuses a China synth without its domain and certificate, with an ACM certificate, or with a web ACL', () => {
    const attempt = (context: Record<string, unknown>) => () =>
      new RetireOneStack(new App({ context: { ...TEST_CONTEXT, skipBundling: true, ...context } }), 'RetireOneStack');
    expect(attempt({ partition: 'aws-cn' })).toThrow(/domainName \(ICP-filed\) and iamCertificateId/);
    expect(attempt({ ...CHINA, certificateArn: 'arn:aws-cn:acm:cn-north-1:1:certificate/x' })).toThrow(/no certificateArn/);
    expect(attempt({ ...CHINA, webAclArn: 'arn:aws:wafv2:us-east-1:1:global/webacl/x' })).toThrow(/no CloudFront web ACL/);
    expect(attempt({ partition: 'aws-gov' })).toThrow(/partition must be aws or aws-cn/);
  });
});

describe('the default variant', () => {
  it('keeps QR links at /verify/{id} (the page routing Function is there)', () => {
    const s = synth();
    const envs = Object.values(s.json.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((f) => f.Properties.Environment?.Variables ?? {});
    expect(envs.some((e) => 'VERIFY_PAGE_PATH' in e)).toBe(false);
    expect(Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::CloudFront::Function')).toHaveLength(1);
  });
});
