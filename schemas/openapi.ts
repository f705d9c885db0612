import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { IDEMPOTENCY_RESPONSES, ROUTES, type Route } from '../functions/api/routes.ts';
import { IdempotencyHeaders, json, PDF_BODY, problem, STORE_UNAVAILABLE, TOO_MANY_REQUESTS, UNAUTHORIZED } from '../functions/api/route-responses.ts';

/*
 * The OpenAPI 3.1 document of the public contract (docs/api-v1.md), generated from the one route table
 * (functions/api/routes.ts) and the zod schemas the handlers validate with, so the document cannot describe
 * a route or a shape the code does not serve. The dev-only token mint is documented, marked local-only.
 */

const BEARER = 'bearerAuth';

const SECURITY_DESCRIPTION = [
  '`Authorization: Bearer <JWT>`. The `role` claim is one of:',
  '- `citizen`: a person; carries the person’s `idNumber` claim and sees and acts on its own cases only (anything else is 404);',
  '- `pre-review` and `supervisor`: staff of the pre-review team;',
  '- `platform`: the government platform’s system account.',
  'Each operation lists the roles it admits in its security requirement (OpenAPI 3.1 allows role names there for non-OAuth schemes).',
].join('\n');

function register(registry: OpenAPIRegistry): void {
  // Named components come from `.meta({ id })` on the schemas themselves (read by zod-to-openapi), so every
  // use of e.g. CaseStatus is a $ref to one definition rather than a copy.
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: SECURITY_DESCRIPTION,
  });
}

/** What the route validates, in OpenAPI terms; a documented wire shape (`doc.request`) wins for the query. */
function requestOf(route: Route): RouteConfig['request'] {
  const headers: z.ZodObject[] = [];
  if (route.idempotency) headers.push(IdempotencyHeaders);
  const documentedHeaders = route.doc.request?.headers;
  if (documentedHeaders) headers.push(documentedHeaders as z.ZodObject);
  const body = route.rawBody
    ? {
        required: true,
        content: route.rawBody.contentType === 'application/pdf' ? PDF_BODY : { [route.rawBody.contentType]: { schema: { type: 'string' as const } } },
      }
    : route.body
      ? { required: true, content: json(route.body) }
      : undefined;
  const request = {
    ...(route.params ? { params: route.params as z.ZodObject } : {}),
    ...(route.doc.request?.query || route.query ? { query: (route.doc.request?.query ?? route.query) as z.ZodObject } : {}),
    ...(headers.length === 1 ? { headers: headers[0] } : headers.length > 1 ? { headers: headers.reduce((a, b) => a.extend(b.shape)) } : {}),
    ...(body ? { body } : {}),
  };
  return Object.keys(request).length > 0 ? request : undefined;
}

function addOperation(registry: OpenAPIRegistry, route: Route): void {
  const { auth } = route;
  const { request: _documentedRequest, ...config } = route.doc;
  const roles = auth === 'public' ? [] : 'optional' in auth ? auth.optional : auth;
  const optional = auth !== 'public' && 'optional' in auth;
  const secured = roles.length > 0;
  const responses: RouteConfig['responses'] = { ...config.responses, ...(route.idempotency ? IDEMPOTENCY_RESPONSES : {}) };
  if (secured) {
    responses[401] = optional ? { ...UNAUTHORIZED, description: 'A bearer token was sent but is not valid or has expired.' } : UNAUTHORIZED;
    responses[403] ??= problem(`The token’s role is not one of: ${roles.join(', ')}.`);
  }
  // Both hostings throttle every route, and whatever reads or writes a store answers 503 while it is down.
  responses[429] ??= TOO_MANY_REQUESTS;
  if (route.access.table || route.access.documents) responses[503] ??= STORE_UNAVAILABLE;
  const roleList = roles.map((r) => `\`${r}\``).join(', ');
  const who = optional
    ? `No token needed; a token, if sent, must be valid and of one of the roles ${roleList}.`
    : secured
      ? `Roles: ${roleList}.`
      : 'No token needed.';
  const request = requestOf(route);
  registry.registerPath({
    ...config,
    method: route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete',
    path: route.path,
    ...(request ? { request } : {}),
    description: config.description ? `${config.description}\n\n${who}` : who,
    // `{}` first: a requirement that is met by sending nothing (the token is optional).
    security: optional ? [{}, { [BEARER]: [...roles] }] : secured ? [{ [BEARER]: [...roles] }] : [],
    responses,
  });
}

export const OPENAPI_VERSION = '3.1.0';

/** Builds the document afresh; callers that serve it keep one copy (functions/api/openapi.ts). */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  register(registry);
  // Every served route, plus the dev-only token mint, which is documented as local-only.
  for (const route of ROUTES) addOperation(registry, route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: OPENAPI_VERSION,
    info: {
      title: 'RetireOne (退休一件事) API',
      version: '1.0.0',
      description:
        'One number, one form, four parallel checks, one sealed answer. Errors are `application/problem+json` (RFC 9457). ' +
        'Dates `YYYY-MM-DD`, months `YYYY-MM`, instants ISO 8601 with offset; money in fen, contribution in months.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Public' },
      { name: 'Booking' },
      { name: 'The one form' },
      { name: 'Following the case' },
      { name: 'Staff' },
      { name: 'Feedback', description: 'The 办不成事 channel.' },
      { name: 'Local development only', description: 'Served only by `npm start` in local development mode.' },
    ],
  });
}
