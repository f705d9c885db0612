/**
 * A platform team's view: a client generated from schemas/openapi.json (openapi-typescript types, openapi-fetch)
 * runs the citizen journey against the real embedded stack, and every answer is checked against the document
 * with ajv. Then the rules that used to live only in prose are shown to be in the document's own schemas.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import createClient, { type Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../support/api-types.d.ts';
import { requestErrors, responseErrors } from '../support/openapi-ajv.ts';
import { API_TYPES_PATH, generateApiTypes } from '../support/write-api-types.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
// 陈志明: a man whose case is approved in 2027-04 (tests/support/demo-scenarios.ts).
const person = demo.find((c) => c.idNumber === '441900196610120130');

describe('a client generated from the OpenAPI document', () => {
  let stack: TestStack;
  const problems: string[] = [];
  let checked = 0;
  // Every response any client below receives, checked against the document for its operation and status.
  const conformance: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      checked++;
      problems.push(...(await responseErrors(request.method, schemaPath, response.clone())));
    },
  };
  const clientWith = (token?: string) => {
    const client = createClient<paths>({ baseUrl: stack.baseUrl, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
    client.use(conformance);
    return client;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    stack.setToday('2027-03-15');
  });
  afterAll(() => stack?.close());

  it('the committed types are what openapi-typescript generates from the committed document', async () => {
    expect(await generateApiTypes()).toBe(readFileSync(API_TYPES_PATH, 'utf8'));
  });

  it('runs the citizen journey, every answer conforming to the document', async () => {
    const minted = await clientWith().POST('/v1/dev/tokens', { body: { role: 'citizen', idNumber: person.idNumber } });
    expect(minted.response.status).toBe(200);
    const api = clientWith(minted.data!.token);

    const booking = await api.POST('/v1/bookings', {
      params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' },
    });
    expect(booking.response.status).toBe(201);
    const caseNumber = booking.data!.caseNumber;
    const path = { caseNumber };

    const prefill = await api.GET('/v1/cases/{caseNumber}/prefill', { params: { path } });
    expect(prefill.data!.applicant.idNumber).toBe(person.idNumber);

    const form = applicationFor(person, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: person.hr.originalRetirementAge });
    const submitted = await api.POST('/v1/cases/{caseNumber}/application', { params: { path }, body: form as any });
    expect(submitted.response.status).toBe(202);

    await expect
      .poll(async () => (await api.GET('/v1/cases/{caseNumber}', { params: { path } })).data?.status, { timeout: 20_000, interval: 200 })
      .toBe('COMPLETED');
    const done = await api.GET('/v1/cases/{caseNumber}', { params: { path } });
    const [sealed] = done.data!.documents;
    // The person's own cases (我的办件), through the generated types.
    const mine = await api.GET('/v1/cases', {});
    expect(mine.data!.cases.map((c) => [c.caseNumber, c.status, c.decision])).toEqual([[caseNumber, 'COMPLETED', 'APPROVED']]);

    // 好差评 and 办不成事, through the generated types too.
    const rated = await api.POST('/v1/cases/{caseNumber}/rating', { params: { path }, body: { score: 5, comment: '一次办好' } });
    expect(rated.response.status).toBe(201);
    expect((await api.GET('/v1/cases/{caseNumber}', { params: { path } })).data!.rating?.score).toBe(5);
    expect((await api.POST('/v1/cases/{caseNumber}/rating', { params: { path }, body: { score: 4 } })).response.status).toBe(409);
    const feedback = await clientWith().POST('/v1/feedback', { body: { text: '想查公积金提取进度', contact: '13810102947' } });
    expect(feedback.response.status).toBe(201);
    expect(feedback.data!.feedbackId).toMatch(/^fb_/);
    const staffToken = (await clientWith().POST('/v1/dev/tokens', { body: { role: 'pre-review', staffId: 'staff-001' } })).data!.token;
    const read = await clientWith(staffToken).GET('/v1/staff/feedback', { params: { query: { limit: 10 } } });
    expect(read.data!.feedback.map((f) => f.feedbackId)).toContain(feedback.data!.feedbackId);

    const download = await api.GET('/v1/cases/{caseNumber}/documents/{documentId}', {
      params: { path: { caseNumber, documentId: sealed!.documentId } },
      parseAs: 'blob',
    });
    expect(download.response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await (download.data as Blob).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sealed!.sha256);

    // The generated type says Blob; the serializer hands it to fetch as it is, so the bytes go out untouched.
    const verdict = await clientWith().POST('/v1/verify', {
      body: new Blob([bytes], { type: 'application/pdf' }),
      bodySerializer: (body) => body,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(verdict.data).toEqual({ valid: true, documentId: sealed!.documentId, reasons: [] });

    expect(checked).toBeGreaterThanOrEqual(9);
    expect(problems).toEqual([]);
  });
});

const ID = '441900196610120130';
const booking = { idNumber: ID, name: '陈志明', phone: '13810102947', channel: 'online' };
const eligibility = { gender: 'female', birthDate: '1971-08-03', originalRetirementAge: 55 };
const devToken = { role: 'citizen', idNumber: ID, name: '陈志明' };
const review = { stage: 'manual', department: 'hr', outcome: 'PASS', note: '已核实' };
const form = applicationFor(
  { idNumber: ID, name: '陈志明', gender: 'male', birthDate: '1966-10-12', phone: '13810102947' },
  { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 },
);

/** Requests the server refuses with 400 which the document used to call valid, each a change to a valid request. */
const FORMERLY_ACCEPTED: ReadonlyArray<[name: string, path: string, valid: object, refused: object]> = [
  ['a window booking without slotId', '/v1/bookings', booking, { ...booking, channel: 'window' }],
  ['a booking whose name is blank', '/v1/bookings', booking, { ...booking, name: '   ' }],
  ['a woman without originalRetirementAge', '/v1/eligibility/retirement', eligibility, { gender: 'female', birthDate: '1971-08-03' }],
  ['a woman with originalRetirementAge 60', '/v1/eligibility/retirement', eligibility, { ...eligibility, originalRetirementAge: 60 }],
  ['a man with originalRetirementAge 50', '/v1/eligibility/retirement', eligibility, { gender: 'male', birthDate: '1966-10-12', originalRetirementAge: 50 }],
  ['a man with originalRetirementAge 55', '/v1/eligibility/retirement', eligibility, { gender: 'male', birthDate: '1966-10-12', originalRetirementAge: 55 }],
  ['a birth date that is not a calendar date', '/v1/eligibility/retirement', eligibility, { ...eligibility, birthDate: '1971-02-30' }],
  ['a citizen token without idNumber', '/v1/dev/tokens', devToken, { role: 'citizen' }],
  ['a dev token whose name is blank', '/v1/dev/tokens', devToken, { ...devToken, name: ' ' }],
  ['a pre-review decision naming a department', '/v1/staff/cases/{caseNumber}/reviews', review, { ...review, stage: 'pre-review' }],
  ['a review whose note is blank', '/v1/staff/cases/{caseNumber}/reviews', review, { ...review, note: '  ' }],
  ['a form whose applicant name is blank', '/v1/cases/{caseNumber}/application', form, { ...form, applicant: { ...form.applicant, name: ' ' } }],
  ['a form whose address is blank', '/v1/cases/{caseNumber}/application', form, { ...form, applicant: { ...form.applicant, address: '\u3000' } }],
  ['a form whose bank name is blank', '/v1/cases/{caseNumber}/application', form, { ...form, bankAccount: { ...form.bankAccount, bankName: ' ' } }],
  [
    'a form whose birth date does not exist',
    '/v1/cases/{caseNumber}/application',
    form,
    { ...form, applicant: { ...form.applicant, birthDate: '1966-13-01' } },
  ],
];

describe('the document refuses what the server refuses', () => {
  it.each(FORMERLY_ACCEPTED)('%s', (_name, path, valid, refused) => {
    // The valid request passes, so an invalid verdict below is the rule, not a broken schema.
    expect(requestErrors('POST', path, valid)).toEqual([]);
    expect(requestErrors('POST', path, refused)).not.toEqual([]);
  });
});
