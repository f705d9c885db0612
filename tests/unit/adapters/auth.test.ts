import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { joseVerifier, type TokenVerifier } from '../../../functions/adapters/auth.ts';

const ISSUER = 'https://id.example.gov.cn';
const HOUR = 3600;
let privateKey: CryptoKey;
let verifier: TokenVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  verifier = joseVerifier(pair.publicKey, ISSUER);
});

const now = () => Math.floor(Date.now() / 1000);

/** A platform token with exactly the time claims given (none when absent). */
function token(times: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ role: 'platform' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(ISSUER).setAudience('retireone-api').setSubject('platform:gov');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  return jwt.sign(privateKey);
}

describe('token time claims', () => {
  it.each([
    ['issued now for 8 hours', () => ({ iat: now(), exp: now() + 8 * HOUR })],
    ['issued now for exactly 12 hours', () => ({ iat: now(), exp: now() + 12 * HOUR })],
    ['issued 11 hours ago, 1 hour left', () => ({ iat: now() - 11 * HOUR, exp: now() + HOUR })],
    ['issued 30 s ahead (within the clock skew)', () => ({ iat: now() + 30, exp: now() + 30 + HOUR })],
  ])('accepts a token %s', async (_, times) => {
    await expect(verifier.verify(await token(times()))).resolves.toMatchObject({ role: 'platform', subject: 'platform:gov' });
  });

  it.each([
    ['without exp', () => ({ iat: now() })],
    ['without iat', () => ({ exp: now() + HOUR })],
    ['valid for 10 years', () => ({ iat: now(), exp: now() + 10 * 365 * 24 * HOUR })],
    ['valid for 12 hours and 2 minutes', () => ({ iat: now(), exp: now() + 12 * HOUR + 120 })],
    ['issued 5 minutes in the future', () => ({ iat: now() + 300, exp: now() + 300 + HOUR })],
    ['issued 13 hours ago with exp still ahead', () => ({ iat: now() - 13 * HOUR, exp: now() + HOUR })],
    ['expired 2 minutes ago', () => ({ iat: now() - HOUR, exp: now() - 120 })],
  ])('refuses a token %s', async (_, times) => {
    await expect(verifier.verify(await token(times()))).rejects.toThrow();
  });
});
