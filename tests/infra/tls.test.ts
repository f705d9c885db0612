/**
 * TLS 1.2 or later wherever a client or a service talks to the product: buckets refuse older TLS, CloudFront
 * speaks TLS 1.2 to the API and serves a custom domain with TLSv1.2_2021, and queues and topics refuse plain HTTP.
 * (API Gateway HTTP APIs accept TLS 1.2 only on their execute-api address; with the default *.cloudfront.net
 * certificate CloudFront fixes the viewer minimum itself, infra/aws/nag.ts AwsSolutions-CFR4.)
 */
import { describe, expect, it } from 'vitest';
import { asArray, synth } from './support/synth.ts';

describe('TLS 1.2 or later', () => {
  const s = synth({ domainName: 'tuixiu.example.gov.cn', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' });
  const ofType = (type: string) => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);

  it('is required by every bucket’s policy (a Deny below s3:TlsVersion 1.2, and on plain HTTP)', () => {
    const buckets = ofType('AWS::S3::Bucket');
    const policies = ofType('AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(buckets.length);
    for (const [id, p] of policies) {
      const statements = asArray(p.Properties.PolicyDocument.Statement) as any[];
      expect(
        statements.some((x) => x.Effect === 'Deny' && x.Condition?.NumericLessThan?.['s3:TlsVersion'] === 1.2),
        id,
      ).toBe(true);
      expect(
        statements.some((x) => x.Effect === 'Deny' && x.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
        id,
      ).toBe(true);
    }
  });

  it('is what CloudFront serves the custom domain with and speaks to the API', () => {
    const [[, dist]] = ofType('AWS::CloudFront::Distribution') as [[string, any]];
    expect(dist.Properties.DistributionConfig.ViewerCertificate.MinimumProtocolVersion).toBe('TLSv1.2_2021');
    const api = (dist.Properties.DistributionConfig.Origins as any[]).find((o) => o.CustomOriginConfig);
    expect(api.CustomOriginConfig.OriginSSLProtocols).toEqual(['TLSv1.2']);
    for (const b of [dist.Properties.DistributionConfig.DefaultCacheBehavior, ...dist.Properties.DistributionConfig.CacheBehaviors]) {
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
    }
  });

  it('is required by the alarm topic and the failure queue (no plain HTTP)', () => {
    const secure = (doc: any) => asArray(doc.Statement).some((x: any) => x.Effect === 'Deny' && x.Condition?.Bool?.['aws:SecureTransport'] === 'false');
    const topicPolicies = ofType('AWS::SNS::TopicPolicy');
    const queuePolicies = ofType('AWS::SQS::QueuePolicy');
    expect(topicPolicies.length).toBeGreaterThan(0);
    expect(queuePolicies.length).toBeGreaterThan(0);
    for (const [id, p] of [...topicPolicies, ...queuePolicies]) expect(secure(p.Properties.PolicyDocument), id).toBe(true);
  });
});
