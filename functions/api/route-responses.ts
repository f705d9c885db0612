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
export const PDF_BODY = { 'application/pdf': { schema: { type: 'string' as const, contentMediaType: 'application/pdf' } } };

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
