import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES } from '../../functions/api/routes.ts';
import { requiresToken } from '../../functions/api/route.ts';
import { ROUTE_THROTTLES } from './route-throttles.ts';

export interface PublicApiProps {
  allowedOrigins: readonly string[];
  rateLimit: number;
  burstLimit: number;
  logRetention: RetentionDays;
  /** The identity provider whose tokens the API accepts (its discovery document gives API Gateway the keys). */
  jwtIssuer: string;
  jwtAudience: string;
}

/** What API Gateway records per request; no bodies, no tokens, no query strings (they may carry ID numbers). */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * The HTTP API. Created before the site (CloudFront needs its id as an origin) and the functions;
 * routes are added once the functions exist.
 *
 * Two locks on every non-public route: API Gateway's JWT authorizer (issuer, audience, signature and
 * expiry, from the issuer's discovery document) refuses a bad token before any Lambda runs or is billed,
 * and each handler still verifies the JWT with jose against JWT_JWKS_URL/JWT_ISSUER and checks the role
 * the route needs — the embedded hosting has only that second lock, so both hostings enforce the same
 * rules. Public routes (`auth: 'public'` in ROUTES) get no authorizer.
 * Read: aws-cdk-lib aws-apigatewayv2-authorizers README (HttpJwtAuthorizer: jwtIssuer, jwtAudience).
 */
export class PublicApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'retireone',
      description: 'RetireOne 退休一件事',
      createDefaultStage: false,
      corsPreflight:
        props.allowedOrigins.length > 0
          ? {
              allowOrigins: [...props.allowedOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              exposeHeaders: ['x-content-sha256', 'location'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwtIssuer, {
      jwtAudience: [props.jwtAudience],
      identitySource: ['$request.header.Authorization'],
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** Base URL of the default stage, e.g. https://abc123.execute-api.cn-north-1.amazonaws.com.cn */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }

  /** One route per non-dev entry of ROUTES, each to its own function. */
  addRoutes(functions: ReadonlyMap<string, IFunction>): void {
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of ROUTES) {
      const throttle = ROUTE_THROTTLES[route.doc.operationId];
      if (throttle && !route.devOnly) {
        routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
      }
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
    for (const route of ROUTES) {
      if (route.devOnly) continue;
      const fn = functions.get(route.module);
      if (!fn) throw new Error(`no function for route module ${route.module}`);
      this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.module}-integration`, fn),
        // An optional token is checked by the handler itself: the authorizer would refuse the anonymous caller.
        ...(requiresToken(route.auth) ? { authorizer: this.authorizer } : {}),
      });
    }
  }
}
