import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { rulesFromEnvironment } from '../../functions/shared/policy-config.ts';

/**
 * Deployment settings, all from CDK context (`cdk.json` or `-c key=value`), so the synthesized
 * template stays environment-agnostic and `cdk synth` never needs an AWS account.
 */
export interface RetireOneConfig {
  /** Object Lock COMPLIANCE default retention for sealed documents, in days. */
  documentRetentionDays: number;
  departmentsBaseUrl: string;
  /** JWTs are verified in the Lambdas with jose against this issuer and its JWKS endpoint. */
  jwtIssuer: string;
  jwtJwksUrl: string;
  /** The `aud` every access token must carry; API Gateway's JWT authorizer checks it before any Lambda runs. */
  jwtAudience: string;
  /**
   * The OAuth clients the pages sign in as at jwtIssuer (site-config.json): the citizen pages and the staff
   * console. Default to the embedded provider's names, with a warning (a real IdP or Cognito gives its own ids).
   */
  citizenClientId: string;
  staffClientId: string;
  /** Origins allowed by CORS; empty means no cross-origin access at all. */
  allowedOrigins: string[];
  /**
   * PUBLIC_BASE_URL, the base of the /verify/{documentId} links in QR codes. Defaults to the site:
   * https://<domainName>, or the CloudFront distribution's own domain.
   */
  publicBaseUrl?: string;
  /**
   * 'aws' (default) or 'aws-cn': the China regions (cn-north-1, cn-northwest-1) lack CloudFront Functions, Origin
   * Access Control, ACM for CloudFront and the us-east-1 web ACL; infra/aws/README.md ("China regions") says what
   * the variant does instead.
   */
  partition: 'aws' | 'aws-cn';
  /** Custom domain of the CloudFront distribution; needs certificateArn (an ACM certificate in us-east-1). */
  domainName?: string;
  certificateArn?: string;
  /** aws-cn only: the IAM server certificate (uploaded with `aws iam upload-server-certificate --path /cloudfront/`) for domainName. */
  iamCertificateId?: string;
  /** Optional address the alarm topic mails (it asks once to confirm); without it, subscribe someone later. */
  alarmEmail?: string;
  /** Optional existing IAM role for break-glass administration of the seal keys; without it one is created (MFA only). */
  keyAdminRoleArn?: string;
  /** Optional AWS WAF web ACL ARN (CLOUDFRONT scope, created in us-east-1) for the distribution. */
  webAclArn?: string;
  /** Optional JSON `{"medical":"东莞市医疗保障局",…}`: issuer names printed on seals (SEAL_ISSUER_NAMES). */
  sealIssuerNames?: string;
  /** Optional JSON overriding policy numbers for the city (POLICY_OVERRIDES, see functions/domain/policy.ts). */
  policyOverrides?: string;
  logLevel: string;
  logRetention: RetentionDays;
  apiRateLimit: number;
  /**
   * Reserved concurrency of each workflow step function (0: none). Reserving takes capacity from the account's
   * pool (1,000 by default; Lambda keeps 100 unreserved), so 13 steps × 10 leave the API the rest.
   */
  stepReservedConcurrency: number;
  apiBurstLimit: number;
  /** The CJK TrueType font copied into the seal function's bundle. */
  sealFontSource: string;
  /**
   * Tests only: replace every NodejsFunction with an inline stub so assertion tests do not run
   * esbuild twenty times. Never set for a deployment: the stub handlers only throw.
   */
  skipBundling: boolean;
  /**
   * The day of the deployment (YYYY-MM-DD; today when unset): which released workflow versions are still retained
   * (workflows/definitions.ts, RETAINED_WORKFLOWS), and with them the grants and child machines they need.
   */
  deployDate?: string;
  /** Context keys that were not set and fell back to a placeholder (a URL or a client id) unusable in production. */
  placeholders: string[];
}

const PLACEHOLDER_URL = 'https://placeholder.invalid';

function text(node: Node, key: string): string | undefined {
  const v: unknown = node.tryGetContext(key);
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

function int(node: Node, key: string, fallback: number): number {
  const raw = text(node, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`context ${key} must be a positive integer, got ${raw}`);
  return n;
}

function list(node: Node, key: string): string[] {
  const v: unknown = node.tryGetContext(key);
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.trim() !== '') {
    // `-c allowedOrigins=a,b` arrives as a string; `-c 'allowedOrigins=["a"]'` as JSON text.
    const t = v.trim();
    if (t.startsWith('[')) return (JSON.parse(t) as unknown[]).map(String);
    return t
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return [];
}

function flag(node: Node, key: string): boolean {
  const v: unknown = node.tryGetContext(key);
  return v === true || v === 'true' || v === '1';
}

export function readConfig(node: Node): RetireOneConfig {
  const placeholders: string[] = [];
  const partition = text(node, 'partition') ?? 'aws';
  if (partition !== 'aws' && partition !== 'aws-cn') throw new Error(`context partition must be aws or aws-cn, got ${partition}`);
  const domainName = text(node, 'domainName');
  const certificateArn = text(node, 'certificateArn');
  const iamCertificateId = text(node, 'iamCertificateId');
  if (partition === 'aws-cn') {
    // CloudFront in China serves only an ICP-filed domain of one's own, with a certificate from IAM (no ACM there).
    if (domainName === undefined || iamCertificateId === undefined || certificateArn !== undefined) {
      throw new Error('context partition=aws-cn needs domainName (ICP-filed) and iamCertificateId (an IAM server certificate), and no certificateArn');
    }
    if (text(node, 'webAclArn') !== undefined) throw new Error('context webAclArn: the China variant has no CloudFront web ACL (see infra/aws/README.md)');
  } else if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('context domainName and certificateArn go together: set both (the certificate must cover the domain) or neither');
  }
  const named = (key: string, fallback: string): string => {
    const v = text(node, key);
    if (v !== undefined) return v;
    placeholders.push(key);
    return fallback;
  };
  const url = (key: string): string => {
    const v = text(node, key);
    if (v !== undefined) return v;
    placeholders.push(key);
    return PLACEHOLDER_URL;
  };
  return {
    documentRetentionDays: int(node, 'documentRetentionDays', 3650),
    departmentsBaseUrl: url('departmentsBaseUrl'),
    jwtIssuer: url('jwtIssuer'),
    jwtJwksUrl: url('jwtJwksUrl'),
    jwtAudience: text(node, 'jwtAudience') ?? 'retireone-api',
    citizenClientId: named('citizenClientId', 'retireone-web'),
    staffClientId: named('staffClientId', 'retireone-staff'),
    allowedOrigins: list(node, 'allowedOrigins'),
    publicBaseUrl: text(node, 'publicBaseUrl'),
    partition,
    domainName,
    certificateArn,
    iamCertificateId,
    webAclArn: text(node, 'webAclArn'),
    alarmEmail: text(node, 'alarmEmail'),
    keyAdminRoleArn: text(node, 'keyAdminRoleArn'),
    sealIssuerNames: jsonText(node, 'sealIssuerNames'),
    policyOverrides: policyOverrides(node),
    logLevel: text(node, 'logLevel') ?? 'info',
    logRetention: retention(int(node, 'logRetentionDays', 365)),
    apiRateLimit: int(node, 'apiRateLimit', 100),
    stepReservedConcurrency: text(node, 'stepReservedConcurrency') === '0' ? 0 : int(node, 'stepReservedConcurrency', 10),
    apiBurstLimit: int(node, 'apiBurstLimit', 200),
    sealFontSource: text(node, 'sealFontSource') ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    skipBundling: flag(node, 'skipBundling'),
    deployDate: isoDate(node, 'deployDate'),
    placeholders,
  };
}

function isoDate(node: Node, key: string): string | undefined {
  const v = text(node, key);
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`context ${key} must be a date YYYY-MM-DD`);
  return v;
}

function retention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) throw new Error(`context logRetentionDays must be one of ${allowed.join(', ')}`);
  return days as RetentionDays;
}

/**
 * The city's policy values for every function (POLICY_OVERRIDES), checked at synth exactly as `npm start` checks
 * them (functions/shared/policy-config.ts: the schema of schemas/policy-rules.ts over the defaults and the demo
 * city's file, which the functions also read): a deployment never ships values its functions would refuse at start.
 */
function policyOverrides(node: Node): string | undefined {
  const text = jsonText(node, 'policyOverrides');
  if (text === undefined) return undefined;
  try {
    rulesFromEnvironment({ POLICY_OVERRIDES: text });
  } catch (e) {
    throw new Error(`context policyOverrides: ${(e as Error).message}`);
  }
  return text;
}

/** A JSON object given either as an object (cdk.json) or as JSON text (-c key='{...}'). */
function jsonText(node: Node, key: string): string | undefined {
  const v: unknown = node.tryGetContext(key);
  if (v === undefined || v === null || v === '') return undefined;
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`context ${key} must be a JSON object`);
  return JSON.stringify(parsed);
}

/** The us-east-1 edge stack's settings (infra/aws/edge-stack.ts): requests per minute on /v1/*. */
export interface EdgeConfig {
  /** Per bearer token (the Authorization header). */
  clientRateLimit: number;
  /** Per source address, tokens or not. */
  addressRateLimit: number;
}

export function readEdgeConfig(node: Node): EdgeConfig {
  // Per minute: a citizen's whole journey is a few dozen requests; a platform system polls and books for many.
  const clientRateLimit = int(node, 'clientRateLimit', 300);
  const addressRateLimit = int(node, 'addressRateLimit', 1200);
  // AWS WAF's lowest rate limit is 10 requests per window.
  for (const [key, v] of [
    ['clientRateLimit', clientRateLimit],
    ['addressRateLimit', addressRateLimit],
  ] as const) {
    if (v < 10) throw new Error(`context ${key} must be at least 10 (AWS WAF's lowest rate limit), got ${v}`);
  }
  return { clientRateLimit, addressRateLimit };
}
