import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.ts';
import { requiresToken } from '../../functions/api/route.ts';
import { ROUTE_THROTTLES } from '../../infra/aws/route-throttles.ts';
import { cfnText, logicalId, refId, synth, TEST_CONTEXT, type Resource, type Synth } from './support/synth.ts';

let s: Synth;
const ofType = (type: string): Array<[string, Resource]> => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);

beforeAll(() => {
  s = synth();
});

describe('HTTP API', () => {
  const served = ROUTES.filter((r) => !r.devOnly);

  it('has exactly one route per non-dev entry of ROUTES, and no dev-only route', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(served.map((r) => `${r.method} ${r.path}`).sort());
    for (const dev of ROUTES.filter((r) => r.devOnly)) expect(keys).not.toContain(`${dev.method} ${dev.path}`);
  });

  it('sends each route to the live alias (a published version) of its module’s Lambda', () => {
    const integrations = Object.fromEntries(ofType('AWS::ApiGatewayV2::Integration'));
    for (const route of served) {
      const [, r] = ofType('AWS::ApiGatewayV2::Route').find(([, x]) => x.Properties.RouteKey === `${route.method} ${route.path}`)!;
      const integrationId = /integrations\/\{\{(\w+)\}\}/.exec(cfnText(r.Properties.Target))![1]!;
      const integration = integrations[integrationId]!;
      expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
      expect(refId(integration.Properties.IntegrationUri), route.path).toBe(logicalId(s.stack.functions.apiLive.get(route.module)!));
    }
  });

  it('puts a JWT authorizer (issuer and audience from context) on every non-public route, and none on public ones', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [[authorizerId, authorizer]] = authorizers as [[string, Resource]];
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.JwtConfiguration).toEqual({ Issuer: TEST_CONTEXT.jwtIssuer, Audience: ['retireone-api'] });
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    const routes = ofType('AWS::ApiGatewayV2::Route');
    for (const route of served) {
      const [, r] = routes.find(([, x]) => x.Properties.RouteKey === `${route.method} ${route.path}`)!;
      const expected = !requiresToken(route.auth)
        ? { AuthorizationType: 'NONE', AuthorizerId: undefined }
        : { AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } };
      expect({ AuthorizationType: r.Properties.AuthorizationType, AuthorizerId: r.Properties.AuthorizerId }, route.path).toEqual(expected);
    }
    expect(served.filter((r) => r.auth !== 'public').length).toBeGreaterThan(5);
  });

  it('takes the audience from the jwtAudience context', () => {
    const other = synth({ jwtAudience: 'other-api' });
    const [[, authorizer]] = Object.entries(other.json.Resources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual(['other-api']);
  });

  it('logs access to a log group and throttles by default', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    expect(stage.Properties.StageName).toBe('$default');
    expect(refId(stage.Properties.AccessLogSettings.DestinationArn)).toMatch(/AccessLogs/);
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format).requestId).toBe('$context.requestId');
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
  });

  it('throttles expensive and public routes tighter than the stage, each named by an operation that exists', () => {
    const operations = new Set(ROUTES.map((r) => r.doc.operationId));
    for (const id of Object.keys(ROUTE_THROTTLES)) expect(operations, id).toContain(id);
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const booking = ROUTES.find((r) => r.doc.operationId === 'createBooking')!;
    expect(settings[`${booking.method} ${booking.path}`]).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    expect(Object.keys(settings)).toHaveLength(Object.keys(ROUTE_THROTTLES).length);
    for (const [, limits] of Object.entries(settings))
      expect(limits.ThrottlingRateLimit).toBeLessThan(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit);
  });

  it('gives every route open to anyone without a token (public or optional) a throttle of its own', () => {
    const open = ROUTES.filter((r) => !r.devOnly && !requiresToken(r.auth));
    expect(open.length).toBeGreaterThan(5);
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    for (const route of open) expect(stage.Properties.RouteSettings[`${route.method} ${route.path}`], route.doc.operationId).toBeDefined();
  });

  it('allows CORS only from the configured origins', () => {
    const [[, api]] = ofType('AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual(TEST_CONTEXT.allowedOrigins);
    expect(api.Properties.CorsConfiguration.AllowOrigins).not.toContain('*');
  });

  it('has no CORS at all when no origins are configured', () => {
    const other = synth({ allowedOrigins: [] });
    const [[, api]] = Object.entries(other.json.Resources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('outputs SiteUrl, ApiUrl, TableName, BucketName, StateMachineArn and AlarmTopicArn', () => {
    expect(Object.keys(s.json.Outputs).sort()).toEqual(['AlarmTopicArn', 'ApiUrl', 'BucketName', 'SiteUrl', 'StateMachineArn', 'TableName']);
  });
});
