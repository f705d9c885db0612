/*
 * The security headers of the pages, one definition for both hostings: infra/local/static-files.ts sends them and
 * infra/aws/site.ts puts them in CloudFront's response headers policy.
 */

/**
 * The pages load scripts and call /v1 on their own origin only; `frame-ancestors 'none'` keeps them out of any
 * frame (clickjacking of the form or the staff console), for browsers that ignore X-Frame-Options too.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/** Document ids and case numbers sit in page paths (/verify/RT…): no other page, not even our own, needs them. */
export const REFERRER_POLICY = 'no-referrer';

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': REFERRER_POLICY,
  'x-content-type-options': 'nosniff',
};
