/**
 * The embedded OpenID Provider through the real stack with dev mode off: the provider's tokens are the
 * only way in, and the API refuses every token it should (wrong key, expired, other issuer, iat ahead).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness.ts';

const PLATFORM = { clientId: 'gov-platform', clientSecret: 'platform-secret-for-tests-0001', name: '政务服务平台（测试）' };
const CHEN = { idNumber: '441900196610120130', name: '陈志明', phone: '13810102947' };

describe('embedded OpenID Provider (dev mode off)', () => {
  let stack: TestStack;
  let issuer: string;
  let discovery: Record<string, any>;
  let realKey: { key: CryptoKey | Uint8Array; kid: string };

  beforeAll(async () => {
    process.env.PLATFORM_CLIENTS = JSON.stringify([PLATFORM]);
    stack = await startTestStack({ devMode: false });
    delete process.env.PLATFORM_CLIENTS;
    issuer = `${stack.baseUrl}/oidc`;
    const jwk = (JSON.parse(readFileSync(join(stack.dataDir, 'keys', 'oidc-signing.jwks.json'), 'utf8')) as { keys: JWK[] }).keys[0];
    realKey = { key: await importJWK(jwk, 'ES256'), kid: jwk.kid! };
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  const clientCredentials = (secret: string) =>
    fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${PLATFORM.clientId}:${secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
    });

  const book = (token: string) => stack.client.post('/v1/bookings', { ...CHEN, channel: 'online' }, token, { 'Idempotency-Key': crypto.randomUUID() });

  /** A platform token as the provider would sign it, with some claims changed. */
  const forge = (key: CryptoKey | Uint8Array, kid: string, claims: { iss?: string; iat?: number; exp?: number }) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: 'platform', name: PLATFORM.name, client_id: PLATFORM.clientId })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .setIssuer(claims.iss ?? issuer)
      .setAudience('retireone-api')
      .setSubject(PLATFORM.clientId)
      .setIssuedAt(claims.iat ?? now)
      .setExpirationTime(claims.exp ?? now + 3600)
      .sign(key);
  };

  it('publishes its discovery document at {baseUrl}/oidc/.well-known/openid-configuration', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    discovery = (await res.json()) as Record<string, any>;
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.token_endpoint).toBe(`${issuer}/token`);
    expect(discovery.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.grant_types_supported).toContain('client_credentials');
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: JWK[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([realKey.kid]);
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('keeps its signing keys under DATA_DIR/keys, readable by the owner only', () => {
    expect(statSync(join(stack.dataDir, 'keys')).mode & 0o777).toBe(0o700);
    expect(statSync(join(stack.dataDir, 'keys', 'oidc-signing.jwks.json')).mode & 0o777).toBe(0o600);
  });

  it('gives a configured platform client a JWT by client credentials, which the API accepts as role platform', async () => {
    const res = await clientCredentials(PLATFORM.clientSecret);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeLessThanOrEqual(12 * 3600);
    const [header, payload] = body.access_token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
    expect(header.alg).toBe('ES256');
    expect(payload).toMatchObject({ iss: issuer, aud: 'retireone-api', role: 'platform', sub: PLATFORM.clientId });
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(12 * 3600);

    const booking = await book(body.access_token);
    expect(booking.status).toBe(201);
    // A platform may not use the staff queue: authenticated (403), not unauthenticated (401).
    expect((await stack.client.get('/v1/staff/cases', body.access_token)).status).toBe(403);
  });

  it('accepts client_secret_post as well', async () => {
    const res = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: PLATFORM.clientId, client_secret: PLATFORM.clientSecret }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { access_token: string }).access_token.split('.')).toHaveLength(3);
  });

  it('gives a wrong secret no token (401 invalid_client)', async () => {
    const res = await clientCredentials('not-the-secret-at-all-000');
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.error).toBe('invalid_client');
    expect(body.access_token).toBeUndefined();
  });

  it('the forging below is right: a token signed with the real key and honest claims is accepted', async () => {
    expect((await stack.client.get('/v1/cases/RT20261124AAAAAA', await forge(realKey.key, realKey.kid, {}))).status).toBe(404);
  });

  it('refuses a token signed by another key, even under the real key id (401)', async () => {
    const other = await generateKeyPair('ES256');
    expect((await book(await forge(other.privateKey, realKey.kid, {}))).status).toBe(401);
  });

  it('refuses an expired token (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await book(await forge(realKey.key, realKey.kid, { iat: now - 7200, exp: now - 3600 }))).status).toBe(401);
  });

  it('refuses a token of another issuer (401)', async () => {
    expect((await book(await forge(realKey.key, realKey.kid, { iss: 'https://idp.example.invalid/oidc' }))).status).toBe(401);
  });

  it('refuses a token issued in the future beyond 60 s of skew (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await book(await forge(realKey.key, realKey.kid, { iat: now + 600, exp: now + 3600 }))).status).toBe(401);
  });

  it('refuses a token living longer than 12 hours (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await book(await forge(realKey.key, realKey.kid, { iat: now, exp: now + 13 * 3600 }))).status).toBe(401);
  });

  it('has no dev token mint (404)', async () => {
    expect((await stack.client.post('/v1/dev/tokens', { role: 'platform' })).status).toBe(404);
  });
});
