import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synth, type Resource, type Synth } from './support/synth.ts';

interface Report {
  pluginReports: Array<{ violations: Array<{ ruleName: string; severity: string }> }>;
}

/** The files the site's BucketDeployment puts in the bucket from its second source (the generated one). */
function deployedSiteConfig(s: Synth): unknown {
  const [[, deployment]] = Object.entries(s.json.Resources).filter(([, r]) => r.Type === 'Custom::CDKBucketDeployment') as [[string, Resource]];
  const keys = deployment.Properties.SourceObjectKeys as string[];
  expect(keys).toHaveLength(2);
  const staged = keys.map((k) => join(s.outdir, `asset.${k.replace(/\.zip$/, '')}`, 'site-config.json')).filter((p) => existsSync(p));
  expect(staged).toHaveLength(1);
  return JSON.parse(readFileSync(staged[0]!, 'utf8'));
}

describe('site-config.json on AWS', () => {
  it('tells the pages to sign in at the configured IdP with the configured clients, and offers no dev sign-in', () => {
    const s = synth({
      jwtIssuer: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc/',
      citizenClientId: 'citizen-abc',
      staffClientId: 'staff-xyz',
    });
    expect(deployedSiteConfig(s)).toEqual({
      // No trailing slash: the pages append /.well-known/openid-configuration.
      signIn: {
        issuer: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc',
        citizenClientId: 'citizen-abc',
        staffClientId: 'staff-xyz',
        audience: 'retireone-api',
      },
      devSignIn: false,
    });
  });

  it('carries the audience from jwtAudience', () => {
    const s = synth({ jwtAudience: 'tuixiu-api', citizenClientId: 'c', staffClientId: 's' });
    expect(deployedSiteConfig(s)).toMatchObject({ signIn: { issuer: 'https://idp.test', audience: 'tuixiu-api' }, devSignIn: false });
  });

  it('warns when the client ids are left to the embedded provider’s names', () => {
    const s = synth();
    expect(deployedSiteConfig(s)).toMatchObject({ signIn: { citizenClientId: 'retireone-web', staffClientId: 'retireone-staff' } });
    const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as Report;
    const warnings = report.pluginReports.flatMap((p) => p.violations.filter((v) => v.severity === 'warning').map((v) => v.ruleName));
    expect(warnings).toEqual(expect.arrayContaining(['citizenClientId', 'staffClientId'].map((k) => `Annotation::retireone:context:${k}`)));
  });
});
