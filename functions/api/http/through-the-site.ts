import { createHash, timingSafeEqual } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { HttpProblem } from './problem.ts';
import { traced } from '../../shared/observability.ts';

/**
 * The header CloudFront adds to every request it sends to the API (infra/aws/site.ts). API Gateway's own
 * `execute-api` address answers anyone; only requests that came through the site carry the value.
 */
export const ORIGIN_HEADER = 'x-retireone-origin';
/** Set on AWS only (infra/aws/functions.ts): the Secrets Manager secret whose value CloudFront sends. */
export const ORIGIN_SECRET_ENV = 'ORIGIN_SECRET_ARN';

/** The refusal of a request that did not come through the site: no access to a case, so not audited on one. */
export class NotThroughTheSite extends HttpProblem {
  constructor() {
    super(403, 'Forbidden', 'Use the service at its public address.');
  }
}

export type SecretReader = (secretId: string) => Promise<string>;

/** Secrets Manager's GetSecretValue, loaded only where the check is on (the embedded hosting never imports the SDK). */
const readFromSecretsManager: SecretReader = async (secretId) => {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const out = await traced(new SecretsManagerClient({})).send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!out.SecretString) throw new Error(`secret ${secretId} has no string value`);
  return out.SecretString;
};

// Compared as digests, so the comparison takes the same time whatever the lengths.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * Refuses (403) a request without the site's origin header, when ORIGIN_SECRET_ARN names the secret; without it
 * (the embedded hosting) every request passes. The secret is read once per container: CloudFormation sets it at
 * deploy and nothing rotates it meanwhile. A failed read is not kept, so the next request tries again.
 */
export function throughTheSite(
  env: NodeJS.ProcessEnv = process.env,
  read: SecretReader = readFromSecretsManager,
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  const secretId = env[ORIGIN_SECRET_ENV];
  let expected: Promise<string> | undefined;
  return {
    before: async (request) => {
      if (!secretId) return;
      expected ??= read(secretId).catch((err: unknown) => {
        expected = undefined;
        throw err;
      });
      const value = await expected;
      const sent = request.event.headers?.[ORIGIN_HEADER];
      if (typeof sent !== 'string' || !same(sent, value)) throw new NotThroughTheSite();
    },
  };
}
