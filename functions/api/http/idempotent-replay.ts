import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '../../adapters/auth.ts';
import { canonicalHash } from '../../shared/canonical-hash.ts';
import type { Runtime } from '../../shared/runtime.ts';
import { idempotencyKey } from './idempotency-key.ts';
import { HttpProblem } from './problem.ts';
import type { HttpResult } from './result.ts';

export interface Replay {
  /** The first answer, when this caller already completed this key with this request. */
  response?: HttpResult;
  /** After the handler ran: keeps a success as the key's answer, gives the key back otherwise. */
  settle(result: HttpResult | undefined): Promise<void>;
}

/**
 * For a creating POST with an `Idempotency-Key`: claims the key for this request, or answers as the first
 * request did — its answer when it is done, 409 with Retry-After while it still runs, 422 for the key with
 * another request. The path is part of the request, so one key cannot be replayed onto another case.
 */
export async function idempotentReplay(
  rt: Runtime,
  event: APIGatewayProxyEventV2,
  principal: Principal | undefined,
  body: unknown,
): Promise<Replay | undefined> {
  const key = idempotencyKey(event.headers ?? {});
  if (!key || !principal) return undefined;
  const scope = principal.subject;
  const requestHash = canonicalHash({ path: event.rawPath, body });
  const claim = await rt.idempotency.claim(scope, key, requestHash, rt.clock.now());
  switch (claim.kind) {
    case 'different-request':
      throw new HttpProblem(422, 'Idempotency key reused', 'This Idempotency-Key was used with a different request.', [
        { path: 'Idempotency-Key', message: 'was used with a different request' },
      ]);
    case 'in-progress': {
      throw new HttpProblem(
        409,
        'Request in progress',
        'The same request is being handled right now; ask again in a moment for its answer.',
        undefined,
        undefined,
        {
          'retry-after': '1',
        },
      );
    }
    case 'completed':
      return { response: { status: claim.response.status, body: claim.response.body }, settle: async () => {} };
    case 'claimed':
      return {
        settle: async (result) => {
          if (result && result.status < 300)
            await rt.idempotency.complete(scope, key, requestHash, { status: result.status, body: result.body }, rt.clock.now());
          else await rt.idempotency.release(scope, key, requestHash);
        },
      };
  }
}
