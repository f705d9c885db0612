import { join } from 'node:path';
import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { ORIGIN_HEADER } from '../../functions/api/http/through-the-site.ts';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { pageDirectories, viewerRequestCode } from './site-routing.ts';
import { SECURE_BUCKET } from './secure-bucket.ts';
import { CONTENT_SECURITY_POLICY } from '../page-headers.ts';
import { SITE_CONFIG_FILE, type SiteConfig, siteConfigBody } from '../site-config.ts';

/** Paths the distribution sends to the HTTP API; everything else is the static site. */
export const API_PATHS = ['/v1/*', '/health'] as const;

export interface SiteProps {
  projectRoot: string;
  httpApi: HttpApi;
  /** Server access logs of the site and CloudFront log buckets go here (the stack's access-log bucket). */
  accessLogs: IBucket;
  logRetention: RetentionDays;
  /** Custom domain and its ACM certificate (us-east-1), both or neither. */
  domainName?: string;
  certificateArn?: string;
  /**
   * The China regions' CloudFront (infra/aws/README.md, "China regions"): no CloudFront Functions (pages are
   * addressed by their index.html), no Origin Access Control (an Origin Access Identity instead), and the
   * custom domain's certificate from IAM.
   */
  china?: { iamCertificateId: string };
  /** An AWS WAF web ACL (CLOUDFRONT scope, so created in us-east-1) to attach. */
  webAclArn?: string;
  /** Where the deployed pages sign in (written to /site-config.json, with the dev sign-in off). */
  signIn: SiteConfig['signIn'];
  /** The origin header's value (a dynamic reference to infra/aws/origin-secret.ts): the API refuses requests without it. */
  originHeaderValue: string;
}

/**
 * One origin for citizens, staff and the QR codes: CloudFront serves web/ from a private bucket
 * (Origin Access Control) and passes /v1/* and /health to the HTTP API, so the pages call the API on
 * their own origin (no CORS) exactly as they do on the embedded hosting.
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  /** Absent in the China variant, which has no CloudFront Functions. */
  readonly viewerRequest?: CloudFrontFunction;
  readonly headers: ResponseHeadersPolicy;
  readonly deployment: BucketDeployment;
  readonly deploymentRole: Role;
  /** What citizens type and what QR codes print: https:// + the custom domain or the distribution's domain. */
  readonly url: string;
  /** Custom domain with its own certificate (TLSv1.2_2021), rather than *.cloudfront.net. */
  readonly customDomain: boolean;
  readonly webAcl: boolean;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const webRoot = join(props.projectRoot, 'web');

    // Versioned so that what was served to citizens on a given day can be shown afterwards; old
    // versions go after 90 days. RETAIN like every bucket of the stack (DESTROY would fail on a
    // non-empty bucket anyway, and autoDeleteObjects adds a Lambda with a managed-policy role).
    this.bucket = new Bucket(this, 'Bucket', {
      ...SECURE_BUCKET,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'site/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    // CloudFront standard logs are delivered with ACLs, so this bucket cannot be owner-enforced;
    // it still blocks every public ACL and policy. Kept as long as the CloudWatch logs.
    this.logs = new Bucket(this, 'CloudFrontLogs', {
      ...SECURE_BUCKET,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'cloudfront-logs/',
      lifecycleRules: [{ expiration: Duration.days(props.logRetention), noncurrentVersionExpiration: Duration.days(30) }],
    });

    this.viewerRequest = props.china
      ? undefined
      : new CloudFrontFunction(this, 'PageRoutes', {
          comment: 'RetireOne: page paths to their index.html (mirrors infra/local/static-files.ts)',
          runtime: FunctionRuntime.JS_2_0,
          code: FunctionCode.fromInline(viewerRequestCode(pageDirectories(webRoot))),
        });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'RetireOne: CSP as on the embedded hosting, HSTS, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Also on the API answers (/v1/*): the one policy of the distribution, see infra/page-headers.ts.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    // Built from the API id, not from apiEndpoint (a full URL): CloudFront wants a bare host name.
    const stack = Stack.of(this);
    const apiHost = Fn.join('', [props.httpApi.apiId, '.execute-api.', stack.region, '.', stack.urlSuffix]);
    const api: BehaviorOptions = {
      origin: new HttpOrigin(apiHost, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        // CloudFront sets this header itself, over any header of that name the viewer sent.
        customHeaders: { [ORIGIN_HEADER]: props.originHeaderValue },
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Nothing from the API is cached; with caching disabled CloudFront forwards Authorization too.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.headers,
    };
    const custom = props.domainName !== undefined && (props.certificateArn !== undefined || props.china !== undefined);
    this.customDomain = custom;
    this.webAcl = props.webAclArn !== undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'RetireOne 退休一件事',
      defaultBehavior: {
        origin: props.china ? S3BucketOrigin.withOriginAccessIdentity(this.bucket) : S3BucketOrigin.withOriginAccessControl(this.bucket),
        ...(props.china ? {} : { functionAssociations: [{ function: this.viewerRequest!, eventType: FunctionEventType.VIEWER_REQUEST }] }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
      },
      additionalBehaviors: Object.fromEntries(API_PATHS.map((p) => [p, api])),
      // No errorResponses: they would apply to the API behaviours too and hide its problem+json answers.
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      ...(custom && !props.china
        ? {
            domainNames: [props.domainName!],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn!),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    if (props.china) {
      // The Distribution construct takes ACM certificates only; China's CloudFront takes IAM server certificates.
      // Read: CloudFormation AWS::CloudFront::Distribution ViewerCertificate (IamCertificateId, SslSupportMethod).
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.china.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
      Validations.of(this.distribution).acknowledge(
        {
          id: 'AwsSolutions-CFR4',
          reason:
            'The China variant sets ViewerCertificate by property override (IAM certificate, TLSv1.2_2021), which cdk-nag does not read; tests/infra/china.test.ts checks it.',
        },
        {
          id: 'AwsSolutions-CFR7',
          reason: 'CloudFront in the China regions has no Origin Access Control; an Origin Access Identity keeps the bucket private there.',
        },
      );
    }
    this.url = custom ? `https://${props.domainName}` : `https://${this.distribution.distributionDomainName}`;

    // The deployment Lambda gets its own role and log group like every function of the stack (the
    // default role carries the AWSLambdaBasicExecutionRole managed policy and logs without retention).
    this.deploymentRole = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const deploymentLogs = new LogGroup(this, 'DeploymentLogs', { retention: props.logRetention });
    deploymentLogs.grantWrite(this.deploymentRole);
    // No CloudFront invalidation (it needs cloudfront:CreateInvalidation on "*"): objects carry a
    // five-minute max-age instead, so a new web/ reaches every edge and browser within five minutes.
    this.deployment = new BucketDeployment(this, 'Deployment', {
      // web/ and /site-config.json together, so prune keeps the one and the pages sign in at the IdP from
      // the first deployment on. devSignIn is false: the AWS hosting has no /v1/dev routes at all.
      sources: [Source.asset(webRoot), Source.jsonData(SITE_CONFIG_FILE, siteConfigBody({ signIn: props.signIn, devSignIn: false }))],
      destinationBucket: this.bucket,
      prune: true,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5))],
      role: this.deploymentRole,
      logGroup: deploymentLogs,
      memoryLimit: 256,
    });
  }
}
