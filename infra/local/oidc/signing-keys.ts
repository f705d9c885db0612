import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OidcSigningKeys {
  /** With the private part: what the provider signs with. */
  privateJwks: { keys: JWK[] };
  /** Public parts only: what the API verifies with. */
  publicJwks: { keys: JWK[] };
}

const FILE = 'oidc-signing.jwks.json';
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'] as const;

/**
 * The embedded OpenID Provider's signing key (ES256), generated at first start under DATA_DIR/keys
 * (dir 0700, file 0600) and kept across restarts, so tokens issued before a restart stay valid.
 * Never committed: DATA_DIR is outside the repository's tracked files.
 */
export async function ensureOidcSigningKeys(dataDir: string): Promise<OidcSigningKeys> {
  const dir = join(dataDir, 'keys');
  const path = join(dir, FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(path)) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: `oidc-${Date.now().toString(36)}`, alg: 'ES256', use: 'sig' };
    // Written aside and renamed: a crash mid-write must not leave a half key the next start cannot read.
    writeFileSync(`${path}.tmp`, JSON.stringify({ keys: [jwk] }), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
  const privateJwks = JSON.parse(readFileSync(path, 'utf8')) as { keys: JWK[] };
  const publicJwks = {
    keys: privateJwks.keys.map((k) => Object.fromEntries(PUBLIC_MEMBERS.filter((m) => k[m] !== undefined).map((m) => [m, k[m]])) as JWK),
  };
  return { privateJwks, publicJwks };
}
