import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../infra/local/static-files.ts';
import { PROJECT_ROOT } from '../../infra/aws/retireone-stack.ts';
import { asArray, cfnText, logicalId, refId, synth, type Resource, type Statement, type Synth } from './support/synth.ts';

let s: Synth;
const ofType = (type: string): Array<[string, Resource]> => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);
const WEB = join(PROJECT_ROOT, 'web');

beforeAll(() => {
  s = synth();
});

const distribution = (): Resource => s.json.Resources[logicalId(s.stack.site.distribution)]!;
const config = (): Record<string, any> => distribution().Properties.DistributionConfig;
const originOf = (behaviour: { TargetOriginId: string }): Record<string, any> =>
  (config().Origins as Array<Record<string, any>>).find((o) => o.Id === behaviour.TargetOriginId)!;

/** The viewer-request function exactly as deployed: its code from the template, evaluated. */
function viewerRequest(): (event: { request: { uri: string } }) => { uri: string } {
  const [[, fn]] = ofType('AWS::CloudFront::Function') as [[string, Resource]];
  expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  return new Function(`${fn.Properties.FunctionCode as string}\nreturn handler;`)();
}
const rewrite = (uri: string): string => viewerRequest()({ request: { uri } }).uri;

/** What the embedded hosting answers for a GET of `path`: status, headers, body. */
async function local(path: string): Promise<{ served: boolean; headers: Record<string, string>; body?: Buffer }> {
  let headers: Record<string, string> = {};
  let body: Buffer | undefined;
  const res = {
    writeHead: (_status: number, h: Record<string, string>) => void (headers = h),
    end: (b?: Buffer) => void (body = b),
  } as unknown as ServerResponse;
  const served = await staticFiles(WEB)({ method: 'GET' } as IncomingMessage, res, new URL(path, 'http://localhost'));
  return { served, headers, body };
}

describe('CloudFront distribution', () => {
  it('serves the site bucket by default through Origin Access Control, with the page-route function', () => {
    const behaviour = config().DefaultCacheBehavior;
    const origin = originOf(behaviour);
    expect(refId(origin.DomainName)).toBe(logicalId(s.stack.site.bucket));
    const oacId = refId(origin.OriginAccessControlId)!;
    const oac = s.json.Resources[oacId]!;
    expect(oac.Type).toBe('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behaviour.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId(s.stack.site.viewerRequest!), 'FunctionARN'] } },
    ]);
  });

  it('sends /v1/* and /health to the HTTP API: all methods, nothing cached, every viewer header but Host', () => {
    const behaviours = config().CacheBehaviors as Array<Record<string, any>>;
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/health', '/v1/*']);
    for (const b of behaviours) {
      const origin = originOf(b as { TargetOriginId: string });
      expect(cfnText(origin.DomainName)).toBe(`{{${logicalId(s.stack.api.httpApi)}}}.execute-api.{{AWS::Region}}.{{AWS::URLSuffix}}`);
      expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      expect(b.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(b.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
      expect(b.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(refId(b.ResponseHeadersPolicyId)).toBe(logicalId(s.stack.site.headers));
    }
  });

  it('has no custom error responses (they would replace the API problem+json answers too)', () => {
    expect(config().CustomErrorResponses).toBeUndefined();
  });

  it('writes standard logs to an ACL-enabled, private, encrypted log bucket', () => {
    expect(refId(config().Logging.Bucket)).toBe(logicalId(s.stack.site.logs));
    const logs = s.json.Resources[logicalId(s.stack.site.logs)]!;
    expect(logs.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'ObjectWriter' }]);
    expect(logs.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(logs.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(logs.DeletionPolicy).toBe('Retain');
  });

  it('uses the default certificate without context, and the custom domain with TLSv1.2_2021 when given', () => {
    expect(config().Aliases).toBeUndefined();
    const custom = synth({ domainName: 'tuixiu.example.gov.cn', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' });
    const d = custom.json.Resources[logicalId(custom.stack.site.distribution)]!.Properties.DistributionConfig;
    expect(d.Aliases).toEqual(['tuixiu.example.gov.cn']);
    expect(d.ViewerCertificate).toEqual({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect((custom.json.Outputs.SiteUrl as { Value: unknown }).Value).toBe('https://tuixiu.example.gov.cn');
  });

  it('refuses a domain without a certificate and the reverse', () => {
    expect(() => synth({ domainName: 'tuixiu.example.gov.cn' })).toThrow(/domainName and certificateArn go together/);
    expect(() => synth({ certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' })).toThrow(/go together/);
  });

  it('attaches a WAF web ACL when webAclArn is given', () => {
    expect(config().WebACLId).toBeUndefined();
    const arn = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/retireone/abc';
    const waf = synth({ webAclArn: arn });
    expect(waf.json.Resources[logicalId(waf.stack.site.distribution)]!.Properties.DistributionConfig.WebACLId).toBe(arn);
  });

  it('outputs SiteUrl: https:// + the distribution domain', () => {
    expect(cfnText((s.json.Outputs.SiteUrl as { Value: unknown }).Value)).toBe(`https://{{${logicalId(s.stack.site.distribution)}}}`);
  });
});

describe('page routes (viewer-request function)', () => {
  it.each([
    ['/verify/RT20261124ABCDEF-01', '/verify/index.html'],
    ['/verify/RT20261124ABCDEF-01/', '/verify/index.html'],
    ['/verify', '/verify/index.html'],
    ['/verify/', '/verify/index.html'],
    ['/staff/', '/staff/index.html'],
    ['/staff', '/staff/index.html'],
    ['/staff/queue', '/staff/index.html'],
    ['/', '/index.html'],
    ['/app.js', '/app.js'],
    ['/style.css', '/style.css'],
    ['/verify/verify.js', '/verify/verify.js'],
    ['/staff/staff.js', '/staff/staff.js'],
    ['/lib/api.js', '/lib/api.js'],
    ['/nowhere', '/nowhere'],
  ])('%s → %s', (uri, expected) => {
    expect(rewrite(uri)).toBe(expected);
  });

  it('serves the same file as the embedded hosting for every path it serves', async () => {
    for (const path of [
      '/',
      '/staff/',
      '/staff',
      '/staff/queue',
      '/verify',
      '/verify/RT20261124ABCDEF-01',
      '/app.js',
      '/style.css',
      '/verify/verify.js',
      '/staff/staff.css',
      '/lib/api.js',
    ]) {
      const answer = await local(path);
      expect(answer.served, path).toBe(true);
      const key = rewrite(path).slice(1);
      expect(readFileSync(join(WEB, key)).equals(answer.body!), `${path} → ${key}`).toBe(true);
    }
  });

  it('knows every page directory of web/', () => {
    const pages: string[] = [];
    const walk = (dir: string): void => {
      if (existsSync(join(dir, 'index.html'))) pages.push(relative(WEB, dir));
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
    };
    walk(WEB);
    expect(pages).toEqual(expect.arrayContaining(['', 'staff', 'verify']));
    for (const page of pages.filter(Boolean)) {
      expect(rewrite(`/${page}`), page).toBe(`/${page}/index.html`);
      expect(rewrite(`/${page}/some-argument`), page).toBe(`/${page}/index.html`);
    }
  });
});

describe('response headers policy', () => {
  const security = (): Record<string, any> => s.json.Resources[logicalId(s.stack.site.headers)]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;

  it('carries the CSP the embedded hosting sends', async () => {
    const { headers } = await local('/');
    expect(security().ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: headers['content-security-policy'], Override: true });
    expect(security().ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  });

  it('adds HSTS, nosniff, frame-options DENY and no referrer, as the embedded hosting does', async () => {
    const { headers } = await local('/');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(security().StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true });
    expect(security().ContentTypeOptions).toEqual({ Override: true });
    expect(security().FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security().ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
  });
});

describe('site bucket', () => {
  const bucket = (): Resource => s.json.Resources[logicalId(s.stack.site.bucket)]!;

  it('is private, encrypted, versioned and retained', () => {
    const b = bucket();
    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(b.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(refId(b.Properties.LoggingConfiguration.DestinationBucketName)).toBe(logicalId(s.stack.documents.accessLogs));
    expect(b.DeletionPolicy).toBe('Retain');
    expect(b.Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('is readable only by this distribution (CloudFront service principal, SourceArn condition), over TLS', () => {
    const id = logicalId(s.stack.site.bucket);
    const [[, policy]] = ofType('AWS::S3::BucketPolicy').filter(([, p]) => refId(p.Properties.Bucket) === id) as [[string, Resource]];
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    const [allow] = allows as [Statement];
    expect(allow.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(asArray(allow.Action)).toEqual(['s3:GetObject']);
    expect(cfnText(allow.Resource)).toBe(`{{${id}}}/*`);
    const sourceArn = (allow.Condition as { StringEquals: Record<string, unknown> }).StringEquals['AWS:SourceArn'];
    expect(cfnText(sourceArn)).toBe(`arn:{{AWS::Partition}}:cloudfront::{{AWS::AccountId}}:distribution/{{${logicalId(s.stack.site.distribution)}}}`);
    const deny = statements.find((st) => st.Effect === 'Deny')!;
    expect(deny.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  it('is filled from web/ by a BucketDeployment that prunes and sets a short max-age', () => {
    const [[, deployment]] = ofType('Custom::CDKBucketDeployment') as [[string, Resource]];
    expect(refId(deployment.Properties.DestinationBucketName)).toBe(logicalId(s.stack.site.bucket));
    expect(deployment.Properties.Prune).toBe(true);
    expect(deployment.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=300' });
    const [key] = deployment.Properties.SourceObjectKeys as [string];
    const staged = join(s.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    for (const file of ['index.html', 'app.js', 'staff/index.html', 'verify/index.html', 'verify/verify.js']) {
      expect(readFileSync(join(staged, file)).equals(readFileSync(join(WEB, file))), file).toBe(true);
    }
  });
});
