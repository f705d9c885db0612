/*
 * /site-config.json, one shape for both hostings: infra/local/site-config.ts serves it, infra/aws/site.ts
 * deploys it into the site bucket. web/lib/oidc-sign-in.js reads it (and assumes no dev sign-in without it).
 */

export const SITE_CONFIG_FILE = 'site-config.json';

export interface SiteConfig {
  /** Where the pages sign in: discovery is `${issuer}/.well-known/openid-configuration`. */
  signIn: { issuer: string; citizenClientId: string; staffClientId: string; audience?: string };
  /** Whether the pages offer the dev sign-in (POST /v1/dev/tokens): local dev mode only, never on AWS. */
  devSignIn: boolean;
}

/** The issuer without a trailing slash: the pages append `/.well-known/openid-configuration` to it. */
export const discoveryBase = (issuer: string): string => issuer.replace(/\/+$/, '');

export function siteConfigBody(c: SiteConfig): SiteConfig {
  return {
    signIn: {
      issuer: discoveryBase(c.signIn.issuer),
      citizenClientId: c.signIn.citizenClientId,
      staffClientId: c.signIn.staffClientId,
      ...(c.signIn.audience ? { audience: c.signIn.audience } : {}),
    },
    devSignIn: c.devSignIn,
  };
}
