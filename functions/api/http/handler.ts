import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Principal, Role } from '../../adapters/auth.ts';
import { authenticate } from './authenticate.ts';
import { idempotentReplay } from './idempotent-replay.ts';
import { problemResponses } from './problem-responses.ts';
import { HttpProblem, validationProblem } from './problem.ts';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes (e.g. a PDF); sent base64-encoded through API Gateway. */
  bytes?: Uint8Array;
}

export interface HttpRequest<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal | undefined;
  headers: Record<string, string | undefined>;
  requestId: string;
  rawBody: string;
  /** The body's bytes, only for a spec with `rawBody` (e.g. an uploaded PDF). */
  bytes?: Uint8Array;
}

export interface HttpSpec<B, Q, P> {
  /** `public`, or the roles allowed to call. */
  auth: 'public' | readonly Role[];
  /** The body schema, or a function giving one for this request (rules that depend on today's date). */
  body?: z.ZodType<B> | (() => Promise<z.ZodType<B>>);
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  maxBodyBytes?: number;
  /**
   * The POST creates something: with an `Idempotency-Key`, the same key and body get the first answer
   * again, the same key with another body is 422 (the contract's rule for every creating POST).
   */
  idempotent?: boolean;
  /** Accept a non-JSON body of exactly this media type, handed over as bytes (no `body` schema then). */
  rawBody?: { contentType: string; maxBytes: number };
  handle(req: HttpRequest<B, Q, P>): Promise<HttpResult>;
}

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
  const type = (event.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpProblem(415, 'Unsupported media type', 'Send the body as application/json.');
  try {
    return { raw, json: JSON.parse(raw) };
  } catch {
    throw new HttpProblem(400, 'Malformed JSON', 'The body is not valid JSON.', [{ path: '$', message: 'is not valid JSON' }]);
  }
}

/** Empty is 400, another media type 415, too big 413 — in that order, so each caller learns the first thing to fix. */
function readRawBody(event: APIGatewayProxyEventV2, spec: { contentType: string; maxBytes: number }): Uint8Array {
  const bytes = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (bytes.length === 0) throw new HttpProblem(400, 'Missing body', `This request needs a ${spec.contentType} body.`, [{ path: '$', message: 'is required' }]);
  const type = (event.headers?.['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== spec.contentType) throw new HttpProblem(415, 'Unsupported media type', `Send the body as ${spec.contentType}.`);
  if (bytes.length > spec.maxBytes) throw new HttpProblem(413, 'Body too large', `The body is larger than ${spec.maxBytes} bytes.`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toResponse(result: HttpResult): APIGatewayProxyResultV2 {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...result.headers };
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

/**
 * One wrapper for every HTTP handler: authentication, validation with the zod schemas, and
 * problem+json errors, so each handler file holds only its own decision.
 */
export function httpHandler<B = undefined, Q = undefined, P = undefined>(spec: HttpSpec<B, Q, P>) {
  const core = async (event: APIGatewayProxyEventV2, context: Context & { principal?: Principal }): Promise<APIGatewayProxyResultV2> => {
    const hasBodySchema = spec.body !== undefined;
    const { raw, json } = hasBodySchema ? readJsonBody(event, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : { raw: '', json: undefined };
    if (hasBodySchema && json === undefined) {
      throw new HttpProblem(400, 'Missing body', 'This request needs a JSON body.', [{ path: '$', message: 'is required' }]);
    }
    const bodySchema = typeof spec.body === 'function' ? await spec.body() : spec.body;
    const bytes = spec.rawBody ? readRawBody(event, spec.rawBody) : undefined;
    const parsedBody = parse(bodySchema, json, 'body');
    const replay = spec.idempotent ? await idempotentReplay(event, context.principal, parsedBody) : undefined;
    if (replay?.response) return toResponse(replay.response);
    const result = await spec.handle({
      body: parsedBody,
      query: parse(spec.query, event.queryStringParameters ?? {}, 'query'),
      params: parse(spec.params, event.pathParameters ?? {}, 'path'),
      principal: context.principal,
      headers: event.headers ?? {},
      requestId: context.awsRequestId ?? event.requestContext?.requestId ?? crypto.randomUUID(),
      rawBody: raw,
      ...(bytes ? { bytes } : {}),
    });
    if (replay && result.status < 300) await replay.remember(result);
    return toResponse(result);
  };
  return middy(core).use(problemResponses()).use(authenticate(spec.auth));
}
