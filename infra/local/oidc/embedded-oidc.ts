import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalJWKSet } from 'jose';
import { joseVerifier, type TokenVerifier } from '../../../functions/adapters/auth.ts';
import type { CitizenRecords } from '../fixtures-loader.ts';
import type { SmsSink } from '../sms-sink.ts';
import { accountsFrom } from './accounts.ts';
import { interactionPages } from './interactions.ts';
import { OneTimeCodes } from './one-time-codes.ts';
import { platformClientsFromEnv } from './platform-clients.ts';
import { createOidcProvider } from './provider.ts';
import { ensureOidcSigningKeys } from './signing-keys.ts';
import { staffDirectory, type StaffAccount } from './staff-accounts.ts';

export const OIDC_MOUNT = '/oidc';

export interface EmbeddedOidc {
  issuer: string;
  /** Verifies the provider's access tokens the way the API verifies the government IdP's on AWS. */
  verifier: TokenVerifier;
  /** Serves `{baseUrl}/oidc/…`; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Demo staff accounts made up at this start (dev mode, no STAFF_ACCOUNTS): print them once. */
  generatedStaff: readonly StaffAccount[];
}

/** The embedded OpenID Provider at `{baseUrl}/oidc`, on the product's own HTTP server. */
export async function startEmbeddedOidc(opts: {
  baseUrl: string;
  dataDir: string;
  citizens: CitizenRecords;
  devMode: boolean;
  sms: SmsSink;
  env?: NodeJS.ProcessEnv;
}): Promise<EmbeddedOidc> {
  const env = opts.env ?? process.env;
  const issuer = `${opts.baseUrl}${OIDC_MOUNT}`;
  const keys = await ensureOidcSigningKeys(opts.dataDir);
  const staff = staffDirectory(env, opts.devMode);
  const accounts = accountsFrom(opts.citizens, staff);
  const siteOrigins = [...new Set([opts.baseUrl, env.PUBLIC_BASE_URL].filter((o): o is string => Boolean(o)).map((o) => new URL(o).origin))];
  const provider = createOidcProvider({ issuer, siteOrigins, keys, accounts, platformClients: platformClientsFromEnv(env) });
  const pages = interactionPages({ provider, accounts, staff, codes: new OneTimeCodes(), sms: opts.sms });
  const callback = provider.callback();

  return {
    issuer,
    verifier: joseVerifier(createLocalJWKSet(keys.publicJwks), issuer),
    generatedStaff: staff.generated,
    async handle(req, res, url) {
      if (url.pathname !== OIDC_MOUNT && !url.pathname.startsWith(`${OIDC_MOUNT}/`)) return false;
      if (await pages(req, res, url)) return true;
      // Mounted as connect/express mount it: the provider sees its own paths and finds its mount in originalUrl.
      const original = req.url ?? '/';
      Object.assign(req, { originalUrl: original, url: original.slice(OIDC_MOUNT.length) || '/' });
      await callback(req, res);
      return true;
    },
  };
}
