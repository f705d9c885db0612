import {
  createRemoteJWKSet,
  decodeJwt,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
  jwtVerify,
  SignJWT,
  type JWTVerifyGetKey,
} from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

import { CreditCode } from '../../schemas/applicant.ts';
import { Role } from '../../schemas/auth.ts';

export { Role };

export interface Principal {
  role: Role;
  /** Stable id of the caller: staff id, system id, or the citizen's subject. */
  subject: string;
  idNumber?: string;
  name?: string;
  /** Staff only: the person behind the token, whatever role or account they use (the four-eyes rule compares it). */
  staffId?: string;
  /** Employer (unit account) only: the unit's unified social credit code; `name` is then the unit's name. */
  creditCode?: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

const Claims = z.object({
  sub: z.string().min(1),
  role: Role,
  idNumber: z.string().optional(),
  name: z.string().optional(),
  staffId: z.string().min(1).max(64).optional(),
  creditCode: CreditCode.optional(),
});

const AUDIENCE = 'retireone-api';
const ALG = 'ES256';
/** The contract: every token carries `exp`, at most 12 hours after `iat`; `iat` in the future beyond 60 s is refused. */
const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
const CLOCK_SKEW_SECONDS = 60;

type VerifyKey = CryptoKey | JWTVerifyGetKey;

export function joseVerifier(key: VerifyKey, issuer: string): TokenVerifier {
  return {
    async verify(token) {
      // maxTokenAge bounds how old `iat` may be and refuses it in the future (beyond the tolerance); jose has no
      // option for the lifetime a token claims, so a 10-year `exp` issued just now is refused by hand below.
      const { payload } = await jwtVerify(token, key as CryptoKey, {
        issuer,
        audience: AUDIENCE,
        algorithms: [ALG],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_SECONDS) throw new Error('token lifetime over 12 hours');
      const claims = Claims.parse(payload);
      if (claims.role === 'citizen' && !claims.idNumber) throw new Error('citizen token without idNumber');
      // A unit account is known by its code and its registered name: both appear on the case and its papers.
      if (claims.role === 'employer' && (!claims.creditCode || !claims.name)) throw new Error('employer token without creditCode or name');
      return {
        role: claims.role,
        subject: claims.sub,
        idNumber: claims.idNumber,
        name: claims.name,
        staffId: claims.staffId,
        ...(claims.role === 'employer' ? { creditCode: claims.creditCode } : {}),
      };
    },
  };
}

/**
 * Several issuers at once (local dev mode: the dev token mint and the embedded OpenID Provider): the
 * token's unverified `iss` only picks the verifier, which then checks everything, `iss` included.
 */
export function verifierByIssuer(verifiers: ReadonlyMap<string, TokenVerifier>): TokenVerifier {
  return {
    async verify(token) {
      const verifier = verifiers.get(String(decodeJwt(token).iss));
      if (!verifier) throw new Error('token from an unknown issuer');
      return verifier.verify(token);
    },
  };
}

/** AWS: the platform's identity provider publishes its keys (JWKS). */
export function remoteVerifier(jwksUrl: string, issuer: string): TokenVerifier {
  return joseVerifier(createRemoteJWKSet(new URL(jwksUrl)), issuer);
}

export interface DevTokenIssuer {
  verifier: TokenVerifier;
  issue(claims: { role: Role; idNumber?: string; name?: string; subject?: string; staffId?: string; creditCode?: string }): Promise<string>;
}

export const DEV_ISSUER = 'retireone-local-dev';

/** Local development keys: generated at first start under the data directory, never committed. */
export async function devTokenIssuer(dataDir: string): Promise<DevTokenIssuer> {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, 'jwt-dev-private.pem');
  const publicPath = join(dir, 'jwt-dev-public.pem');
  if (!existsSync(privatePath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = await generateKeyPair(ALG, { extractable: true });
    writeFileSync(privatePath, await exportPKCS8(pair.privateKey), { mode: 0o600 });
    writeFileSync(publicPath, await exportSPKI(pair.publicKey));
  }
  const privateKey = await importPKCS8(readFileSync(privatePath, 'utf8'), ALG);
  const publicKey = await importSPKI(readFileSync(publicPath, 'utf8'), ALG);
  return {
    verifier: joseVerifier(publicKey, DEV_ISSUER),
    async issue({ role, idNumber, name, subject, staffId, creditCode }) {
      // A dev staff token names its person: `staffId`, else the name — so one name with two roles is one person.
      const person = role === 'pre-review' || role === 'supervisor' ? (staffId ?? name ?? 'dev') : undefined;
      const unit = role === 'employer' && creditCode ? { creditCode } : {};
      return new SignJWT({ role, ...(idNumber ? { idNumber } : {}), ...(name ? { name } : {}), ...(person ? { staffId: person } : {}), ...unit })
        .setProtectedHeader({ alg: ALG })
        .setIssuer(DEV_ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(subject ?? (role === 'citizen' ? `citizen:${idNumber}` : role === 'employer' ? `employer:${creditCode}` : `${role}:${name ?? 'dev'}`))
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(privateKey);
    },
  };
}
