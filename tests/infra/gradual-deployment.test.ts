import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, STEP_FUNCTIONS } from '../../functions/api/routes.ts';
import { logicalId, refId, synth, type Synth } from './support/synth.ts';

let s: Synth;
beforeAll(() => {
  s = synth();
});

const ofType = (type: string) => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);

describe('gradual deployment of function code', () => {
  it('gives every function’s live alias (API, workflow steps, webhooks, schedules) a CodeDeploy group, canary 10% for five minutes, rolling back on alarms', () => {
    const groups = ofType('AWS::CodeDeploy::DeploymentGroup');
    const gradual = [...s.stack.functions.aliases.keys()];
    expect([...s.stack.deploymentGroups.keys()].sort()).toEqual(gradual.sort());
    expect(gradual.filter((n) => n.startsWith('steps/'))).toHaveLength(new Set(Object.values(STEP_FUNCTIONS)).size);
    expect(gradual.filter((n) => n.startsWith('api/'))).toHaveLength(new Set(ROUTES.filter((r) => !r.devOnly).map((r) => r.module)).size);
    expect(groups).toHaveLength(gradual.length);
    for (const [, g] of groups) {
      expect(g.Properties.DeploymentConfigName).toBe('CodeDeployDefault.LambdaCanary10Percent5Minutes');
      expect(g.Properties.AutoRollbackConfiguration.Enabled).toBe(true);
      expect([...g.Properties.AutoRollbackConfiguration.Events].sort()).toEqual([
        'DEPLOYMENT_FAILURE',
        'DEPLOYMENT_STOP_ON_ALARM',
        'DEPLOYMENT_STOP_ON_REQUEST',
      ]);
      expect(g.Properties.AlarmConfiguration.Enabled).toBe(true);
    }
  });

  it('rolls back on the alias’s own errors and on failed executions and API 5xx', () => {
    const failed = logicalId(s.stack.operations.rollbackAlarms[0]!);
    const api5xx = logicalId(s.stack.operations.rollbackAlarms[1]!);
    for (const [name, group] of s.stack.deploymentGroups) {
      const alias = s.stack.functions.aliases.get(name)!;
      const g = s.json.Resources[logicalId(group)]!;
      const alarms = (g.Properties.AlarmConfiguration.Alarms as { Name: unknown }[]).map((a) => refId(a.Name));
      expect(alarms, name).toContain(failed);
      expect(alarms, name).toContain(api5xx);
      const own = alarms.map((id) => s.json.Resources[id!]!).find((a) => a.Properties.MetricName === 'Errors');
      expect(own, name).toBeDefined();
      const dims = Object.fromEntries((own!.Properties.Dimensions as { Name: string; Value: unknown }[]).map((d) => [d.Name, JSON.stringify(d.Value)]));
      expect(dims.Resource, name).toContain(logicalId(alias.version.lambda));
      expect(dims.Resource, name).toContain(':live');
    }
  });

  it('routes each alias through CodeDeploy (the alias carries an UpdatePolicy)', () => {
    for (const name of s.stack.deploymentGroups.keys()) {
      const alias = s.stack.functions.aliases.get(name)!;
      expect(
        (s.json.Resources[logicalId(alias)] as { UpdatePolicy?: { CodeDeployLambdaAliasUpdate?: unknown } }).UpdatePolicy?.CodeDeployLambdaAliasUpdate,
      ).toBeDefined();
    }
  });
});

/**
 * CloudFormation takes at most 500 resources per template. Each function costs eight (function, role, policy, log
 * group, version, alias, and its gradual deployment's alarm and group), a route three (route, integration, invoke
 * permission): every template keeps room for a dozen more functions and their routes.
 */
const MOST_PER_TEMPLATE = 400;

describe('room under CloudFormation’s 500 resources per template', () => {
  it('holds the API’s functions in a nested stack of their own', () => {
    expect(s.templates.map((t) => t.name)).toEqual(['RetireOneStack', 'RetireOneStack/ApiFunctions']);
    const nested = s.templates[1]!.json.Resources;
    for (const fn of s.stack.functions.api.values()) expect(nested[logicalId(fn)]?.Type).toBe('AWS::Lambda::Function');
    for (const fn of s.stack.functions.steps.values()) expect(s.templates[0]!.json.Resources[logicalId(fn)]?.Type).toBe('AWS::Lambda::Function');
  });

  for (const variant of [{}, { partition: 'aws-cn', domainName: 'tuixiu.example.gov.cn', iamCertificateId: 'ASCAEXAMPLECERTIFICATE1' }]) {
    it(`keeps every template at ${MOST_PER_TEMPLATE} resources or fewer (${JSON.stringify(variant)})`, () => {
      const v = Object.keys(variant).length === 0 ? s : synth(variant);
      expect(v.templates.length).toBeGreaterThan(1);
      for (const t of v.templates) expect(Object.keys(t.json.Resources).length, t.name).toBeLessThanOrEqual(MOST_PER_TEMPLATE);
      // CloudFormation's other per-template limits the split leans on: 200 parameters and 200 outputs.
      for (const t of v.templates) {
        expect(Object.keys(t.json.Parameters ?? {}).length, t.name).toBeLessThanOrEqual(200);
        expect(Object.keys(t.json.Outputs ?? {}).length, t.name).toBeLessThanOrEqual(200);
      }
    });
  }
});

describe('reserved concurrency', () => {
  it('keeps capacity for every workflow step, so a flood on the API cannot starve cases', () => {
    const steps = new Set(Object.values(STEP_FUNCTIONS));
    expect(steps.size).toBeGreaterThan(5);
    for (const m of steps) {
      const fn = s.json.Resources[logicalId(s.stack.functions.steps.get(m)!)]!;
      expect(fn.Properties.ReservedConcurrentExecutions, m).toBe(10);
    }
    const api = s.json.Resources[logicalId(s.stack.functions.api.get('get-case')!)]!;
    expect(api.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('can be switched off by context for small accounts', () => {
    const small = synth({ stepReservedConcurrency: 0 });
    const fn = small.json.Resources[logicalId(small.stack.functions.steps.get('decide')!)]!;
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});
