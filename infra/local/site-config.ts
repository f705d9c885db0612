import type { IncomingMessage, ServerResponse } from 'node:http';
import { CITIZEN_CLIENT, STAFF_CLIENT } from './oidc/provider.ts';

export const SITE_CONFIG_PATH = '/site-config.json';

/**
 * What the pages need to know about their hosting: where to sign in, and whether the dev sign-in exists.
 * Pages without this file (AWS, until its site ships one) assume no dev sign-in, so they never call
 * /v1/dev/tokens there.
 */
export function siteConfig(opts: { issuer: string; devSignIn: boolean }) {
  const body = JSON.stringify({ signIn: { issuer: opts.issuer, citizenClientId: CITIZEN_CLIENT, staffClientId: STAFF_CLIENT }, devSignIn: opts.devSignIn });
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (req.method !== 'GET' || url.pathname !== SITE_CONFIG_PATH) return false;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    return true;
  };
}
