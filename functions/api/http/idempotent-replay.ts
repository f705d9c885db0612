import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '../../adapters/auth.ts';
import { canonicalHash } from '../../shared/canonical-hash.ts';
import type { Runtime } from '../../shared/runtime.ts';
import type { HttpResult } from './result.ts';
import { idempotencyKey } from './idempotency-key.ts';
import { HttpProblem } from './problem.ts';

/**
 * For a creating POST with an `Idempotency-Key`: the first answer if this caller already sent this key with
 * this body, 422 if with another body; otherwise a way to remember the answer about to be given. The path
 * is part of what is compared, so one key cannot be replayed onto another case.
 */
export async function idempotentReplay(
  rt: Runtime,
  event: APIGatewayProxyEventV2,
  principal: Principal | undefined,
  body: unknown,
): Promise<{ response?: HttpResult; remember(result: HttpResult): Promise<void> } | undefined> {
  const key = idempotencyKey(event.headers ?? {});
  if (!key || !principal) return undefined;
  const requestHash = canonicalHash({ path: event.rawPath, body });
  const prior = await rt.idempotency.get(principal.subject, key);
  if (prior && prior.requestHash !== requestHash) {
    throw new HttpProblem(422, 'Idempotency key reused', 'This Idempotency-Key was used with a different request.', [
      { path: 'Idempotency-Key', message: 'was used with a different request' },
    ]);
  }
  return {
    response: prior ? { status: prior.response.status, body: prior.response.body } : undefined,
    remember: (result) => rt.idempotency.remember(principal.subject, key, requestHash, { status: result.status, body: result.body }, rt.clock.now()),
  };
}
