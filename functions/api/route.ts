import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import type { Role } from '../../schemas/auth.ts';
import type { Access } from '../shared/access.ts';

/**
 * One HTTP operation, declared once in routes.ts: what both hostings serve (the embedded router and the
 * CDK's API routes), who may call it, what it validates, what it answers (the OpenAPI document) and what its
 * Lambda may touch (the CDK's grants). A handler file adds only its decision (functions/api/http/handler.ts).
 */
export interface Operation<B = undefined, Q = undefined, P = undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway route syntax: `{name}` path parameters. */
  path: string;
  /** Module under functions/api/ exporting `handler`. */
  module: string;
  /**
   * `public`, or the roles allowed to call. `{ optional }`: no token needed, but a token that is sent must be
   * valid and of one of these roles, and names the caller (the 办不成事 channel records who wrote, if known).
   */
  auth: 'public' | readonly Role[] | { optional: readonly Role[] };
  /** What the module's Lambda may touch (least privilege, infra/aws/functions.ts). */
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  maxBodyBytes?: number;
  /** Accept a non-JSON body of exactly this media type, handed over as bytes (no `body` schema then). */
  rawBody?: { contentType: string; maxBytes: number };
  /**
   * `replay`: with an `Idempotency-Key`, the same key and body get the first answer again, the same key with
   * another body is 422 (the wrapper does it). `in-transaction`: the handler keeps its own idempotency record
   * inside its write (the booking); documented the same way.
   */
  idempotency?: 'replay' | 'in-transaction';
  /** An audit trail not of a case (e.g. `FEEDBACK`): refused calls (401, 403) are recorded on it, as a case's are on the case's. */
  auditTrail?: string;
  /** Only served by the embedded hosting in development mode. */
  devOnly?: boolean;
  /** The OpenAPI operation, less what the fields above already say (method, path, security, request). */
  doc: Omit<RouteConfig, 'method' | 'path' | 'security' | 'request' | 'responses'> & {
    operationId: string;
    responses: Record<number, ResponseConfig>;
    /** Request parts documented beyond the validated ones (e.g. `Last-Event-ID`), or a wire shape of a coerced query. */
    request?: Pick<NonNullable<RouteConfig['request']>, 'headers' | 'query'>;
  };
}

/** Keeps each entry's schema types, so a handler's request is typed from its route. */
export function operation<B = undefined, Q = undefined, P = undefined>(op: Operation<B, Q, P>): Operation<B, Q, P> {
  return op;
}

/** Whether API Gateway's JWT authorizer guards the route: only when a token is required. */
export function requiresToken(auth: Operation['auth']): auth is readonly Role[] {
  return Array.isArray(auth);
}
