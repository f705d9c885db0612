import type { IncomingMessage, ServerResponse } from 'node:http';
import { siteConfigBody } from '../site-config.ts';
import { CITIZEN_CLIENT, STAFF_CLIENT } from './oidc/provider.ts';

export const SITE_CONFIG_PATH = '/site-config.json';

/**
 * What the pages need to know about their hosting: where to sign in, and whether the dev sign-in exists.
 * The shape is infra/site-config.ts; the AWS site deploys the same file (devSignIn false) from CDK context.
 */
export function siteConfig(opts: { issuer: string; devSignIn: boolean }) {
  const body = JSON.stringify(
    siteConfigBody({ signIn: { issuer: opts.issuer, citizenClientId: CITIZEN_CLIENT, staffClientId: STAFF_CLIENT }, devSignIn: opts.devSignIn }),
  );
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (req.method !== 'GET' || url.pathname !== SITE_CONFIG_PATH) return false;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    return true;
  };
}
