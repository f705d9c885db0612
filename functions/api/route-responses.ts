import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Problem } from '../../schemas/problem.ts';

/** Building blocks for the answers routes.ts documents; the same wording everywhere a case is refused. */
export const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

export function problem(description: string, schema: z.ZodType = Problem): ResponseConfig {
  return { description, content: { 'application/problem+json': { schema } } };
}

export const BAD_REQUEST = problem('Invalid request: every offending field is named by its JSON path in `errors`; unknown fields are rejected.');
export const NOT_FOUND_CASE = problem('No such case, or not yours to see (a citizen never learns whether another person’s case exists).');
export const IDEMPOTENCY_REUSED = problem('The Idempotency-Key was used before with a different request.');
// `format: binary` makes generated clients (openapi-typescript) treat the body as bytes rather than text.
export const PDF_BODY = { 'application/pdf': { schema: { type: 'string' as const, format: 'binary', contentMediaType: 'application/pdf' } } };

/** Seconds to wait, as every 429 and 503 of the API sends it. */
export const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'integer' as const, minimum: 0 } },
};

/** What the two hostings answer an operation may get whatever it does: throttled, or a store not answering. */
export const TOO_MANY_REQUESTS: ResponseConfig = {
  ...problem('Too many requests from this caller (the local server’s per-caller token bucket; on AWS, the route’s throttle).'),
  // Not required: API Gateway's own throttle answers without it.
  headers: { 'Retry-After': { ...RETRY_AFTER['Retry-After'], required: false } },
};
export const STORE_UNAVAILABLE: ResponseConfig = {
  ...problem('A store or service this operation depends on is not answering (or the disk is full); nothing was changed.'),
  headers: RETRY_AFTER,
};

/** RFC 6750: every 401 names the scheme and, for a bad token, the error. */
export const UNAUTHORIZED: ResponseConfig = {
  ...problem('No bearer token, or the token is not valid or has expired.'),
  headers: {
    'WWW-Authenticate': {
      description: 'The bearer scheme and realm; with `error="invalid_token"` when a token was sent but is not valid.',
      required: true,
      schema: { type: 'string' as const },
    },
  },
};

/** Errors every operation with a JSON body can answer. */
export const BODY_ERRORS: Record<number, ResponseConfig> = {
  400: BAD_REQUEST,
  413: problem('The body is larger than the limit (64 KiB).'),
  415: problem('The body is not application/json.'),
};

export const IdempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/)
    .optional()
    .meta({
      description:
        'Makes the request safe to retry: the same key with the same body returns the first answer again; the same key with a different body is 422.',
      example: '6f1c2f0e-8f7a-4f53-9d7e-2a1b0c9d8e7f',
    }),
});
