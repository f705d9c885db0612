import { existsSync, readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../functions/adapters/auth.ts';
import { ROUTES } from '../../functions/api/routes.ts';
import { setRuntime, type Runtime } from '../../functions/shared/runtime.ts';
import { CaseNumber, IdNumberShape, Instant, IsoDate, IsoMonth, Phone } from '../../schemas/common.ts';
import { buildOpenApiDocument } from '../../schemas/openapi.ts';
import { OPENAPI_JSON_PATH, serializeOpenApiDocument } from '../../schemas/write-openapi.ts';

/*
 * The (method, path) pairs of the public contract, copied from docs/api-v1.md
 * (outside this repository, so restated here). Some are delivered later; those absent from ROUTES
 * are not expected in the document yet.
 */
const CONTRACT: ReadonlyArray<readonly [method: 'GET' | 'POST', path: string]> = [
  ['POST', '/v1/dev/tokens'],
  ['GET', '/health'],
  ['POST', '/v1/eligibility/retirement'],
  ['GET', '/v1/verify/{documentId}'],
  ['POST', '/v1/verify'],
  ['GET', '/v1/service-centers'],
  ['GET', '/v1/service-centers/{id}/slots'],
  ['POST', '/v1/bookings'],
  ['POST', '/v1/cases/{caseNumber}/application'],
  ['GET', '/v1/cases/{caseNumber}/prefill'],
  ['GET', '/v1/cases/{caseNumber}'],
  ['GET', '/v1/cases/{caseNumber}/documents/{documentId}'],
  ['GET', '/v1/cases/{caseNumber}/events'],
  ['GET', '/v1/staff/cases'],
  ['POST', '/v1/staff/cases/{caseNumber}/reviews'],
];
/** Endpoints the project adds to the contract (api-v1.md: "add fields and endpoints freely"). */
const ADDITIONS = new Set([
  'GET /v1/openapi.json',
  'GET /v1/staff/cases/{caseNumber}/audit',
  'POST /v1/cases/{caseNumber}/withdrawal',
  'POST /v1/staff/cases/{caseNumber}/retry',
  'POST /v1/staff/cases/{caseNumber}/rechecks',
  'PUT /v1/dev/departments/{department}/faults',
  // Second round (api-v1.md Additions): 好差评 and the 办不成事 channel.
  'POST /v1/cases/{caseNumber}/rating',
  'POST /v1/feedback',
  'GET /v1/staff/feedback',
  'GET /v1/dev/messages',
  'POST /v1/platform/webhooks',
  'GET /v1/platform/webhooks',
  'DELETE /v1/platform/webhooks/{id}',
  'POST /v1/cases/{caseNumber}/supplement',
  'POST /v1/staff/cases/{caseNumber}/assignment',
  'GET /v1/cases/{caseNumber}/application',
  'GET /v1/staff/cases/{caseNumber}',
  'GET /v1/staff/cases/{caseNumber}/applicant',
  'GET /v1/staff/stats',
  'GET /v1/staff/notices',
  // api-v1.md Additions, Cases: a citizen's own cases.
  'GET /v1/cases',
  // Issue 12, applicant kinds: an employer's batch filing (单位批量经办) and a person's authorisation of an agent (代办授权).
  'POST /v1/employer/filings',
  'POST /v1/authorisations',
]);

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const doc: Json = JSON.parse(JSON.stringify(buildOpenApiDocument()));
const key = (method: string, path: string) => `${method} ${path}`;
const inRoutes = new Set(ROUTES.map((r) => key(r.method, r.path)));

function resolve(node: Json): Json {
  if (node && typeof node === 'object' && typeof node.$ref === 'string') {
    const target = (node.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((acc: Json, seg) => acc?.[seg], doc);
    return resolve(target);
  }
  return node;
}
const schema = (name: string): Json => doc.components.schemas[name];
const op = (method: string, path: string): Json => doc.paths[path]?.[method.toLowerCase()];
/** The resolved variants of a oneOf (a discriminated union), in order. */
const variants = (schema: Json): Json[] => (schema.oneOf as Json[]).map(resolve);
const prop = (obj: Json, name: string): Json => resolve(resolve(obj).properties[name]);

function* walk(node: Json, at = '#'): Generator<[Json, string]> {
  if (node === null || typeof node !== 'object') return;
  yield [node, at];
  for (const [k, v] of Object.entries(node)) yield* walk(v, `${at}/${k}`);
}

describe('OpenAPI document: agreement with the contract (api-v1.md) and ROUTES', () => {
  it('documents every contract endpoint that ROUTES serves', () => {
    const served = CONTRACT.filter(([m, p]) => inRoutes.has(key(m, p)));
    expect(served.length).toBeGreaterThanOrEqual(12);
    for (const [m, p] of served) expect(op(m, p), key(m, p)).toBeDefined();
  });

  it('documents every route of ROUTES that is not dev-only, and nothing that is not served', () => {
    for (const r of ROUTES.filter((r) => !r.devOnly)) expect(op(r.method, r.path), key(r.method, r.path)).toBeDefined();
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item as object).map((m) => key(m.toUpperCase(), p)));
    expect(documented.filter((k) => !inRoutes.has(k))).toEqual([]);
  });

  it('ROUTES holds only contract paths or declared additions (no renamed path slips in)', () => {
    const contract = new Set(CONTRACT.map(([m, p]) => key(m, p)));
    expect([...inRoutes].filter((k) => !contract.has(k) && !ADDITIONS.has(k))).toEqual([]);
  });

  it('documents the dev token mint as local-only', () => {
    const dev = op('POST', '/v1/dev/tokens');
    expect(dev['x-local-only']).toBe(true);
    expect(dev.description).toMatch(/local development mode/);
    expect(dev.security).toEqual([]);
    const body = resolve(dev.requestBody.content['application/json'].schema);
    expect(variants(body).flatMap((v: Json) => v.properties.role.enum)).toEqual(['citizen', 'employer', 'pre-review', 'supervisor', 'platform']);
  });

  it('states the rules a generated client must keep as oneOf + discriminator, not if/then its types cannot see', () => {
    const body = (method: string, path: string) => resolve(op(method, path).requestBody.content['application/json'].schema);
    const variant = (schema: Json, value: string) => resolve({ $ref: schema.discriminator.mapping[value] });
    const booking = body('POST', '/v1/bookings');
    expect(booking.discriminator.propertyName).toBe('channel');
    expect(variant(booking, 'window').required).toContain('slotId');
    expect(variant(booking, 'online').required).not.toContain('slotId');
    const eligibility = body('POST', '/v1/eligibility/retirement');
    expect(eligibility.discriminator.propertyName).toBe('gender');
    expect(variant(eligibility, 'female').required).toContain('originalRetirementAge');
    expect(variant(eligibility, 'female').properties.originalRetirementAge.anyOf.flatMap((a: Json) => a.enum)).toEqual([50, 55]);
    expect(variant(eligibility, 'male').properties.originalRetirementAge.enum).toEqual([60]);
    const token = body('POST', '/v1/dev/tokens');
    expect(token.discriminator.propertyName).toBe('role');
    expect(variant(token, 'citizen').required).toContain('idNumber');
    expect(variant(token, 'platform').required).not.toContain('idNumber');
    // No request body keeps a rule in if/then any more (ReviewRequest, changed elsewhere, aside).
    for (const schema of [booking, eligibility, token]) for (const v of variants(schema)) expect(v.if).toBeUndefined();
  });
});

describe('OpenAPI document: the local SMS sink (api-v1 Additions, "Local development only")', () => {
  it('GET /v1/dev/messages needs `to` and answers { messages: [{ to, text, caseNumber?, kind, sentAt }] }, marked local-only', () => {
    const dev = op('GET', '/v1/dev/messages');
    expect(dev['x-local-only']).toBe(true);
    expect(dev.parameters).toEqual([expect.objectContaining({ name: 'to', in: 'query', required: true })]);
    const list = resolve(dev.responses['200'].content['application/json'].schema);
    const message = resolve(list.properties.messages.items);
    expect(Object.keys(message.properties).sort()).toEqual(['caseNumber', 'kind', 'sentAt', 'text', 'to']);
    expect([...message.required].sort()).toEqual(['kind', 'sentAt', 'text', 'to']);
    expect(resolve(message.properties.kind).enum).toEqual(
      expect.arrayContaining([
        'booked',
        'submitted',
        'supplement',
        'manual-review',
        'decided',
        'documents-ready',
        'deadline-reminder',
        'invitation',
        'sign-in-code',
      ]),
    );
  });
});

describe('OpenAPI document: fields and enum values fixed by the contract', () => {
  it('CaseView.status has exactly the contract statuses (with the second round additions), in order', () => {
    expect(prop(schema('CaseView'), 'status').enum).toEqual([
      'BOOKED',
      'SUBMITTED',
      'PRE_REVIEW',
      'CHECKING',
      'MANUAL_REVIEW',
      'SEALING',
      'COMPLETED',
      'EXPIRED',
      'WITHDRAWN',
      'NEEDS_ATTENTION',
      'SUPPLEMENT_REQUESTED',
    ]);
  });

  it('CaseView has the contract fields; decision is optional and APPROVED/REJECTED', () => {
    const view = schema('CaseView');
    expect(Object.keys(view.properties).sort()).toEqual([
      'appliedBy',
      'appointment',
      'callback',
      'caseNumber',
      'deadline',
      'decision',
      'departments',
      'documents',
      'nextSteps',
      'rating',
      'sla',
      'status',
      'supplement',
      'timeline',
      'workflowVersion',
    ]);
    // An addition: present once the citizen rated the completed case.
    expect(view.required).not.toContain('rating');
    // Additions: what the citizen does next, a window appointment, who will phone — each only when it applies.
    for (const added of ['nextSteps', 'appointment', 'callback', 'appliedBy']) expect(view.required).not.toContain(added);
    expect(view.required).not.toContain('decision');
    // Second round: the version the case runs on; absent only on cases booked before versions were recorded.
    expect(view.required).not.toContain('workflowVersion');
    expect(prop(view, 'decision').enum).toEqual(['APPROVED', 'REJECTED']);
    // The four always; health (卫健) only where the city takes part.
    expect(Object.keys(prop(view, 'departments').properties).sort()).toEqual(['health', 'housingFund', 'hr', 'medical', 'tax']);
    expect([...resolve(prop(view, 'departments')).required].sort()).toEqual(['housingFund', 'hr', 'medical', 'tax']);
    const timeline = resolve(prop(view, 'timeline').items);
    expect(Object.keys(timeline.properties).sort()).toEqual(['actor', 'at', 'note', 'status']);
    const documents = resolve(prop(view, 'documents').items);
    expect(Object.keys(documents.properties).sort()).toEqual(['contentType', 'documentId', 'sha256', 'title']);
  });

  it('each department result has outcome PENDING/PASS/CONDITIONAL/FAIL/MANUAL/NOT_APPLICABLE, reasons [{ code, message }] and details', () => {
    const hr = prop(prop(schema('CaseView'), 'departments'), 'hr');
    expect(prop(hr, 'outcome').enum).toEqual(['PENDING', 'PASS', 'CONDITIONAL', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']);
    const reason = resolve(prop(hr, 'reasons').items);
    expect(Object.keys(reason.properties).sort()).toEqual(['code', 'message']);
    expect(prop(reason, 'code').enum).toEqual(
      expect.arrayContaining([
        'RETIREMENT_AGE_NOT_REACHED',
        'FLEXIBLE_WINDOW_EXCEEDED',
        'CONTRIBUTION_YEARS_SHORT',
        'DUPLICATE_PENSION',
        'NO_INSURANCE_RECORD',
        'BIRTH_DATE_MISMATCH',
        'SPECIAL_JOB_YEARS_SHORT',
        'DISABILITY_NOT_CERTIFIED',
        'TAX_ARREARS',
        'MEDICAL_YEARS_SHORT',
        'MEDICAL_LOCAL_YEARS_SHORT',
        'HOUSING_FUND_LOAN_OUTSTANDING',
        'DEPARTMENT_UNAVAILABLE',
      ]),
    );
    expect(prop(hr, 'details').type).toBe('object');
  });

  it('the one form (Application) has exactly its five parts, each closed to unknown fields', () => {
    const body = resolve(op('POST', '/v1/cases/{caseNumber}/application').requestBody.content['application/json'].schema);
    expect(body).toBe(schema('Application'));
    expect(body.additionalProperties).toBe(false);
    expect([...body.required].sort()).toEqual(['applicant', 'bankAccount', 'commitments', 'housingFund', 'retirement']);
    expect(Object.keys(body.properties).sort()).toEqual(['applicant', 'bankAccount', 'commitments', 'housingFund', 'retirement']);
    const fields: Record<string, string[]> = {
      applicant: ['address', 'birthDate', 'gender', 'idNumber', 'name', 'phone'],
      retirement: ['originalRetirementAge', 'requestedMonth', 'type'],
      bankAccount: ['accountNo', 'bankName'],
      housingFund: ['withdraw'],
      commitments: ['dataSharingConsent', 'informationTrue'],
    };
    // Additions (api-v1.md, Rules): optional fields a part gained.
    const optional: Record<string, string[]> = { retirement: ['employerAgreement'] };
    for (const [part, names] of Object.entries(fields)) {
      const s = prop(body, part);
      expect(s.additionalProperties, part).toBe(false);
      expect(Object.keys(s.properties).sort(), part).toEqual([...names, ...(optional[part] ?? [])].sort());
      expect([...s.required].sort(), part).toEqual(names);
    }
    expect(prop(prop(body, 'retirement'), 'employerAgreement').type).toBe('boolean');
    const retirement = prop(body, 'retirement');
    expect(prop(retirement, 'type').enum).toEqual(['normal', 'flexible-early', 'flexible-late', 'special-job', 'disability']);
    const ages = prop(retirement, 'originalRetirementAge').anyOf.flatMap((a: Json) => a.enum ?? [a.const]);
    expect(ages).toEqual([50, 55, 60]);
    expect(prop(prop(body, 'applicant'), 'gender').enum).toEqual(['male', 'female']);
    expect(prop(prop(body, 'commitments'), 'informationTrue').enum).toEqual([true]);
    expect(prop(prop(body, 'commitments'), 'dataSharingConsent').enum).toEqual([true]);
  });

  it('booking: channel online/window, 201 { caseNumber, status: BOOKED, channel, slot?, applicationDeadline }', () => {
    const booking = op('POST', '/v1/bookings');
    // One closed variant per channel; together they are the contract's fields, slotId required for a window.
    const [online, window] = variants(resolve(booking.requestBody.content['application/json'].schema));
    for (const request of [online, window]) {
      expect(request.additionalProperties).toBe(false);
      expect(Object.keys(request.properties).sort()).toEqual(['channel', 'idNumber', 'name', 'phone', 'slotId']);
    }
    expect([...online.required].sort()).toEqual(['channel', 'idNumber', 'name', 'phone']);
    expect([...window.required].sort()).toEqual(['channel', 'idNumber', 'name', 'phone', 'slotId']);
    expect([online, window].flatMap((v: Json) => prop(v, 'channel').enum)).toEqual(['online', 'window']);
    const response = resolve(booking.responses['201'].content['application/json'].schema);
    expect(Object.keys(response.properties).sort()).toEqual(['applicationDeadline', 'caseNumber', 'channel', 'slot', 'status']);
    expect(prop(response, 'status').enum).toEqual(['BOOKED']);
    expect(response.required).not.toContain('slot');
  });

  it('POST /v1/bookings takes an Idempotency-Key header and answers 409 and 422 as problem+json', () => {
    const booking = op('POST', '/v1/bookings');
    const header = booking.parameters.find((p: Json) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(header).toMatchObject({ required: false, schema: { type: 'string' } });
    for (const status of ['400', '401', '403', '409', '413', '415', '422']) {
      expect(booking.responses[status]?.content?.['application/problem+json'], status).toBeDefined();
    }
    expect(prop(booking.responses['409'].content['application/problem+json'].schema, 'caseNumber')).toBeDefined();
  });

  it('the other contract shapes: eligibility, service centres, slots, submit, staff review, verification', () => {
    const elig = op('POST', '/v1/eligibility/retirement');
    const [female, male] = variants(resolve(elig.requestBody.content['application/json'].schema));
    for (const v of [female, male]) expect(Object.keys(v.properties).sort()).toEqual(['birthDate', 'gender', 'originalRetirementAge']);
    expect([...female.required].sort()).toEqual(['birthDate', 'gender', 'originalRetirementAge']);
    expect([...male.required].sort()).toEqual(['birthDate', 'gender']);
    const eligOut = resolve(elig.responses['200'].content['application/json'].schema);
    expect(Object.keys(eligOut.properties).sort()).toEqual([
      'flexibleEarliestMonth',
      'flexibleLatestMonth',
      'minimumContributionYears',
      'statutoryRetirementAge',
      'statutoryRetirementMonth',
    ]);
    expect(Object.keys(prop(eligOut, 'statutoryRetirementAge').properties).sort()).toEqual(['months', 'years']);

    const centres = resolve(op('GET', '/v1/service-centers').responses['200'].content['application/json'].schema);
    expect(centres.type).toBe('array');
    expect(Object.keys(resolve(centres.items).properties).sort()).toEqual(['address', 'id', 'name']);

    const slots = op('GET', '/v1/service-centers/{id}/slots');
    expect(slots.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'path', name: 'id', required: true }),
        expect.objectContaining({ in: 'query', name: 'date', required: true }),
      ]),
    );
    const slot = resolve(resolve(slots.responses['200'].content['application/json'].schema).items);
    expect(Object.keys(slot.properties).sort()).toEqual(['capacity', 'end', 'remaining', 'slotId', 'start']);

    const submitted = resolve(op('POST', '/v1/cases/{caseNumber}/application').responses['202'].content['application/json'].schema);
    expect(prop(submitted, 'status').enum).toEqual(['SUBMITTED']);

    const review = op('POST', '/v1/staff/cases/{caseNumber}/reviews');
    const reviewBody = resolve(review.requestBody.content['application/json'].schema);
    // A union on stage (and, at pre-review, on outcome): the contract's fields are those of its variants together.
    const leaves = (node: Json): Json[] => {
      const n = resolve(node);
      return (n.oneOf ?? n.anyOf) ? (n.oneOf ?? n.anyOf).flatMap(leaves) : [n];
    };
    const shapes = leaves(reviewBody);
    const values = (field: string) => [
      ...new Set(
        shapes.flatMap((v) => {
          const p = resolve(v.properties[field]);
          return p.enum ?? [p.const];
        }),
      ),
    ];
    expect([...new Set(shapes.flatMap((v) => Object.keys(v.properties)))].sort()).toEqual(['department', 'note', 'outcome', 'stage', 'supplement']);
    expect(values('stage')).toEqual(['pre-review', 'manual']);
    expect(values('outcome')).toEqual(['PASS', 'FAIL', 'SUPPLEMENT']);
    expect(review.responses['202']).toBeDefined();

    const queue = op('GET', '/v1/staff/cases');
    if (inRoutes.has('GET /v1/cases/{caseNumber}/events')) {
      expect(Object.keys(op('GET', '/v1/cases/{caseNumber}/events').responses['200'].content)).toEqual(['text/event-stream']);
    }

    expect(queue.parameters.map((p: Json) => `${p.in}:${p.name}`).sort()).toEqual(['query:dueWithinDays', 'query:overdue', 'query:status']);

    if (inRoutes.has('GET /v1/verify/{documentId}')) {
      const verified = resolve(op('GET', '/v1/verify/{documentId}').responses['200'].content['application/json'].schema);
      // The contract's fields, all of them; fields may be added (api-v1.md: "add fields freely").
      expect(Object.keys(verified.properties)).toEqual(expect.arrayContaining(['caseNumberMasked', 'documentId', 'issuer', 'sealedAt', 'sha256', 'valid']));
    }
    if (inRoutes.has('POST /v1/verify')) {
      const upload = op('POST', '/v1/verify');
      expect(Object.keys(upload.requestBody.content)).toEqual(['application/pdf']);
      const verdict = resolve(upload.responses['200'].content['application/json'].schema);
      expect(Object.keys(verdict.properties).sort()).toEqual(['documentId', 'reasons', 'valid']);
      expect([...verdict.required].sort()).toEqual(['reasons', 'valid']);
    }
  });

  it('errors are RFC 9457 problem+json { type, title, status, detail, errors?: [{ path, message }] }', () => {
    const problem = schema('Problem');
    expect([...problem.required].sort()).toEqual(['detail', 'status', 'title', 'type']);
    expect(Object.keys(resolve(prop(problem, 'errors').items).properties).sort()).toEqual(['message', 'path']);
    // GET /health is the one exception: its 503 is the readiness answer { status: "unavailable" }, as the handler sends it.
    const exempt = new Set(['get /health 503']);
    let errorAnswers = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, o] of Object.entries(item)) {
        for (const [status, res] of Object.entries(o.responses as Record<string, Json>)) {
          if (!/^[45]\d\d$/.test(status) || exempt.has(`${method} ${path} ${status}`)) continue;
          errorAnswers++;
          expect(Object.keys(res.content), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
          expect(resolve(res.content['application/problem+json'].schema).required, `${method} ${path} ${status}`).toEqual(problem.required);
        }
      }
    }
    expect(errorAnswers).toBeGreaterThan(30);
  });
});

describe('OpenAPI document: security', () => {
  it('declares a bearer JWT scheme describing the four roles', () => {
    const scheme = doc.components.securitySchemes.bearerAuth;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const role of ['citizen', 'pre-review', 'supervisor', 'platform']) expect(scheme.description).toContain(`\`${role}\``);
  });

  it('secured operations name their roles and answer 401 and 403; public ones need no token', () => {
    for (const r of ROUTES) {
      const o = op(r.method, r.path);
      if (o.security.length === 0) {
        expect(o.responses['401'], key(r.method, r.path)).toBeUndefined();
        continue;
      }
      // An optional token is `[{}, { bearerAuth }]`: nothing, or a token of those roles.
      const bearer = o.security.find((req: Record<string, string[]>) => 'bearerAuth' in req);
      expect(bearer.bearerAuth.length, key(r.method, r.path)).toBeGreaterThan(0);
      expect(o.responses['401'], key(r.method, r.path)).toBeDefined();
      expect(o.responses['403'], key(r.method, r.path)).toBeDefined();
    }
  });

  // The handlers declare their roles next to their code; calling each one proves the document tells the truth.
  describe('documented roles are what each handler enforces', () => {
    const ALL_ROLES: Role[] = ['citizen', 'pre-review', 'supervisor', 'platform'];
    beforeAll(() => {
      const fake = {
        tokens: {
          async verify(token: string): Promise<Principal> {
            const role = token.replace(/^role-/, '') as Role;
            return { role, subject: `${role}:test`, ...(role === 'citizen' ? { idNumber: '11010519650312003X' } : {}) };
          },
        },
        // Only /health reaches the runtime past validation in these calls.
        cases: { get: async () => undefined },
        healthProbe: { write: async () => undefined },
        clock: { now: () => new Date() },
        objects: { ping: async () => undefined },
        workflow: { ping: async () => undefined },
      };
      setRuntime(fake as unknown as Runtime);
    });

    // No body, no path parameters and an unknown query field: whoever gets past authentication stops at validation.
    const call = async (module: string, token?: string): Promise<APIGatewayProxyStructuredResultV2> => {
      const { handler } = (await import(`../../functions/api/${module}.ts`)) as {
        handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
      };
      return handler(minimalEvent({ headers: token ? { authorization: `Bearer ${token}` } : {}, query: { notAField: '1' } }), minimalContext());
    };

    for (const r of ROUTES) {
      it(`${r.method} ${r.path}`, async () => {
        expect(existsSync(new URL(`../../functions/api/${r.module}.ts`, import.meta.url)), r.module).toBe(true);
        const security = op(r.method, r.path).security as Array<Record<string, string[]>>;
        if (security.length === 0) {
          expect((await call(r.module)).statusCode).not.toBe(401);
          return;
        }
        const roles = security.find((req) => 'bearerAuth' in req)!.bearerAuth!;
        const optional = security.some((req) => Object.keys(req).length === 0);
        if (optional) expect((await call(r.module)).statusCode).toBe(400);
        else expect((await call(r.module)).statusCode).toBe(401);
        for (const role of ALL_ROLES) {
          const status = (await call(r.module, `role-${role}`)).statusCode;
          if (roles.includes(role)) expect(status, role).toBe(400);
          else expect(status, role).toBe(403);
        }
      });
    }
  });
});

describe('OpenAPI document: structure', () => {
  it('is OpenAPI 3.1 with info and unique operation ids', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item as Record<string, Json>).map((o) => o.operationId));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every $ref resolves', () => {
    const refs = [...walk(doc)].filter(([n]) => typeof n.$ref === 'string').map(([n, at]) => [n.$ref as string, at] as const);
    expect(refs.length).toBeGreaterThan(20);
    for (const [ref, at] of refs) {
      expect(ref, at).toMatch(/^#\/components\//);
      expect(resolve({ $ref: ref }), `${ref} at ${at}`).toBeDefined();
    }
  });

  it('every path template parameter is declared as a required path parameter, and every operation has a 2xx answer', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, o] of Object.entries(item)) {
        const declared = (o.parameters ?? []).filter((p: Json) => p.in === 'path');
        expect(declared.map((p: Json) => p.name).sort(), `${method} ${path}`).toEqual(names);
        expect(declared.every((p: Json) => p.required === true)).toBe(true);
        expect(
          Object.keys(o.responses).some((s) => /^2\d\d$/.test(s)),
          `${method} ${path}`,
        ).toBe(true);
        if (o.requestBody) expect(o.responses['400'] ?? o.responses['415'], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('the examples it shows are valid values', () => {
    for (const s of [CaseNumber, IdNumberShape, IsoDate, IsoMonth, Instant, Phone]) {
      const example = s.meta()?.example;
      expect(example).toBeDefined();
      expect(s.safeParse(example).success, String(example)).toBe(true);
    }
  });

  it('schemas/openapi.json on disk is exactly what `npm run openapi` generates (run it after changing a schema)', () => {
    expect(readFileSync(OPENAPI_JSON_PATH, 'utf8')).toBe(serializeOpenApiDocument());
  });
});

describe('GET /v1/openapi.json handler', () => {
  it('answers 200 with the document as JSON, in-process', async () => {
    const { handler } = await import('../../functions/api/openapi.ts');
    const res = (await handler(minimalEvent({ method: 'GET', path: '/v1/openapi.json' }), minimalContext())) as APIGatewayProxyStructuredResultV2;
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.body!);
    expect(body.openapi).toMatch(/^3\.1\./);
    expect(body).toEqual(doc);
  });
});

function minimalEvent(opts: { method?: string; path?: string; headers?: Record<string, string>; query?: Record<string, string> }): APIGatewayProxyEventV2 {
  const method = opts.method ?? 'GET';
  const path = opts.path ?? '/';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: opts.headers ?? {},
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'test-request',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date(0).toUTCString(),
      timeEpoch: 0,
    },
  };
}

function minimalContext(): Context {
  return { awsRequestId: 'test-request', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
}
