import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ClientRateLimitsProps {
  /** Requests per minute one bearer token may make to /v1/* (a token is one signed-in caller). */
  perClient: number;
  /** Requests per minute one source address may make to /v1/*, tokens or not (anonymous callers, token minting). */
  perAddress: number;
}

const WINDOW_SECONDS = 60;
const API_PREFIX = '/v1/';

const underApi: CfnWebACL.StatementProperty = {
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: API_PREFIX,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

/** Past a limit the answer is a 429 with Retry-After, as the embedded hosting's caller rate limit answers. */
const tooMany: CfnWebACL.RuleActionProperty = {
  block: { customResponse: { responseCode: 429, responseHeaders: [{ name: 'retry-after', value: String(WINDOW_SECONDS) }] } },
};

const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: name,
  sampledRequestsEnabled: true,
});

/**
 * Per-client throttles on AWS, beside the per-route ones of the HTTP API stage (route-throttles.ts).
 *
 * HTTP APIs have no usage plans and cannot take a web ACL; AWS WAF protects CloudFront, REST APIs, ALBs,
 * AppSync, Cognito and a few others, not HTTP APIs (AWS WAF developer guide, "Resources that you can protect
 * with AWS WAF"). Every page and client reaches the API through the site's CloudFront distribution, so the
 * limit sits there: a CLOUDFRONT-scope web ACL (which must be created in us-east-1, hence its own stack).
 *
 * Two rate-based rules on /v1/*, each counted over one minute (WAF's windows are 60, 120, 300 or 600 s; the
 * lowest limit is 10 — AWS WAF developer guide, "Rate-based rule high-level settings"):
 * - per client: keyed on the Authorization header (a custom aggregation key); requests without it are not
 *   counted by this rule (all of a rule's keys must be present), the next one bounds those;
 * - per address: keyed on the source IP, a wider bound for anonymous callers and for whoever mints tokens.
 */
export class ClientRateLimits extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ClientRateLimitsProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: 'retireone-client-rate-limits',
      // WAF descriptions allow letters, digits, spaces and = : # @ / - , . only.
      description: 'RetireOne per-client and per-address rate limits on /v1/',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('retireone-edge'),
      rules: [
        {
          name: 'PerClient',
          priority: 0,
          action: tooMany,
          visibilityConfig: visibility('retireone-per-client'),
          statement: {
            rateBasedStatement: {
              limit: props.perClient,
              evaluationWindowSec: WINDOW_SECONDS,
              aggregateKeyType: 'CUSTOM_KEYS',
              customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
              scopeDownStatement: underApi,
            },
          },
        },
        {
          name: 'PerAddress',
          priority: 1,
          action: tooMany,
          visibilityConfig: visibility('retireone-per-address'),
          statement: {
            rateBasedStatement: { limit: props.perAddress, evaluationWindowSec: WINDOW_SECONDS, aggregateKeyType: 'IP', scopeDownStatement: underApi },
          },
        },
      ],
    });
  }
}
