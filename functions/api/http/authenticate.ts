import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { Principal } from '../../adapters/auth.ts';
import type { Operation } from '../route.ts';
import { runtime } from '../../shared/runtime.ts';
import { HttpProblem } from './problem.ts';

// RFC 6750 §3: a 401 says which scheme to use, and for a token that was sent, that it was refused.
const REALM = 'Bearer realm="retireone"';
const NO_TOKEN = { 'www-authenticate': REALM };
const INVALID_TOKEN = { 'www-authenticate': `${REALM}, error="invalid_token", error_description="The token is not valid or has expired"` };

/** Verifies the bearer JWT and checks the caller's role before the handler runs. */
export function authenticate(
  auth: Operation['auth'],
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context & { principal?: Principal }> {
  const roles = auth === 'public' ? [] : 'optional' in auth ? auth.optional : auth;
  return {
    before: async (request) => {
      if (auth === 'public') return;
      const header = request.event.headers?.authorization ?? '';
      // Optional: no Authorization header at all is an anonymous caller; a header that is there is checked.
      if (!header && !Array.isArray(auth)) return;
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new HttpProblem(401, 'Unauthorized', 'Send a bearer token in the Authorization header.', undefined, undefined, NO_TOKEN);
      let principal: Principal;
      try {
        principal = await (await runtime()).tokens.verify(match[1] ?? '');
      } catch {
        throw new HttpProblem(401, 'Unauthorized', 'The token is not valid or has expired.', undefined, undefined, INVALID_TOKEN);
      }
      // Set before the role check: a refused caller is named in the audit (audit-refusals.ts); no handler runs then.
      request.context.principal = principal;
      if (!roles.includes(principal.role)) throw new HttpProblem(403, 'Forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
    },
  };
}
