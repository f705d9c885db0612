/*
 * The embedded hosting's OpenID Provider: oidc-provider (panva, OpenID Certified), configured, not written.
 * Read: the oidc-provider configuration reference (docs/README.md of panva/node-oidc-provider, mirrored as
 * the doc comments of @types/oidc-provider: features.clientCredentials, features.resourceIndicators with
 * getResourceServerInfo/defaultResource/useGrantedResource, extraTokenClaims, loadExistingGrant ("skipping
 * consent for first-party clients"), pkce.required, interactions.url) and RFC 8707 (a resource indicator
 * is an absolute URI).
 */
import { randomBytes } from 'node:crypto';
import Provider, { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Accounts } from './accounts.ts';
import type { PlatformClient } from './platform-clients.ts';
import type { OidcSigningKeys } from './signing-keys.ts';

export const CITIZEN_CLIENT = 'retireone-web';
export const STAFF_CLIENT = 'retireone-staff';
/** RFC 8707 wants an absolute URI as the indicator; the tokens' audience is the API's name, as on AWS. */
export const API_RESOURCE = 'urn:retireone-api';
export const API_AUDIENCE = 'retireone-api';
const API_SCOPE = 'api';
/** At most 12 hours (api-v1 "Identity"); a working day's shift. */
const ACCESS_TOKEN_SECONDS = 8 * 3600;
const FIRST_PARTY = new Set([CITIZEN_CLIENT, STAFF_CLIENT]);

export interface OidcProviderOptions {
  issuer: string;
  /** Origins the site is served from; the pages' own addresses are the redirect URIs. */
  siteOrigins: string[];
  keys: OidcSigningKeys;
  accounts: Accounts;
  platformClients: PlatformClient[];
}

function clients(opts: OidcProviderOptions): ClientMetadata[] {
  // Public clients (the pages hold no secret): code + PKCE only.
  const page = (client_id: string, path: string): ClientMetadata => ({
    client_id,
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: opts.siteOrigins.map((o) => `${o}${path}`),
    post_logout_redirect_uris: opts.siteOrigins.map((o) => `${o}${path}`),
  });
  return [
    page(CITIZEN_CLIENT, '/'),
    page(STAFF_CLIENT, '/staff/'),
    ...opts.platformClients.map(
      (c): ClientMetadata => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        client_name: c.name,
        // basic and post are interchangeable in oidc-provider's client authentication.
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      }),
    ),
  ];
}

export function createOidcProvider(opts: OidcProviderOptions): Provider {
  const platformNames = new Map(opts.platformClients.map((c) => [c.clientId, c.name]));
  const configuration: Configuration = {
    clients: clients(opts),
    jwks: opts.keys.privateJwks as Configuration['jwks'],
    // Our one key is EC (P-256): ID tokens are signed as the access tokens are.
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    /*
     * No adapter: oidc-provider's in-memory store keeps sessions, interactions, grants and codes, so a
     * restart signs everyone out of the provider (issued access tokens are JWTs and stay valid). Fine for
     * one machine; a shared store (DynamoDB) would be needed to run more than one process.
     */
    // Cookie keys live as long as that in-memory state does.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, sub) => (opts.accounts.claimsFor(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        // The pages ask for `openid api` and leave out `resource` at the token endpoint: give them the API's token.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return { scope: API_SCOPE, audience: API_AUDIENCE, accessTokenTTL: ACCESS_TOKEN_SECONDS, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
    },
    ttl: { ClientCredentials: ACCESS_TOKEN_SECONDS, AccessToken: ACCESS_TOKEN_SECONDS },
    pkce: { required: () => true },
    // What the API authorizes on (functions/adapters/auth.ts): role, and idNumber/name or staffId.
    extraTokenClaims: (_ctx, token) => {
      if (token.kind === 'ClientCredentials') return { role: 'platform', name: platformNames.get(token.clientId ?? '') ?? token.clientId };
      return token.accountId ? opts.accounts.claimsFor(token.accountId) : undefined;
    },
    // Our own pages need no consent screen: grant them the API scope once the person has signed in.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!FIRST_PARTY.has(client.clientId)) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid');
      grant.addResourceScope(API_RESOURCE, API_SCOPE);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/style.css"><main><h1>登录没有成功</h1><p>请回到首页重新登录。</p><p class="small">${String(out.error).replace(/[^a-z_]/g, '')}</p><p><a class="button" href="/">返回首页</a></p></main></html>`;
    },
  };
  return new Provider(opts.issuer, configuration);
}
