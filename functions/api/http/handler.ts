import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Principal } from '../../adapters/auth.ts';
import { CORRELATION_HEADER, currentCorrelationId, wellFormedCorrelationId } from '../../shared/correlation.ts';
import { logger } from '../../shared/logger.ts';
import { powertools, withCorrelation } from '../../shared/observability.ts';
import { type Runtime, runtime } from '../../shared/runtime.ts';
import type { Operation } from '../route.ts';
import { auditRefusals } from './audit-refusals.ts';
import { authenticate } from './authenticate.ts';
import { idempotencyKey } from './idempotency-key.ts';
import { idempotentReplay } from './idempotent-replay.ts';
import { problemResponses } from './problem-responses.ts';
import { HttpProblem, validationProblem } from './problem.ts';
import type { HttpResult } from './result.ts';
import { illFormedText } from './well-formed.ts';
import { NO_SNIFF } from './no-sniff.ts';
import { throughTheSite } from './through-the-site.ts';

export type { HttpResult };

export interface HttpRequest<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal | undefined;
  headers: Record<string, string | undefined>;
  requestId: string;
  rawBody: string;
  /** The body's bytes, only for a route with `rawBody` (e.g. an uploaded PDF). */
  bytes?: Uint8Array;
  /** The process's one runtime (functions/shared/runtime.ts), resolved once by this wrapper. */
  rt: Runtime;
}

/** What a handler file adds to its route: its decision, and a stricter body schema when that depends on today. */
export interface HandlerSpec<B, Q, P> {
  /** Replaces the route's body schema for this request (rules that depend on today's date); must accept no more. */
  bodyAsOf?: (rt: Runtime) => z.ZodType<B>;
  handle(req: HttpRequest<B, Q, P>): Promise<HttpResult>;
}

/** `application/json; charset=utf-8` → `application/json`. */
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'path'): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(result.error, where);
  return result.data;
}

function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): { raw: string; json: unknown } {
  if (!event.body) return { raw: '', json: undefined };
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > maxBytes) throw new HttpProblem(413, 'Body too large', `The body is larger than ${maxBytes} bytes.`);
  const type = mediaType(event.headers['content-type']);
  if (type !== 'application/json') throw new HttpProblem(415, 'Unsupported media type', 'Send the body as application/json.');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new HttpProblem(400, 'Malformed JSON', 'The body is not valid JSON.', [{ path: '$', message: 'is not valid JSON' }]);
  }
  const illFormed = illFormedText(json);
  if (illFormed.length > 0) {
    throw new HttpProblem(400, 'Invalid request', `The body has text that is not well-formed: ${illFormed.map((e) => e.path).join(', ')}`, illFormed);
  }
  return { raw, json };
}

/** Empty is 400, another media type 415, too big 413 — in that order, so each caller learns the first thing to fix. */
function readRawBody(event: APIGatewayProxyEventV2, spec: { contentType: string; maxBytes: number }): Uint8Array {
  const bytes = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (bytes.length === 0) throw new HttpProblem(400, 'Missing body', `This request needs a ${spec.contentType} body.`, [{ path: '$', message: 'is required' }]);
  const type = mediaType(event.headers?.['content-type']);
  if (type !== spec.contentType) throw new HttpProblem(415, 'Unsupported media type', `Send the body as ${spec.contentType}.`);
  if (bytes.length > spec.maxBytes) throw new HttpProblem(413, 'Body too large', `The body is larger than ${spec.maxBytes} bytes.`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toResponse(result: HttpResult): APIGatewayProxyResultV2 {
  const correlationId = currentCorrelationId();
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    ...NO_SNIFF,
    ...(correlationId ? { [CORRELATION_HEADER]: correlationId } : {}),
    ...result.headers,
  };
  if (result.bytes) {
    return { statusCode: result.status, headers, body: Buffer.from(result.bytes).toString('base64'), isBase64Encoded: true };
  }
  if (result.body === undefined) return { statusCode: result.status, headers };
  return {
    statusCode: result.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(result.body),
  };
}

/** The caller's well-formed `x-correlation-id`, else the API request's own id (what API Gateway logs). */
function correlationOf(event: APIGatewayProxyEventV2, context: Context | undefined): string {
  return wellFormedCorrelationId(event.headers?.[CORRELATION_HEADER]) ?? event.requestContext?.requestId ?? context?.awsRequestId ?? crypto.randomUUID();
}

/**
 * One wrapper for every HTTP handler: the correlation id, Powertools Logger, Tracer and Metrics, authentication,
 * validation with the route's zod schemas, and problem+json errors, so each handler file holds only its own decision.
 */
export function httpHandler<B, Q, P>(route: Operation<B, Q, P>, spec: HandlerSpec<B, Q, P>) {
  const core = async (event: APIGatewayProxyEventV2, context: Context & { principal?: Principal }): Promise<APIGatewayProxyResultV2> => {
    // On every route, also those whose replay is by content (the one form): a key the caller thinks protects a
    // retry but that cannot be used is a 400, never silently ignored.
    idempotencyKey(event.headers ?? {});
    const hasBodySchema = route.body !== undefined;
    const { raw, json } = hasBodySchema ? readJsonBody(event, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : { raw: '', json: undefined };
    if (hasBodySchema && json === undefined) {
      throw new HttpProblem(400, 'Missing body', 'This request needs a JSON body.', [{ path: '$', message: 'is required' }]);
    }
    const rt = await runtime();
    const bodySchema = spec.bodyAsOf ? spec.bodyAsOf(rt) : route.body;
    const bytes = route.rawBody ? readRawBody(event, route.rawBody) : undefined;
    const parsedBody = parse(bodySchema, json, 'body');
    const replay = route.idempotency === 'replay' ? await idempotentReplay(rt, event, context.principal, parsedBody) : undefined;
    if (replay?.response) return toResponse(replay.response);
    let result: HttpResult | undefined;
    try {
      result = await spec.handle({
        body: parsedBody,
        query: parse(route.query, event.queryStringParameters ?? {}, 'query'),
        params: parse(route.params, event.pathParameters ?? {}, 'path'),
        principal: context.principal,
        headers: event.headers ?? {},
        requestId: context.awsRequestId ?? event.requestContext?.requestId ?? crypto.randomUUID(),
        rawBody: raw,
        rt,
        ...(bytes ? { bytes } : {}),
      });
    } finally {
      // A refused or failed run gives the key back, so the same request may be sent again.
      await replay?.settle(result);
    }
    logger.debug({ route: route.doc.operationId, status: result.status }, 'request done');
    return toResponse(result);
  };
  // Before-hooks run in order: a request that bypassed the site is refused before anything reads a token or the
  // table. onError runs in reverse order: a refusal is audited before it becomes a problem answer.
  const handler = middy(core)
    .use(powertools())
    .use(problemResponses())
    .use(throughTheSite())
    .use(auditRefusals(route.doc.operationId, route.auditTrail))
    .use(authenticate(route.auth));
  return withCorrelation(handler, correlationOf);
}
