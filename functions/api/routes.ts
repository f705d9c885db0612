import { z } from 'zod';
import { Application, PrefillResponse } from '../../schemas/application.ts';
import { Authorisation, AuthorisationRequest, EmployerFilingRequest, EmployerFilingResponse } from '../../schemas/applicant.ts';
import { DevTokenRequest } from '../../schemas/auth.ts';
import { DepartmentFault, DepartmentFaultPathParams, DepartmentFaultResponse } from '../../schemas/department-faults.ts';
import { BookingRequest, BookingResponse, ServiceCenterList, ServiceCenterPathParams, SlotList, SlotsQuery } from '../../schemas/booking.ts';
import { AssignmentRequest, AssignmentResponse } from '../../schemas/assignment.ts';
import { CasePathParams, CaseView, RetryResponse, SubmitResponse, WithdrawalRequest, WithdrawalResponse } from '../../schemas/case.ts';
import { CaseList } from '../../schemas/case-list.ts';
import { CaseNumber } from '../../schemas/common.ts';
import { DevMessageList, DevMessagesQuery } from '../../schemas/dev-messages.ts';
import { EligibilityRequest, EligibilityResponse } from '../../schemas/eligibility.ts';
import { CaseListQuery } from '../../schemas/invitation.ts';
import { FeedbackCreated, FeedbackList, FeedbackListQuery, FeedbackListQueryWire, FeedbackRequest } from '../../schemas/feedback.ts';
import { Problem } from '../../schemas/problem.ts';
import { RatingRequest, RatingResponse } from '../../schemas/rating.ts';
import { AuditEntry, RecheckRequest, RecheckResponse, ReviewRequest, ReviewResponse, StaffQueueItem, StaffQueueQuery } from '../../schemas/review.ts';
import { RevealedApplicant, StaffCaseDetail, StaffNoticeList, StaffStats } from '../../schemas/staff-case.ts';
import { SupplementResponse } from '../../schemas/supplement.ts';
import { WebhookCreated, WebhookList, WebhookPathParams, WebhookSubscriptionRequest } from '../../schemas/webhooks.ts';
import { CaseDocumentPathParams, DocumentVerification, UploadVerification, VerifyDocumentPathParams } from '../../schemas/verification.ts';
import { type Operation, operation } from './route.ts';
import { BAD_REQUEST, BODY_ERRORS, IDEMPOTENCY_REUSED, json, NOT_FOUND_CASE, PDF_BODY, problem } from './route-responses.ts';

/*
 * THE route table: every HTTP operation once — method, path, roles, what it validates, what it answers and
 * what its Lambda may touch. The embedded router (infra/local/http-server.ts), the CDK's routes and grants
 * (infra/aws/api.ts, functions.ts) and the OpenAPI document (schemas/openapi.ts) are derived from it; a
 * handler file takes its entry and adds only its decision. Adding a route is one entry plus its handler file.
 */

const EVERYONE_SIGNED_IN = ['citizen', 'platform', 'pre-review', 'supervisor', 'employer'] as const;
const APPLICANTS = ['citizen', 'platform'] as const;
/** Who fills in a booked case's form: the person or their agent, the platform, or the employer that filed it. */
const FORM_FILLERS = ['citizen', 'platform', 'employer'] as const;
const STAFF = ['pre-review', 'supervisor'] as const;
/**
 * 4 MB, not more: API Gateway hands a binary body to Lambda base64-encoded (×4/3), and a synchronous
 * Lambda invocation carries at most 6 MB. Our documents are well under 100 KB.
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
/** The audit trail of the 办不成事 messages (AUDIT#FEEDBACK), beside the cases' own trails. */
export const FEEDBACK_AUDIT_TRAIL = 'FEEDBACK';

// Operational shapes, not domain ones: what GET /health and the local token mint answer.
const HealthResponse = z.strictObject({ status: z.literal('ok') });
const HealthUnavailable = z.strictObject({ status: z.literal('unavailable') });
const DevTokenResponse = z.strictObject({ token: z.string().meta({ description: 'A signed JWT (ES256), valid for 8 hours.' }) });
const BookingConflictProblem = Problem.extend({
  caseNumber: CaseNumber.optional().meta({ description: 'Present when the person already has an open case: that case.' }),
}).meta({ id: 'BookingConflictProblem' });
// The handler coerces the query string to a number; the wire format is an integer.
const StaffCasesQueryWire = StaffQueueQuery.extend({
  status: StaffQueueQuery.shape.status.meta({ description: 'Only cases in this status; default: every open case.' }),
  overdue: StaffQueueQuery.shape.overdue.meta({ description: 'Only overdue (true) or only on-time (false) cases.' }),
  dueWithinDays: z.int().min(0).max(3650).optional().meta({
    description:
      'Only cases with at most this many working days left on their promised time (`sla`); before the form is sent, at most this many days to the application deadline.',
  }),
});

export const operations = {
  getHealth: operation({
    method: 'GET',
    path: '/health',
    module: 'health',
    auth: 'public',
    access: { table: 'read-probe', documents: 'probe', workflow: ['describe'] },
    doc: {
      operationId: 'getHealth',
      tags: ['Public'],
      summary: 'Readiness',
      description: 'Ready once the case store takes a write, the object store and the workflow engine answer, and (locally) the data directory has room.',
      responses: {
        200: { description: 'Ready.', content: json(HealthResponse) },
        503: { description: 'A dependency does not answer.', content: json(HealthUnavailable) },
      },
    },
  }),
  getOpenApiDocument: operation({
    method: 'GET',
    path: '/v1/openapi.json',
    module: 'openapi',
    auth: 'public',
    access: {},
    doc: {
      operationId: 'getOpenApiDocument',
      tags: ['Public'],
      summary: 'This OpenAPI document',
      responses: { 200: { description: 'The OpenAPI 3.1 document.', content: json(z.looseObject({ openapi: z.string() })) } },
    },
  }),
  createDevToken: operation({
    method: 'POST',
    path: '/v1/dev/tokens',
    module: 'dev-tokens',
    auth: 'public',
    access: {},
    devOnly: true,
    body: DevTokenRequest,
    doc: {
      operationId: 'createDevToken',
      tags: ['Local development only'],
      summary: 'Mint a token (local development only)',
      description:
        'Exists only when the server runs in local development mode (the default of `npm start`); absent (404) otherwise. ' +
        'A citizen token needs `idNumber`.',
      'x-local-only': true,
      responses: {
        200: { description: 'A signed token for the role asked for.', content: json(DevTokenResponse) },
        ...BODY_ERRORS,
        404: problem('Not in local development mode.'),
      },
    },
  }),
  setDepartmentFault: operation({
    method: 'PUT',
    path: '/v1/dev/departments/{department}/faults',
    module: 'dev-department-faults',
    // Public like the token mint: in dev mode anyone may mint a supervisor token anyway, so a role adds nothing.
    auth: 'public',
    access: {},
    devOnly: true,
    params: DepartmentFaultPathParams,
    body: DepartmentFault,
    doc: {
      operationId: 'setDepartmentFault',
      tags: ['Local development only'],
      summary: 'Make a department stand-in fail (local development only)',
      description:
        'Exists only when the server runs in local development mode; absent (404) otherwise. ' +
        'The fault holds for every later request to that department until another one (`up`: normal) replaces it.',
      'x-local-only': true,
      responses: {
        200: { description: 'The fault now in force.', content: json(DepartmentFaultResponse) },
        ...BODY_ERRORS,
        404: problem('Not in local development mode.'),
      },
    },
  }),
  listDevMessages: operation({
    method: 'GET',
    path: '/v1/dev/messages',
    module: 'dev-messages',
    // Public like the token mint: in dev mode anyone may mint a token for anyone anyway.
    auth: 'public',
    access: {},
    devOnly: true,
    query: DevMessagesQuery,
    doc: {
      operationId: 'listDevMessages',
      tags: ['Local development only'],
      summary: 'Text messages the local SMS sink delivered to one number (local development only)',
      description:
        'Exists only when the server runs in local development mode; absent (404) otherwise. The embedded hosting keeps text messages ' +
        'instead of sending them (the AWS hosting delivers through its SMS provider); this lists those sent to `to`, oldest first.',
      'x-local-only': true,
      responses: {
        200: { description: 'The messages sent to that number.', content: json(DevMessageList) },
        400: BAD_REQUEST,
        404: problem('Not in local development mode.'),
      },
    },
  }),
  calculateRetirement: operation({
    method: 'POST',
    path: '/v1/eligibility/retirement',
    module: 'eligibility',
    auth: 'public',
    access: {},
    body: EligibilityRequest,
    doc: {
      operationId: 'calculateRetirement',
      tags: ['Public'],
      summary: 'What-if retirement calculator',
      description:
        '`originalRetirementAge` defaults to 60 for men and is required for women (50 or 55). `minimumContributionYears` is the minimum in force in the year of `statutoryRetirementMonth`.',
      responses: { 200: { description: 'The statutory retirement age and the flexible window.', content: json(EligibilityResponse) }, ...BODY_ERRORS },
    },
  }),
  listServiceCenters: operation({
    method: 'GET',
    path: '/v1/service-centers',
    module: 'service-centers',
    auth: 'public',
    access: {},
    doc: {
      operationId: 'listServiceCenters',
      tags: ['Booking'],
      summary: 'Service centres',
      responses: { 200: { description: 'Every service centre.', content: json(ServiceCenterList) } },
    },
  }),
  listSlots: operation({
    method: 'GET',
    path: '/v1/service-centers/{id}/slots',
    module: 'slots',
    auth: 'public',
    access: { table: 'read' },
    params: ServiceCenterPathParams,
    query: SlotsQuery,
    doc: {
      operationId: 'listSlots',
      tags: ['Booking'],
      summary: 'Window slots of one centre on one day',
      responses: {
        200: { description: 'The slots of that day with their remaining capacity.', content: json(SlotList) },
        400: BAD_REQUEST,
        404: problem('No such service centre.'),
      },
    },
  }),
  createBooking: operation({
    method: 'POST',
    path: '/v1/bookings',
    module: 'create-booking',
    auth: APPLICANTS,
    access: { table: 'read', writes: ['CASE#', 'PERSON#', 'SLOT#', 'QUOTA#', 'IDEM#', 'SMS#'], workflow: ['start'] },
    body: BookingRequest,
    // The idempotency record is written in the booking's own transaction (functions/adapters/booking-store.ts).
    idempotency: 'in-transaction',
    doc: {
      operationId: 'createBooking',
      tags: ['Booking'],
      summary: 'Book: get the one case number',
      description:
        'A citizen books for itself, or as an agent for a person who authorised it (`POST /v1/authorisations`, scope `book`); the platform books for anyone; ' +
        'an employer files through `POST /v1/employer/filings`. `slotId` is required for `window`. ' +
        'The `caseNumber` is the one number every department, window, document and message uses.',
      responses: {
        201: {
          description: 'Booked (also the replay of an earlier request with the same Idempotency-Key and body).',
          headers: z.object({ Location: z.string().meta({ description: 'The case: /v1/cases/{caseNumber}.' }) }),
          content: json(BookingResponse),
        },
        ...BODY_ERRORS,
        403: problem(
          'The role may not book, or a citizen books for another ID number without an authorisation (代办授权) that covers booking today; the answer says which.',
        ),
        409: problem('The slot is full, or the person has a case still open (named in `caseNumber`).', BookingConflictProblem),
        429: {
          ...problem('The confirmation message would exceed a message quota: to this phone number (`phone` is named) or by this caller.'),
          headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds until the quota is whole again.' }) }),
        },
      },
    },
  }),
  createEmployerFiling: operation({
    method: 'POST',
    path: '/v1/employer/filings',
    module: 'create-employer-filing',
    auth: ['employer'],
    // Books each retiree as the booking does (its transaction, its own Idempotency-Key record per person).
    access: { table: 'read', writes: ['CASE#', 'PERSON#', 'SLOT#', 'QUOTA#', 'IDEM#', 'SMS#'], workflow: ['start'], departments: 'call' },
    body: EmployerFilingRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'createEmployerFiling',
      tags: ['Booking'],
      summary: 'An employer books several retiring employees at once (单位批量经办)',
      description:
        'For each retiree, in the order sent, its own outcome: `BOOKED` with its own case number, `OPEN_CASE` naming the case the person ' +
        'already has (never a second one), or `REFUSED` with the reason (403: HR does not show the person as this unit’s employee; 409: the ' +
        'slot is full; 429: a message quota; 503: HR could not confirm the employment just now — send the filing again under a new Idempotency-Key, and those booked meanwhile come back as `OPEN_CASE` with their case). The unit is the token’s (`creditCode`); `officer` is the handling officer (经办人). The case, its ' +
        'timeline and its sealed papers name the unit and the officer; the unit then follows and fills in only the cases it filed.',
      responses: {
        200: {
          description: 'Every retiree’s outcome (also the replay of an earlier request with the same Idempotency-Key and body).',
          content: json(EmployerFilingResponse),
        },
        ...BODY_ERRORS,
        403: problem('Not an employer’s unit account.'),
        409: problem('A request with the same Idempotency-Key is still being handled.'),
      },
    },
  }),
  createAuthorisation: operation({
    method: 'POST',
    path: '/v1/authorisations',
    module: 'create-authorisation',
    auth: ['citizen'],
    access: { table: 'read', writes: ['AGENCY#', 'IDEM#'] },
    body: AuthorisationRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'createAuthorisation',
      tags: ['Booking'],
      summary: 'The signed-in person authorises an agent to act for them (代办授权)',
      description:
        'The agent, signed in as a citizen, may then book (`book`), fill in, correct and withdraw the form (`apply`) and follow the case and ' +
        'download its papers (`follow`) for this person, from `validFrom` to `validUntil` inclusive (at most 366 days). A new authorisation ' +
        'for the same agent replaces the earlier one. Without one that covers the act and the day, the agent is refused (403 naming why).',
      responses: {
        201: { description: 'Authorised (also the replay of an earlier request with the same Idempotency-Key and body).', content: json(Authorisation) },
        ...BODY_ERRORS,
        403: problem('Not a citizen.'),
      },
    },
  }),
  getPrefill: operation({
    method: 'GET',
    path: '/v1/cases/{caseNumber}/prefill',
    module: 'prefill',
    auth: FORM_FILLERS,
    access: { table: 'read-audit', departments: 'call' },
    params: CasePathParams,
    doc: {
      operationId: 'getPrefill',
      tags: ['The one form'],
      summary: 'What the departments already hold for this person',
      description: 'Shaped like the one form, so the citizen confirms rather than types. Fields nobody holds are absent.',
      responses: { 200: { description: 'The known parts of the form.', content: json(PrefillResponse) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  }),
  submitApplication: operation({
    method: 'POST',
    path: '/v1/cases/{caseNumber}/application',
    module: 'submit-application',
    auth: FORM_FILLERS,
    access: { table: 'read-audit', writes: ['CASE#', 'SMS#'], workflow: ['respond'] },
    params: CasePathParams,
    body: Application,
    doc: {
      operationId: 'submitApplication',
      tags: ['The one form'],
      summary: 'Submit the one form',
      description:
        'The identical form sent again is 202 with the same answer; a different form once one is in is 409. `applicant.idNumber` must match the booking.',
      responses: {
        202: {
          description: 'Accepted; the departments are checked in parallel (the health commission where the city takes part).',
          content: json(SubmitResponse),
        },
        ...BODY_ERRORS,
        404: NOT_FOUND_CASE,
        409: problem('A different form was already submitted, or the case is closed.'),
      },
    },
  }),
  withdrawCase: operation({
    method: 'POST',
    path: '/v1/cases/{caseNumber}/withdrawal',
    module: 'withdraw-case',
    auth: FORM_FILLERS,
    // The citizen withdraws a waiting case and resumes its workflow to end it.
    access: { table: 'read-audit', writes: ['CASE#', 'PERSON#', 'SLOT#', 'IDEM#'], workflow: ['respond'] },
    params: CasePathParams,
    body: WithdrawalRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'withdrawCase',
      tags: ['Following the case'],
      summary: 'Withdraw the case while it waits for the form or a staff decision',
      responses: {
        202: { description: 'Withdrawn; the person may book again.', content: json(WithdrawalResponse) },
        ...BODY_ERRORS,
        404: NOT_FOUND_CASE,
        409: problem('The case is not waiting for a person (being checked, sealed, or already ended).'),
      },
    },
  }),
  getApplication: operation({
    method: 'GET',
    path: '/v1/cases/{caseNumber}/application',
    module: 'get-application',
    auth: FORM_FILLERS,
    access: { table: 'read-audit' },
    params: CasePathParams,
    doc: {
      operationId: 'getApplication',
      tags: ['The one form'],
      summary: 'The one form as sent (the latest version)',
      description: 'For the person and the platform acting for them, e.g. to correct it when pre-review asks for a supplement.',
      responses: {
        200: { description: 'The form.', content: json(Application) },
        400: BAD_REQUEST,
        404: problem('No such case for the caller, or no form sent yet.'),
      },
    },
  }),
  submitSupplement: operation({
    method: 'POST',
    path: '/v1/cases/{caseNumber}/supplement',
    module: 'submit-supplement',
    auth: FORM_FILLERS,
    access: { table: 'read-audit', writes: ['CASE#', 'IDEM#'], workflow: ['respond'] },
    params: CasePathParams,
    body: Application,
    idempotency: 'replay',
    doc: {
      operationId: 'submitSupplement',
      tags: ['The one form'],
      summary: 'Send the corrected form that pre-review asked for',
      description:
        'The whole one form again, with the fields named in the case’s `supplement` corrected; any other field must stay as first sent (400 names it). ' +
        'The case goes back to pre-review.',
      responses: {
        202: { description: 'Received; pre-review looks again.', content: json(SupplementResponse) },
        ...BODY_ERRORS,
        404: NOT_FOUND_CASE,
        409: problem('The case is not SUPPLEMENT_REQUESTED.'),
      },
    },
  }),
  rateCase: operation({
    method: 'POST',
    path: '/v1/cases/{caseNumber}/rating',
    module: 'rate-case',
    auth: ['citizen'],
    // Reads the case (audited), writes its rating and the rating counters, and keeps Idempotency-Key answers.
    access: { table: 'read-audit', writes: ['CASE#', 'STATS#', 'IDEM#'] },
    params: CasePathParams,
    body: RatingRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'rateCase',
      tags: ['Following the case'],
      summary: 'Rate the completed case (好差评), once',
      description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. The case view shows the rating from then on.',
      responses: {
        201: { description: 'Rated (also the replay of an earlier request with the same Idempotency-Key and body).', content: json(RatingResponse) },
        ...BODY_ERRORS,
        404: NOT_FOUND_CASE,
        409: problem('The case is not COMPLETED, or it has been rated already (or a request with the same Idempotency-Key is still being handled).'),
      },
    },
  }),
  listCases: operation({
    method: 'GET',
    path: '/v1/cases',
    module: 'list-cases',
    // A person's own cases: the platform and staff have their own ways to find cases (booking answers, the queue).
    auth: ['citizen'],
    access: { table: 'read', personIndex: true },
    // Whose cases is the token's to say: a query naming anyone is refused, not ignored. `invitation` names nobody
    // (a random reference from an invitation's link), and is looked up under the token's own ID number.
    query: CaseListQuery,
    doc: {
      operationId: 'listCases',
      tags: ['Following the case'],
      summary: 'The caller’s own cases, newest first',
      description:
        'Only the cases booked with the ID number of the citizen’s token; nobody else’s ever appear. Found through an index that follows ' +
        'the cases within moments, so a case booked a moment ago may be missing for a moment (its number is in the booking answer). ' +
        'With `invitation` (the reference in a 服务找人 invitation’s link), the answer also carries `invitation`: what HR gave for the ' +
        'booking (the phone the invitation went to, the statutory month), only when the reference is the caller’s own invitation; ' +
        'otherwise it is left out, whoever the reference belongs to.',
      responses: {
        200: { description: 'The caller’s cases, newest first; an empty list when there are none.', content: json(CaseList) },
        400: BAD_REQUEST,
        403: problem('Not a citizen: the list is of the caller’s own cases.'),
      },
    },
  }),
  getCase: operation({
    method: 'GET',
    path: '/v1/cases/{caseNumber}',
    module: 'get-case',
    auth: EVERYONE_SIGNED_IN,
    access: { table: 'read-audit' },
    params: CasePathParams,
    doc: {
      operationId: 'getCase',
      tags: ['Following the case'],
      summary: 'The case and every department’s answer',
      responses: { 200: { description: 'The case.', content: json(CaseView) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  }),
  getDocument: operation({
    method: 'GET',
    path: '/v1/cases/{caseNumber}/documents/{documentId}',
    module: 'get-document',
    auth: EVERYONE_SIGNED_IN,
    access: { table: 'read-audit', documents: 'read' },
    params: CaseDocumentPathParams,
    doc: {
      operationId: 'getDocument',
      tags: ['Following the case'],
      summary: 'A sealed PDF of the case',
      responses: {
        200: {
          description: 'The sealed PDF.',
          headers: z.object({
            'X-Content-SHA256': z
              .string()
              .regex(/^[0-9a-f]{64}$/)
              .meta({ description: 'SHA-256 of the PDF bytes, hex.' }),
          }),
          content: PDF_BODY,
        },
        400: BAD_REQUEST,
        404: problem('No such case or document, or not yours to see.'),
      },
    },
  }),
  streamCaseEvents: operation({
    method: 'GET',
    path: '/v1/cases/{caseNumber}/events',
    module: 'case-events',
    auth: EVERYONE_SIGNED_IN,
    // Server-sent progress of one case: polls the case record, holding a response up to 20 s.
    access: { table: 'read-audit' },
    params: CasePathParams,
    doc: {
      operationId: 'streamCaseEvents',
      tags: ['Following the case'],
      summary: 'The same progress as server-sent events',
      description:
        'One `status` event per timeline entry (`id` = its position; `data` = a TimelineEntry), then a `case` event whose `data` is the CaseView, ' +
        'and an `end` event (`data`: `{ status }`) once the case is COMPLETED, EXPIRED or WITHDRAWN. Each response holds until there is news ' +
        '(about 20 s at most) and ends; EventSource reconnects with `Last-Event-ID` and receives only what is new.',
      request: {
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
  }),
  listStaffQueue: operation({
    method: 'GET',
    path: '/v1/staff/cases',
    module: 'staff-queue',
    auth: STAFF,
    access: { table: 'read' },
    query: StaffQueueQuery,
    doc: {
      operationId: 'listStaffQueue',
      tags: ['Staff'],
      summary: 'The work queue, oldest deadline first',
      request: { query: StaffCasesQueryWire },
      responses: { 200: { description: 'The queue.', content: json(z.array(StaffQueueItem)) }, 400: BAD_REQUEST },
    },
  }),
  getStaffCase: operation({
    method: 'GET',
    path: '/v1/staff/cases/{caseNumber}',
    module: 'staff-case',
    auth: STAFF,
    access: { table: 'read-audit' },
    params: CasePathParams,
    doc: {
      operationId: 'getStaffCase',
      tags: ['Staff'],
      summary: 'A case with everything staff decide from',
      description: 'The case view, the applicant and the form as sent (personal numbers masked), the automatic pre-review, decisions and supplement rounds.',
      responses: { 200: { description: 'The case for staff.', content: json(StaffCaseDetail) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  }),
  revealApplicant: operation({
    method: 'GET',
    path: '/v1/staff/cases/{caseNumber}/applicant',
    module: 'reveal-applicant',
    auth: STAFF,
    access: { table: 'read-audit' },
    params: CasePathParams,
    doc: {
      operationId: 'revealApplicant',
      tags: ['Staff'],
      summary: 'The applicant’s full details (audited)',
      description: 'Name, ID number, phone, address and bank account in full. Each request is on the case’s audit trail as `reveal-applicant`.',
      responses: { 200: { description: 'The applicant in full.', content: json(RevealedApplicant) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  }),
  getStaffStats: operation({
    method: 'GET',
    path: '/v1/staff/stats',
    module: 'staff-stats',
    auth: STAFF,
    access: { table: 'read' },
    query: z.strictObject({}),
    doc: {
      operationId: 'getStaffStats',
      tags: ['Staff'],
      summary: 'The team’s figures: by status, due soon, overdue, on-time rate, median, ratings',
      responses: { 200: { description: 'Today’s figures.', content: json(StaffStats) } },
    },
  }),
  listStaffNotices: operation({
    method: 'GET',
    path: '/v1/staff/notices',
    module: 'staff-notices',
    auth: STAFF,
    access: { table: 'read' },
    query: z.strictObject({}),
    doc: {
      operationId: 'listStaffNotices',
      tags: ['Staff'],
      summary: 'My reminders: cases due soon, and (supervisors) overdue alerts',
      description:
        'Each reminder is sent once per case, promised time and kind, by the deadline sweep (every minute on one machine, every five minutes on AWS).',
      responses: { 200: { description: 'Newest first.', content: json(StaffNoticeList) } },
    },
  }),
  submitReview: operation({
    method: 'POST',
    path: '/v1/staff/cases/{caseNumber}/reviews',
    module: 'submit-review',
    auth: STAFF,
    access: { table: 'read-audit', writes: ['CASE#', 'IDEM#', 'SMS#'], workflow: ['respond'] },
    params: CasePathParams,
    body: ReviewRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'submitReview',
      tags: ['Staff'],
      summary: 'Decide a pre-review or a manual review',
      description:
        'Resumes the waiting workflow. The person who decided the pre-review may not decide the manual review of the same case (403). ' +
        'At pre-review, `SUPPLEMENT` asks the citizen to correct the named fields by `dueDate` (status SUPPLEMENT_REQUESTED); a correction that ' +
        'does not come by then leaves the case with staff, who may refuse it (`FAIL`, with the reason) from the day after. ' +
        'An assigned case is decided by its assignee or a supervisor. One decision per case, stage and department: a second is 409.',
      responses: {
        202: { description: 'Recorded; the workflow resumes.', content: json(ReviewResponse) },
        ...BODY_ERRORS,
        403: problem('The role may not review, the same person decided the pre-review (separation of duties), or the case is assigned to a colleague.'),
        404: NOT_FOUND_CASE,
        409: problem('The case is not waiting for this decision, it was already taken, or the citizen still has time to send a correction.'),
      },
    },
  }),
  assignCase: operation({
    method: 'POST',
    path: '/v1/staff/cases/{caseNumber}/assignment',
    module: 'assign-case',
    auth: STAFF,
    access: { table: 'read-audit', writes: ['CASE#', 'IDEM#'] },
    params: CasePathParams,
    body: AssignmentRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'assignCase',
      tags: ['Staff'],
      summary: 'Claim a case, or hand it over (supervisors)',
      description:
        'With one’s own `staffId`: claim a case nobody holds (claiming it again is harmless). A supervisor may name anyone: hand-over. ' +
        'Only cases a person works on (not booked, sealing or ended) are assigned.',
      responses: {
        200: { description: 'The case’s assignee now.', content: json(AssignmentResponse) },
        ...BODY_ERRORS,
        403: problem('Only a supervisor assigns a case to someone else.'),
        404: NOT_FOUND_CASE,
        409: problem('A colleague holds the case (ask a supervisor to hand it over), or it is not a case a person works on.'),
      },
    },
  }),
  retryCase: operation({
    method: 'POST',
    path: '/v1/staff/cases/{caseNumber}/retry',
    module: 'retry-case',
    auth: ['supervisor'],
    // Moves a NEEDS_ATTENTION case back to the status it failed in and starts its workflow again.
    access: { table: 'read-audit', writes: ['CASE#'], workflow: ['start'] },
    params: CasePathParams,
    doc: {
      operationId: 'retryCase',
      tags: ['Staff'],
      summary: 'Retry a case whose workflow step failed (supervisors)',
      description:
        'The case returns to the status it was in when the step failed and its workflow starts again; every step is idempotent by case number, ' +
        'so what was done is skipped and the case resumes at the step that failed.',
      responses: {
        202: { description: 'Back in its earlier status; the workflow runs again.', content: json(RetryResponse) },
        400: BAD_REQUEST,
        404: NOT_FOUND_CASE,
        409: problem('The case is not NEEDS_ATTENTION.'),
      },
    },
  }),
  recheckDepartment: operation({
    method: 'POST',
    path: '/v1/staff/cases/{caseNumber}/rechecks',
    module: 'recheck-department',
    auth: STAFF,
    access: { table: 'read-audit', writes: ['CASE#', 'IDEM#'], workflow: ['respond'], departments: 'call' },
    params: CasePathParams,
    body: RecheckRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'recheckDepartment',
      tags: ['Staff'],
      summary: 'Ask a department again that could not answer',
      description:
        'For a case in MANUAL_REVIEW whose department result is MANUAL with DEPARTMENT_UNAVAILABLE: asks that department now, ' +
        'records its answer in place of the placeholder, and resumes the workflow when no department waits for a person any more.',
      responses: {
        202: { description: 'The fresh answer is recorded.', content: json(RecheckResponse) },
        ...BODY_ERRORS,
        404: NOT_FOUND_CASE,
        409: problem('The case is not in MANUAL_REVIEW, or that department is not waiting for a recheck (already answered or decided).'),
        503: {
          ...problem('The department still does not answer; nothing changed. Try again after `Retry-After` seconds.'),
          headers: { 'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer' } } },
        },
      },
    },
  }),
  getCaseAuditTrail: operation({
    method: 'GET',
    path: '/v1/staff/cases/{caseNumber}/audit',
    module: 'case-audit',
    auth: ['supervisor'],
    // Supervisors read a case's audit trail; reading it is audited too.
    access: { table: 'read-audit' },
    params: CasePathParams,
    doc: {
      operationId: 'getCaseAuditTrail',
      tags: ['Staff'],
      summary: 'Who looked at or acted on the case, newest first (supervisors)',
      responses: { 200: { description: 'The audit trail.', content: json(z.array(AuditEntry)) }, 400: BAD_REQUEST, 404: NOT_FOUND_CASE },
    },
  }),
  submitFeedback: operation({
    method: 'POST',
    path: '/v1/feedback',
    module: 'submit-feedback',
    auth: { optional: ['citizen'] },
    // Keeps its own messages only, and Idempotency-Key answers for a signed-in caller.
    access: { table: 'read', writes: ['FEEDBACK#', 'IDEM#'] },
    body: FeedbackRequest,
    idempotency: 'replay',
    doc: {
      operationId: 'submitFeedback',
      tags: ['Feedback'],
      summary: 'Say what could not be done (办不成事)',
      description:
        'Open to anyone: a citizen’s token, if sent, records who wrote. `contact` (a mobile number or an email address) lets staff answer; ' +
        'it is personal data, masked in every view and log. Idempotency-Key replay applies to signed-in callers.',
      responses: {
        201: { description: 'Received (also the replay of an earlier request with the same Idempotency-Key and body).', content: json(FeedbackCreated) },
        ...BODY_ERRORS,
        409: problem('A request with the same Idempotency-Key is being handled right now; ask again in a moment.'),
      },
    },
  }),
  listFeedback: operation({
    method: 'GET',
    path: '/v1/staff/feedback',
    module: 'list-feedback',
    auth: STAFF,
    // Reading the messages is audited (AUDIT#FEEDBACK), and so are refused attempts.
    access: { table: 'read-audit' },
    auditTrail: FEEDBACK_AUDIT_TRAIL,
    query: FeedbackListQuery,
    doc: {
      operationId: 'listFeedback',
      tags: ['Staff'],
      summary: 'The 办不成事 messages, newest first',
      description: 'Contacts and senders are masked. Each read is on the audit trail.',
      request: { query: FeedbackListQueryWire },
      responses: { 200: { description: 'One page of messages.', content: json(FeedbackList) }, 400: BAD_REQUEST, 403: problem('Only staff read feedback.') },
    },
  }),
  verifyDocumentById: operation({
    method: 'GET',
    path: '/v1/verify/{documentId}',
    module: 'verify-document',
    auth: 'public',
    // Public verification (the QR code on a sealed answer): the document record and the stored original.
    access: { table: 'read', documents: 'read', pki: true },
    params: VerifyDocumentPathParams,
    doc: {
      operationId: 'verifyDocumentById',
      tags: ['Public'],
      summary: 'Look up a sealed document by its id',
      description: 'For anyone holding a printed notice (its QR code points here).',
      responses: {
        200: { description: 'What was issued under this id.', content: json(DocumentVerification) },
        400: BAD_REQUEST,
        404: problem('No document was issued under this id.'),
      },
    },
  }),
  verifyUploadedPdf: operation({
    method: 'POST',
    path: '/v1/verify',
    module: 'verify-upload',
    auth: 'public',
    // An uploaded PDF is checked against the recorded sha256 and the seal CA; the stored original is not needed.
    access: { table: 'read', pki: true },
    rawBody: { contentType: 'application/pdf', maxBytes: MAX_UPLOAD_BYTES },
    doc: {
      operationId: 'verifyUploadedPdf',
      tags: ['Public'],
      summary: 'Check a PDF byte for byte',
      description: 'Valid only when the signature checks, the certificate chains to the seal CA, and the bytes match what was issued.',
      responses: {
        200: { description: 'The verdict, with the reasons when it is not valid.', content: json(UploadVerification) },
        400: problem('No body was sent.'),
        413: problem('The PDF is larger than the limit.'),
        415: problem('The body is not application/pdf.'),
      },
    },
  }),

  createWebhook: operation({
    method: 'POST',
    path: '/v1/platform/webhooks',
    module: 'create-webhook',
    auth: ['platform'],
    access: { table: 'read', writes: ['WEBHOOKS'], secrets: 'seal' },
    body: WebhookSubscriptionRequest,
    doc: {
      operationId: 'createWebhook',
      tags: ['Platform'],
      summary: 'Subscribe to case events',
      description:
        'Every status change of the cases this platform booked is POSTed to `url`, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, ' +
        '`webhook-signature`), at least once from a durable outbox, retried with backoff for at least 24 hours under the same `webhook-id`. ' +
        'The body is a WebhookEventBody. The secret is shown only in this answer.',
      responses: { 201: { description: 'Subscribed.', content: json(WebhookCreated) }, ...BODY_ERRORS, 403: problem('Only platform systems subscribe.') },
    },
  }),

  listWebhooks: operation({
    method: 'GET',
    path: '/v1/platform/webhooks',
    module: 'list-webhooks',
    auth: ['platform'],
    access: { table: 'read' },
    // No parameters: an unknown one is refused, as everywhere.
    query: z.strictObject({}),
    doc: {
      operationId: 'listWebhooks',
      tags: ['Platform'],
      summary: "This platform's subscriptions (without their secrets)",
      responses: { 200: { description: 'The subscriptions.', content: json(WebhookList) }, 400: BAD_REQUEST, 403: problem('Only platform systems subscribe.') },
    },
  }),

  deleteWebhook: operation({
    method: 'DELETE',
    path: '/v1/platform/webhooks/{id}',
    module: 'delete-webhook',
    auth: ['platform'],
    access: { table: 'read', writes: ['WEBHOOKS'] },
    params: WebhookPathParams,
    doc: {
      operationId: 'deleteWebhook',
      tags: ['Platform'],
      summary: 'Unsubscribe',
      responses: {
        204: { description: 'Removed; nothing more is sent to it.' },
        400: BAD_REQUEST,
        403: problem('Only platform systems subscribe.'),
        404: problem('No such subscription of this platform.'),
      },
    },
  }),
} as const;

// Every entry type-checks as an Operation; the list is what the hostings and the document walk.
export type Route = Operation<unknown, unknown, unknown>;
export const ROUTES: readonly Route[] = Object.values(operations) as readonly Route[];

/** A 422 for a reused key is part of every operation that honours `Idempotency-Key`. */
export const IDEMPOTENCY_RESPONSES = { 422: IDEMPOTENCY_REUSED };

/** Task states of the workflows (workflows/*.asl.json) and the step module (functions/steps/) behind each. */
export const STEP_FUNCTIONS = {
  AwaitSignalFunctionArn: 'await-signal',
  ExpireCaseFunctionArn: 'expire-case',
  PreReviewFunctionArn: 'pre-review',
  CheckHrFunctionArn: 'check-hr',
  CheckTaxFunctionArn: 'check-tax',
  CheckMedicalFunctionArn: 'check-medical',
  CheckHousingFundFunctionArn: 'check-housing-fund',
  CheckHealthFunctionArn: 'check-health',
  RecordUnavailableFunctionArn: 'record-unavailable',
  DecideFunctionArn: 'decide',
  SealFunctionArn: 'seal',
  NotifyFunctionArn: 'notify',
  MarkNeedsAttentionFunctionArn: 'mark-needs-attention',
} as const;
export type StepSubstitution = keyof typeof STEP_FUNCTIONS;
