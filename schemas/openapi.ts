import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DevTokenRequest, Role } from './auth.ts';
import { ROUTES, type Route } from '../functions/api/routes.ts';
import { Application, PrefillResponse } from './application.ts';
import { BookingRequest, BookingResponse, ServiceCenterList, ServiceCenterPathParams, SlotList, SlotsQuery } from './booking.ts';
import { CaseView, SubmitResponse, WithdrawalRequest, WithdrawalResponse } from './case.ts';
import { CaseNumber } from './common.ts';
import { EligibilityRequest, EligibilityResponse } from './eligibility.ts';
import { Problem } from './problem.ts';
import { AuditEntry, ReviewRequest, ReviewResponse, StaffQueueItem, StaffQueueQuery } from './review.ts';
import { DocumentId, DocumentVerification, UploadVerification, VerifyDocumentPathParams } from './verification.ts';

/*
 * The OpenAPI 3.1 document of the public contract (docs/api-v1.md), generated from the zod
 * schemas the handlers validate with, so the document cannot describe a shape the code does not accept.
 * Every route of ROUTES (the dev-only token mint included, marked local-only) must have an entry in OPERATIONS;
 * building the document fails otherwise, so a new route cannot ship undocumented.
 */

// Path and query shapes the handlers declare next to themselves; restated here from the same building blocks
// (tests/unit/openapi.test.ts checks them against the handlers' own where those are exported).
export const CasePathParams = z.strictObject({ caseNumber: CaseNumber });
export const CaseDocumentPathParams = z.strictObject({
  caseNumber: CaseNumber,
  documentId: DocumentId,
});
const StaffCasesQuery = StaffQueueQuery.extend({
  status: StaffQueueQuery.shape.status.meta({ description: 'Only cases in this status; default: every open case.' }),
  overdue: StaffQueueQuery.shape.overdue.meta({ description: 'Only overdue (true) or only on-time (false) cases.' }),
  // The handler coerces the query string to a number; the wire format is an integer.
  dueWithinDays: z.int().min(0).max(3650).optional().meta({ description: 'Only cases whose deadline is at most this many days away.' }),
});

// Operational shapes, not domain ones: what GET /health and the local token mint answer.
const HealthResponse = z.strictObject({ status: z.literal('ok') });
const HealthUnavailable = z.strictObject({ status: z.literal('unavailable') });
const DevTokenResponse = z.strictObject({ token: z.string().meta({ description: 'A signed JWT (ES256), valid for 8 hours.' }) });

const BookingConflictProblem = Problem.extend({
  caseNumber: CaseNumber.optional().meta({ description: 'Present when the person already has an open case: that case.' }),
}).meta({ id: 'BookingConflictProblem' });

const IdempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/)
    .optional()
    .meta({
      description:
        'Makes the booking safe to retry: the same key with the same body returns the first answer again; the same key with a different body is 422.',
      example: '6f1c2f0e-8f7a-4f53-9d7e-2a1b0c9d8e7f',
    }),
});

type Auth = 'public' | readonly z.infer<typeof Role>[];

interface Operation {
  auth: Auth;
  config: Omit<RouteConfig, 'method' | 'path' | 'security'>;
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

function problem(description: string, schema: z.ZodType = Problem): ResponseConfig {
  return { description, content: { 'application/problem+json': { schema } } };
}

const BAD_REQUEST = problem('Invalid request: every offending field is named by its JSON path in `errors`; unknown fields are rejected.');
const NOT_FOUND_CASE = problem('No such case, or not yours to see (a citizen never learns whether another person’s case exists).');

/** Errors every operation with a JSON body can answer. */
const BODY_ERRORS: Record<number, ResponseConfig> = {
  400: BAD_REQUEST,
  413: problem('The body is larger than the limit (64 KiB).'),
  415: problem('The body is not application/json.'),
};

const OPERATIONS: Record<string, Operation> = {
  'GET /health': {
    auth: 'public',
    config: {
      operationId: 'getHealth',
      tags: ['Public'],
      summary: 'Readiness',
      description: 'Ready once the case store, the object store and the workflow engine answer.',
      responses: {
        200: { description: 'Ready.', content: json(HealthResponse) },
        503: { description: 'A dependency does not answer.', content: json(HealthUnavailable) },
      },
    },
  },
  'GET /v1/openapi.json': {
    auth: 'public',
    config: {
      operationId: 'getOpenApiDocument',
      tags: ['Public'],
      summary: 'This OpenAPI document',
      responses: { 200: { description: 'The OpenAPI 3.1 document.', content: json(z.looseObject({ openapi: z.string() })) } },
    },
  },
  'POST /v1/dev/tokens': {
    auth: 'public',
    config: {
      operationId: 'createDevToken',
      tags: ['Local development only'],
      summary: 'Mint a token (local development only)',
      description:
        'Exists only when the server runs in local development mode (the default of `npm start`); absent (404) otherwise. ' +
        'A citizen token needs `idNumber`.',
      'x-local-only': true,
      request: { body: { required: true, content: json(DevTokenRequest) } },
      responses: {
        200: { description: 'A signed token for the role asked for.', content: json(DevTokenResponse) },
        ...BODY_ERRORS,
        404: problem('Not in local development mode.'),
      },
    },
  },
  'POST /v1/eligibility/retirement': {
    auth: 'public',
    config: {
      operationId: 'calculateRetirement',
      tags: ['Public'],
      summary: 'What-if retirement calculator',
      description:
        '`originalRetirementAge` defaults to 60 for men and is required for women (50 or 55). `minimumContributionYears` is the minimum in force in the year of `statutoryRetirementMonth`.',
      request: { body: { required: true, content: json(EligibilityRequest) } },
      responses: { 200: { description: 'The statutory retirement age and the flexible window.', content: json(EligibilityResponse) }, ...BODY_ERRORS },
    },
  },
  'GET /v1/service-centers': {
    auth: 'public',
    config: {
      operationId: 'listServiceCenters',
      tags: ['Booking'],
      summary: 'Service centres',
      responses: { 200: { description: 'Every service centre.', content: json(ServiceCenterList) } },
    },
  },
  'GET /v1/service-centers/{id}/slots': {
    auth: 'public',
    config: {
      operationId: 'listSlots',
      tags: ['Booking'],
      summary: 'Window slots of one centre on one day',
      request: { params: ServiceCenterPathParams, query: SlotsQuery },
      responses: {
        200: { description: 'The slots of that day with their remaining capacity.', content: json(SlotList) },
        400: BAD_REQUEST,
        404: problem('No such service centre.'),
      },
    },
  },
  'POST /v1/bookings': {
    auth: ['citizen', 'platform'],
    config: {
      operationId: 'createBooking',
      tags: ['Booking'],
      summary: 'Book: get the one case number',
      description:
        'A citizen books for itself only; the platform books for anyone. `slotId` is required for `window`. ' +
        'The `caseNumber` is the one number every department, window, document and message uses.',
      request: { headers: IdempotencyHeaders, body: { required: true, content: json(BookingRequest) } },
      responses: {
        201: {
          description: 'Booked (also the replay of an earlier request with the same Idempotency-Key and body).',
          headers: z.object({ Location: z.string().meta({ description: 'The case: /v1/cases/{caseNumber}.' }) }),
          content: json(BookingResponse),
        },
        ...BODY_ERRORS,
        403: problem('The role may not book, or a citizen books for another ID number.'),
        409: problem('The slot is full, or the person has a case still open (named in `caseNumber`).', BookingConflictProblem),
        422: problem('The Idempotency-Key was used before with a different body.'),
      },
    },
  },
  'GET /v1/cases/{caseNumber}/prefill': {
    auth: ['citizen', 'platform'],
    config: {
      operationId: 'getPrefill',
      tags: ['The one form'],
      summary: 'What the departments already hold for this person',
      description: 'Shaped like the one form, so the citizen confirms rather than types. Fields nobody holds are absent.',
      request: { params: CasePathParams },
      responses: { 200: { description: 'The known parts of the form.', content: json(PrefillResponse) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  },
  'POST /v1/cases/{caseNumber}/application': {
    auth: ['citizen', 'platform'],
    config: {
      operationId: 'submitApplication',
      tags: ['The one form'],
      summary: 'Submit the one form',
      description:
        'The identical form sent again is 202 with the same answer; a different form once one is in is 409. `applicant.idNumber` must match the booking.',
      request: { params: CasePathParams, body: { required: true, content: json(Application) } },
      responses: {
        202: { description: 'Accepted; the four departments are checked in parallel.', content: json(SubmitResponse) },
        ...BODY_ERRORS,
        404: NOT_FOUND_CASE,
        409: problem('A different form was already submitted, or the case is closed.'),
      },
    },
  },
  'POST /v1/cases/{caseNumber}/withdrawal': {
    auth: ['citizen', 'platform'],
    config: {
      operationId: 'withdrawCase',
      tags: ['Following the case'],
      summary: 'Withdraw the case while it waits for the form or a staff decision',
      request: { params: CasePathParams, headers: IdempotencyHeaders, body: { required: true, content: json(WithdrawalRequest) } },
      responses: {
        422: problem('The Idempotency-Key was used before with a different request.'),
        202: { description: 'Withdrawn; the person may book again.', content: json(WithdrawalResponse) },
        400: BAD_REQUEST,
        404: NOT_FOUND_CASE,
        409: problem('The case is not waiting for a person (being checked, sealed, or already ended).'),
      },
    },
  },
  'GET /v1/cases/{caseNumber}': {
    auth: ['citizen', 'platform', 'pre-review', 'supervisor'],
    config: {
      operationId: 'getCase',
      tags: ['Following the case'],
      summary: 'The case and every department’s answer',
      request: { params: CasePathParams },
      responses: { 200: { description: 'The case.', content: json(CaseView) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  },
  'GET /v1/cases/{caseNumber}/documents/{documentId}': {
    auth: ['citizen', 'platform', 'pre-review', 'supervisor'],
    config: {
      operationId: 'getDocument',
      tags: ['Following the case'],
      summary: 'A sealed PDF of the case',
      request: { params: CaseDocumentPathParams },
      responses: {
        200: {
          description: 'The sealed PDF.',
          headers: z.object({ 'X-Content-SHA256': z.string().regex(/^[0-9a-f]{64}$/).meta({ description: 'SHA-256 of the PDF bytes, hex.' }) }),
          content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
        },
        400: BAD_REQUEST,
        404: problem('No such case or document, or not yours to see.'),
      },
    },
  },
  'GET /v1/cases/{caseNumber}/events': {
    auth: ['citizen', 'platform', 'pre-review', 'supervisor'],
    config: {
      operationId: 'streamCaseEvents',
      tags: ['Following the case'],
      summary: 'The same progress as server-sent events',
      description:
        'One `status` event per timeline entry (`id` = its position; `data` = a TimelineEntry), then a `case` event whose `data` is the CaseView, ' +
        'and an `end` event (`data`: `{ status }`) once the case is COMPLETED, EXPIRED or WITHDRAWN. Each response holds until there is news ' +
        '(about 20 s at most) and ends; EventSource reconnects with `Last-Event-ID` and receives only what is new.',
      request: {
        params: CasePathParams,
        headers: z.object({
          'Last-Event-ID': z.string().optional().meta({ description: 'The last `id` received; only later events are sent.', example: '3' }),
        }),
      },
      responses: {
        200: {
          description: 'A batch of events.',
          content: { 'text/event-stream': { schema: { type: 'string', description: 'Server-sent events (event: status | case | end).' } } },
        },
        400: BAD_REQUEST,
        404: NOT_FOUND_CASE,
      },
    },
  },
  'GET /v1/staff/cases': {
    auth: ['pre-review', 'supervisor'],
    config: {
      operationId: 'listStaffQueue',
      tags: ['Staff'],
      summary: 'The work queue, oldest deadline first',
      request: { query: StaffCasesQuery },
      responses: { 200: { description: 'The queue.', content: json(z.array(StaffQueueItem)) }, 400: BAD_REQUEST },
    },
  },
  'GET /v1/staff/cases/{caseNumber}/audit': {
    auth: ['supervisor'],
    config: {
      operationId: 'getCaseAuditTrail',
      tags: ['Staff'],
      summary: 'Who looked at or acted on the case, newest first (supervisors)',
      request: { params: CasePathParams },
      responses: { 200: { description: 'The audit trail.', content: json(z.array(AuditEntry)) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  },
  'POST /v1/staff/cases/{caseNumber}/reviews': {
    auth: ['pre-review', 'supervisor'],
    config: {
      operationId: 'submitReview',
      tags: ['Staff'],
      summary: 'Decide a pre-review or a manual review',
      description:
        'Resumes the waiting workflow. The person who decided the pre-review may not decide the manual review of the same case (403).',
      request: { params: CasePathParams, headers: IdempotencyHeaders, body: { required: true, content: json(ReviewRequest) } },
      responses: {
        422: problem('The Idempotency-Key was used before with a different request.'),
        202: { description: 'Recorded; the workflow resumes.', content: json(ReviewResponse) },
        ...BODY_ERRORS,
        403: problem('The role may not review, or the same person decided the pre-review (separation of duties).'),
        404: NOT_FOUND_CASE,
        409: problem('The case is not waiting for this decision, or it was already taken.'),
      },
    },
  },
  'GET /v1/verify/{documentId}': {
    auth: 'public',
    config: {
      operationId: 'verifyDocumentById',
      tags: ['Public'],
      summary: 'Look up a sealed document by its id',
      description: 'For anyone holding a printed notice (its QR code points here).',
      request: { params: VerifyDocumentPathParams },
      responses: {
        200: { description: 'What was issued under this id.', content: json(DocumentVerification) },
        400: BAD_REQUEST,
        404: problem('No document was issued under this id.'),
      },
    },
  },
  'POST /v1/verify': {
    auth: 'public',
    config: {
      operationId: 'verifyUploadedPdf',
      tags: ['Public'],
      summary: 'Check a PDF byte for byte',
      description:
        'Valid only when the signature checks, the certificate chains to the seal CA, and the bytes match what was issued.',
      request: {
        body: {
          required: true,
          content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
        },
      },
      responses: {
        200: { description: 'The verdict, with the reasons when it is not valid.', content: json(UploadVerification) },
        400: problem('No body was sent.'),
        413: problem('The PDF is larger than the limit.'),
        415: problem('The body is not application/pdf.'),
      },
    },
  },
};

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

function documented(route: Route): Operation {
  const op = OPERATIONS[`${route.method} ${route.path}`];
  if (!op) throw new Error(`ROUTES has ${route.method} ${route.path} but schemas/openapi.ts does not document it`);
  return op;
}

function addOperation(registry: OpenAPIRegistry, route: Route): void {
  const { auth, config } = documented(route);
  const secured = auth !== 'public';
  const responses: RouteConfig['responses'] = { ...config.responses };
  if (secured) {
    responses[401] = problem('No bearer token, or the token is not valid or has expired.');
    responses[403] ??= problem(`The token’s role is not one of: ${auth.join(', ')}.`);
  }
  const roles = secured ? `Roles: ${auth.map((r) => `\`${r}\``).join(', ')}.` : 'No token needed.';
  registry.registerPath({
    ...config,
    method: route.method === 'GET' ? 'get' : 'post',
    path: route.path,
    description: config.description ? `${config.description}\n\n${roles}` : roles,
    security: secured ? [{ [BEARER]: [...auth] }] : [],
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
      { name: 'Local development only', description: 'Served only by `npm start` in local development mode.' },
    ],
  });
}
