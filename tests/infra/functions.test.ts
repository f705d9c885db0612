import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, STEP_FUNCTIONS } from '../../functions/api/routes.ts';
import { API_ACCESS, STEP_ACCESS } from '../../infra/aws/access.ts';
import { SLA_MODULES, SMS_MODULES, WEBHOOK_MODULES } from '../../infra/aws/functions.ts';
import { cfnText, logicalId, siteDeploymentHandler, synth, TEST_CONTEXT, type Resource, type Synth } from './support/synth.ts';

let s: Synth;
/** The stack's own functions (the site's BucketDeployment handler is a CDK-provided Lambda: site.test.ts). */
let lambdas: Resource[];
let ownIds: Set<string>;

beforeAll(() => {
  s = synth();
  ownIds = new Set(
    [
      ...s.stack.functions.api.values(),
      ...s.stack.functions.steps.values(),
      ...s.stack.functions.webhooks.values(),
      ...s.stack.functions.sla.values(),
      ...s.stack.functions.sms.values(),
    ].map(logicalId),
  );
  lambdas = [...ownIds].map((id) => s.json.Resources[id]!);
});

const env = (r: Resource): Record<string, unknown> => r.Properties.Environment.Variables;

describe('Lambda functions', () => {
  it('are one per non-dev route module, one per workflow step module, the two of the webhook dispatch, the deadline sweep and the text-message job', () => {
    const apiModules = new Set(ROUTES.filter((r) => !r.devOnly).map((r) => r.module));
    const stepModules = new Set(Object.values(STEP_FUNCTIONS));
    expect(new Set(s.stack.functions.api.keys())).toEqual(apiModules);
    expect(new Set(s.stack.functions.steps.keys())).toEqual(stepModules);
    expect(new Set(s.stack.functions.webhooks.keys())).toEqual(new Set(Object.values(WEBHOOK_MODULES)));
    expect(new Set(s.stack.functions.sla.keys())).toEqual(new Set(Object.values(SLA_MODULES)));
    expect(new Set(s.stack.functions.sms.keys())).toEqual(new Set(Object.values(SMS_MODULES)));
    expect(lambdas).toHaveLength(apiModules.size + stepModules.size + 2 + 1 + 1);
    const all = Object.entries(s.json.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(all.filter(([id]) => !ownIds.has(id))).toEqual([[s.stack.getLogicalId(siteDeploymentHandler(s)), expect.anything()]]);
    expect(s.stack.functions.api.has('dev-tokens')).toBe(false);
  });

  it('run on Node.js 22 or 24, ARM64, with active tracing and their own log group', () => {
    for (const fn of lambdas) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(22|24)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogGroup.Ref).toBeDefined();
    }
    // Every log group, the site deployment handler's included.
    const logGroups = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThan(lambdas.length);
    for (const lg of logGroups) expect(lg.Properties.RetentionInDays).toBe(365);
  });

  it('get 512 MB and 30 s, except seal with 1024 MB and 120 s, the webhook dispatch with 60 s and the text-message job with 120 s', () => {
    const sealId = logicalId(s.stack.functions.seal);
    const webhookIds = new Set([...s.stack.functions.webhooks.values()].map(logicalId));
    const smsIds = new Set([...s.stack.functions.sms.values()].map(logicalId));
    for (const id of ownIds) {
      const fn = s.json.Resources[id]!;
      const [memory, timeout] = id === sealId ? [1024, 120] : webhookIds.has(id) ? [512, 60] : smsIds.has(id) ? [512, 120] : [512, 30];
      expect(fn.Properties.MemorySize, id).toBe(memory);
      expect(fn.Properties.Timeout, id).toBe(timeout);
    }
  });

  it('all read the same environment names the handlers expect', () => {
    for (const fn of lambdas) {
      const e = env(fn);
      for (const name of [
        'TABLE_NAME',
        'BUCKET_NAME',
        'STATE_MACHINE_ARN',
        'DEPARTMENTS_BASE_URL',
        'JWT_ISSUER',
        'JWT_JWKS_URL',
        'PUBLIC_BASE_URL',
        'LOG_LEVEL',
      ]) {
        expect(e[name], name).toBeDefined();
      }
      expect(e.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(e.DEPARTMENTS_BASE_URL).toBe(TEST_CONTEXT.departmentsBaseUrl);
      expect(e.JWT_ISSUER).toBe(TEST_CONTEXT.jwtIssuer);
      expect(e.JWT_JWKS_URL).toBe(TEST_CONTEXT.jwtJwksUrl);
      expect(JSON.stringify(e.STATE_MACHINE_ARN)).toContain(':stateMachine:retireone-retirement-case');
    }
  });

  it('give the seal key ids only to functions that seal or read the seal certificates, the font path only to seal', () => {
    const sealId = logicalId(s.stack.functions.seal);
    const withKeys = new Set(
      [
        ...Object.entries(API_ACCESS)
          .filter(([m, a]) => s.stack.functions.api.has(m) && (a.pki || a.sign))
          .map(([m]) => s.stack.functions.api.get(m)!),
        ...Object.entries(STEP_ACCESS)
          .filter(([, a]) => a.pki || a.sign)
          .map(([m]) => s.stack.functions.steps.get(m)!),
      ].map(logicalId),
    );
    expect(withKeys.has(sealId)).toBe(true);
    for (const id of ownIds) {
      const e = env(s.json.Resources[id]!);
      expect(e.SEAL_KMS_KEY_IDS !== undefined, id).toBe(withKeys.has(id));
      expect(e.SEAL_FONT_PATH !== undefined, id).toBe(id === sealId);
    }
    expect(env(s.json.Resources[sealId]!).SEAL_FONT_PATH).toBe('/var/task/wqy-microhei.ttc');
  });

  it('give the health check (卫健) the department gateway like the other checks, and a city that does not take part its policy', () => {
    const health = env(s.json.Resources[logicalId(s.stack.functions.steps.get('check-health')!)]!);
    const hr = env(s.json.Resources[logicalId(s.stack.functions.steps.get('check-hr')!)]!);
    expect(health.DEPARTMENTS_BASE_URL).toBeDefined();
    expect(health.DEPARTMENTS_BASE_URL).toEqual(hr.DEPARTMENTS_BASE_URL);
    expect(health.SEAL_KMS_KEY_IDS).toBeUndefined();
    const notTakingPart = { health: { takesPart: [{ validFrom: '2026-01-01', value: false, source: 'DEMO DEFAULT: a test city' }] } };
    const other = synth({ policyOverrides: JSON.stringify(notTakingPart) });
    const elsewhere = env(other.json.Resources[logicalId(other.stack.functions.steps.get('check-health')!)]!);
    expect(JSON.parse(elsewhere.POLICY_OVERRIDES as string)).toEqual(notTakingPart);
  });

  it('pass issuer names from context sealIssuerNames as JSON', () => {
    const other = synth({ sealIssuerNames: '{"medical":"东莞市医疗保障局"}' });
    const seal = other.json.Resources[logicalId(other.stack.functions.seal)]!;
    expect(JSON.parse(env(seal).SEAL_ISSUER_NAMES as string)).toEqual({ medical: '东莞市医疗保障局' });
  });

  it("pass a city's policy settings from context policyOverrides to every function, and none by default", () => {
    const city = { medical: { topUpBaseFen: [{ validFrom: '2026-01-01', value: 720000, source: 'DEMO DEFAULT: a test city' }] } };
    const other = synth({ policyOverrides: JSON.stringify(city) });
    const ours = Object.values(other.json.Resources).filter((r: any) => r.Type === 'AWS::Lambda::Function' && env(r).TABLE_NAME !== undefined);
    expect(ours.length).toBeGreaterThan(10);
    for (const fn of ours) expect(JSON.parse(env(fn).POLICY_OVERRIDES as string)).toEqual(city);
    for (const fn of lambdas) expect(env(fn).POLICY_OVERRIDES).toBeUndefined();
  });

  it('print the site (the CloudFront distribution) in QR codes by default: PUBLIC_BASE_URL is https:// + its domain', () => {
    const distribution = logicalId(s.stack.site.distribution);
    for (const fn of lambdas) {
      expect(env(fn).PUBLIC_BASE_URL).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] });
    }
    expect(cfnText(env(s.json.Resources[logicalId(s.stack.functions.seal)]!).PUBLIC_BASE_URL)).toBe(`https://{{${distribution}}}`);
    expect(JSON.stringify(lambdas.map(env))).not.toContain(logicalId(s.stack.api.httpApi));
  });

  it('use the custom domain when one is given, and publicBaseUrl from context over both', () => {
    const custom = synth({ domainName: 'tuixiu.example.gov.cn', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' });
    const seal = custom.json.Resources[logicalId(custom.stack.functions.seal)]!;
    expect(env(seal).PUBLIC_BASE_URL).toBe('https://tuixiu.example.gov.cn');
    const other = synth({
      publicBaseUrl: 'https://verify.example.gov.cn',
      domainName: 'tuixiu.example.gov.cn',
      certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
    });
    for (const fn of [...other.stack.functions.api.values(), ...other.stack.functions.steps.values()]) {
      expect(env(other.json.Resources[logicalId(fn)]!).PUBLIC_BASE_URL).toBe('https://verify.example.gov.cn');
    }
  });
});
