/**
 * The API answers only requests that came through the site (CloudFront adds the origin header, infra/aws/site.ts):
 * API Gateway's own execute-api address is refused with a 403, on every route, without a table read or write.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpHandler } from '../../../functions/api/http/handler.ts';
import { problemResponses } from '../../../functions/api/http/problem-responses.ts';
import { ORIGIN_HEADER, ORIGIN_SECRET_ENV, throughTheSite, type SecretReader } from '../../../functions/api/http/through-the-site.ts';
import { operations } from '../../../functions/api/routes.ts';

const SECRET = 'c2l0ZS1vbmx5LXNlY3JldC12YWx1ZQ';
const ARN = 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:RetireOneOriginSecret-AbCdEf';

const event = (headers: Record<string, string> = {}): APIGatewayProxyEventV2 =>
  ({ headers, rawPath: '/health', requestContext: { requestId: 'r1' } }) as unknown as APIGatewayProxyEventV2;

function guarded(env: Record<string, string>, read: SecretReader) {
  let handled = 0;
  const fn = middy(async (): Promise<APIGatewayProxyResultV2> => {
    handled++;
    return { statusCode: 200, body: 'ok' };
  })
    .use(problemResponses())
    .use(throughTheSite(env, read));
  const call = async (headers?: Record<string, string>) => (await fn(event(headers), {} as Context)) as { statusCode: number; body: string };
  return { call, handled: () => handled };
}

describe('throughTheSite', () => {
  it('lets every request pass when no secret is configured (the embedded hosting), and never reads one', async () => {
    let reads = 0;
    const { call, handled } = guarded({}, async () => {
      reads++;
      return SECRET;
    });
    expect((await call()).statusCode).toBe(200);
    expect((await call({ [ORIGIN_HEADER]: 'anything' })).statusCode).toBe(200);
    expect(reads).toBe(0);
    expect(handled()).toBe(2);
  });

  it('refuses a request without the header, or with another value, with a 403 problem, before the handler runs', async () => {
    const { call, handled } = guarded({ [ORIGIN_SECRET_ENV]: ARN }, async () => SECRET);
    const refusedHeaders: Array<Record<string, string> | undefined> = [
      undefined,
      { [ORIGIN_HEADER]: '' },
      { [ORIGIN_HEADER]: `${SECRET}x` },
      { 'x-other': SECRET },
    ];
    for (const headers of refusedHeaders) {
      const res = await call(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ status: 403, title: 'Forbidden' });
    }
    expect(handled()).toBe(0);
    expect((await call({ [ORIGIN_HEADER]: SECRET })).statusCode).toBe(200);
    expect(handled()).toBe(1);
  });

  it('refuses every value but the secret', async () => {
    const { call } = guarded({ [ORIGIN_SECRET_ENV]: ARN }, async () => SECRET);
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((s) => s !== SECRET),
        async (value) => {
          expect((await call({ [ORIGIN_HEADER]: value })).statusCode).toBe(403);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reads the secret once per container, also for requests at once, and again only after a failed read', async () => {
    let reads = 0;
    let failNext = true;
    const { call } = guarded({ [ORIGIN_SECRET_ENV]: ARN }, async (id) => {
      expect(id).toBe(ARN);
      reads++;
      if (failNext) {
        failNext = false;
        throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      }
      return SECRET;
    });
    expect((await call({ [ORIGIN_HEADER]: SECRET })).statusCode).toBe(503);
    const answers = await Promise.all(Array.from({ length: 20 }, () => call({ [ORIGIN_HEADER]: SECRET })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect((await call({ [ORIGIN_HEADER]: SECRET })).statusCode).toBe(200);
    expect(reads).toBe(2);
  });
});

describe('every HTTP handler (httpHandler)', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => {
    sm.reset();
    sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: SECRET });
    process.env[ORIGIN_SECRET_ENV] = ARN;
  });
  afterEach(() => {
    delete process.env[ORIGIN_SECRET_ENV];
  });

  it('reads the secret from Secrets Manager and refuses a request without the header before authentication', async () => {
    const handler = httpHandler(operations.listCases, { handle: async () => ({ status: 200, body: {} }) });
    const refused = (await handler(event(), {} as Context)) as { statusCode: number };
    expect(refused.statusCode).toBe(403);
    // Through the site, authentication comes next: no token is a 401.
    const next = (await handler(event({ [ORIGIN_HEADER]: SECRET }), {} as Context)) as { statusCode: number };
    expect(next.statusCode).toBe(401);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});
