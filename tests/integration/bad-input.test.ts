/**
 * Bad input through the real embedded stack: every refusal is a 4xx problem+json naming the field,
 * never a 5xx, and a refused form leaves the case exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type ApiResponse, type TestStack } from './harness.ts';

// GB 11643-1999 check digit (ISO 7064 MOD 11-2), written here on purpose: not the product's.
function mod112(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}
let sequence = 301; // odd sequence codes: men
/** A valid synthetic ID number for a man born on `birthDate`. */
function maleId(birthDate = '1966-05-17'): { idNumber: string; birthDate: string } {
  const first17 = `441900${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  sequence += 2;
  return { idNumber: first17 + mod112(first17), birthDate };
}
const withWrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

type Json = Record<string, any>;
const clone = <T>(v: T): T => structuredClone(v);

function applicationFor(p: { idNumber: string; birthDate: string }): Json {
  return {
    applicant: {
      idNumber: p.idNumber,
      name: '测试申请人',
      gender: 'male',
      birthDate: p.birthDate,
      phone: '13900000009',
      address: '广东省东莞市南城街道测试路 2 号',
    },
    retirement: { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 60 },
    bankAccount: { bankName: '中国工商银行东莞分行', accountNo: '6222190000000009' },
    housingFund: { withdraw: false },
    commitments: { informationTrue: true, dataSharingConsent: true },
  };
}

function expectProblem(res: ApiResponse, status: number, path?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (path !== undefined) {
    expect(Array.isArray(res.body.errors), 'errors[]').toBe(true);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    for (const e of res.body.errors) expect(typeof e.message).toBe('string');
  }
}

interface Row {
  name: string;
  /** Builds the request from a valid form. */
  body?: (valid: Json) => unknown;
  raw?: string;
  contentType?: string;
  status: number;
  path?: string;
}

const APPLICATION_ROWS: Row[] = [
  {
    name: 'broken ID check digit',
    body: (f) => {
      f.applicant.idNumber = withWrongCheckDigit(f.applicant.idNumber);
      return f;
    },
    status: 400,
    path: 'applicant.idNumber',
  },
  {
    name: '17-character ID number',
    body: (f) => {
      f.applicant.idNumber = f.applicant.idNumber.slice(0, 17);
      return f;
    },
    status: 400,
    path: 'applicant.idNumber',
  },
  {
    name: 'ID number of another person',
    body: (f) => {
      f.applicant.idNumber = maleId('1966-06-01').idNumber;
      return f;
    },
    status: 400,
    path: 'applicant.idNumber',
  },
  {
    name: 'Feb 30 birth date',
    body: (f) => {
      f.applicant.birthDate = '1966-02-30';
      return f;
    },
    status: 400,
    path: 'applicant.birthDate',
  },
  {
    name: 'number for a string',
    body: (f) => {
      f.applicant.name = 12345;
      return f;
    },
    status: 400,
    path: 'applicant.name',
  },
  {
    name: 'string for a boolean',
    body: (f) => {
      f.housingFund.withdraw = 'true';
      return f;
    },
    status: 400,
    path: 'housingFund.withdraw',
  },
  {
    name: 'string for a number',
    body: (f) => {
      f.retirement.originalRetirementAge = '60';
      return f;
    },
    status: 400,
    path: 'retirement.originalRetirementAge',
  },
  {
    name: 'unknown top-level field',
    body: (f) => {
      f.extraField = 'x';
      return f;
    },
    status: 400,
    path: 'extraField',
  },
  {
    name: 'unknown nested field',
    body: (f) => {
      f.applicant.nickname = '小陈';
      return f;
    },
    status: 400,
    path: 'applicant.nickname',
  },
  { name: 'missing nested field', body: (f) => (delete f.retirement.requestedMonth, f), status: 400, path: 'retirement.requestedMonth' },
  { name: 'missing section', body: (f) => (delete f.bankAccount, f), status: 400, path: 'bankAccount' },
  {
    name: 'unknown retirement type',
    body: (f) => {
      f.retirement.type = 'early';
      return f;
    },
    status: 400,
    path: 'retirement.type',
  },
  {
    name: 'commitments false',
    body: (f) => {
      f.commitments.informationTrue = false;
      return f;
    },
    status: 400,
    path: 'commitments.informationTrue',
  },
  { name: 'consent missing', body: (f) => (delete f.commitments.dataSharingConsent, f), status: 400, path: 'commitments.dataSharingConsent' },
  {
    name: 'requestedMonth in the past',
    body: (f) => {
      f.retirement.requestedMonth = '2026-10';
      return f;
    },
    status: 400,
    path: 'retirement.requestedMonth',
  },
  {
    name: 'requestedMonth more than 6 months ahead',
    body: (f) => {
      f.retirement.requestedMonth = '2027-06';
      return f;
    },
    status: 400,
    path: 'retirement.requestedMonth',
  },
  {
    name: 'requestedMonth not a month',
    body: (f) => {
      f.retirement.requestedMonth = '2026-13';
      return f;
    },
    status: 400,
    path: 'retirement.requestedMonth',
  },
  { name: 'JSON array instead of an object', body: () => [], status: 400, path: '$' },
  { name: 'JSON null', raw: 'null', status: 400, path: '$' },
  { name: 'malformed JSON', raw: '{"applicant": {"idNumber": ', status: 400, path: '$' },
  { name: 'empty body', raw: '', status: 400, path: '$' },
  { name: 'wrong content-type', raw: 'applicant=1', contentType: 'text/plain', status: 415 },
  { name: 'no content-type', raw: '{}', contentType: '', status: 415 },
  { name: 'JSON sent as text/plain', body: (f) => f, contentType: 'text/plain', status: 415 },
  {
    name: 'body over 64 KB',
    body: (f) => {
      f.applicant.address = '路'.repeat(22_000);
      return f;
    },
    status: 413,
  },
];

describe('bad input', () => {
  let stack: TestStack;
  let platform: string;

  beforeAll(async () => {
    stack = await startTestStack();
    platform = await stack.client.token('platform', { name: 'gov-platform' });
  });
  afterAll(() => stack?.close());

  async function book(person: { idNumber: string }, token = platform): Promise<string> {
    const res = await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: '测试申请人', phone: '13900000009', channel: 'online' }, token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.caseNumber;
  }

  function send(path: string, row: Row, valid: Json, token: string) {
    const text = row.raw ?? JSON.stringify(row.body!(clone(valid)));
    const headers: Record<string, string> = {};
    if (row.contentType !== '') headers['content-type'] = row.contentType ?? 'application/json';
    // fetch labels a string body text/plain by itself; bytes go out with no content-type at all.
    const raw = row.contentType === '' ? new TextEncoder().encode(text) : text;
    return stack.client.request('POST', path, { token, raw, headers });
  }

  describe('the one form: refused, naming the field, and nothing half-written', () => {
    let person: { idNumber: string; birthDate: string };
    let caseNumber: string;
    let citizen: string;

    beforeAll(async () => {
      person = maleId();
      citizen = await stack.client.token('citizen', { idNumber: person.idNumber });
      caseNumber = await book(person, citizen);
    });

    it('the oversized row really is over 64 KB and the valid form is under it', () => {
      const big = APPLICATION_ROWS.find((r) => r.status === 413)!;
      expect(Buffer.byteLength(JSON.stringify(big.body!(clone(applicationFor(person)))))).toBeGreaterThan(64 * 1024);
      expect(Buffer.byteLength(JSON.stringify(applicationFor(person)))).toBeLessThan(2 * 1024);
    });

    for (const row of APPLICATION_ROWS) {
      it(`${row.name} → ${row.status}${row.path ? ` naming ${row.path}` : ''}`, async () => {
        for (const token of [citizen, platform]) {
          const res = await send(`/v1/cases/${caseNumber}/application`, row, applicationFor(person), token);
          expectProblem(res, row.status, row.path);
        }
        const view = await stack.client.get(`/v1/cases/${caseNumber}`, citizen);
        expect(view.status).toBe(200);
        expect(view.body.status).toBe('BOOKED');
        expect(view.body.timeline).toHaveLength(1);
        const stored = await stack.runtime.cases.get(caseNumber);
        expect(stored?.status).toBe('BOOKED');
        expect(stored?.application).toBeUndefined();
        expect(stored?.applicationHash).toBeUndefined();
      });
    }

    it('several bad fields at once → every one of them is named', async () => {
      const shape = applicationFor(person);
      shape.applicant.birthDate = '1966-02-30';
      shape.housingFund.withdraw = 1;
      shape.bankAccount.swift = 'ICBKCNBJ';
      const a = await stack.client.post(`/v1/cases/${caseNumber}/application`, shape, citizen);
      expectProblem(a, 400);
      expect(a.body.errors.map((e: any) => e.path).sort()).toEqual(['applicant.birthDate', 'bankAccount.swift', 'housingFund.withdraw']);

      const rules = applicationFor(person);
      rules.applicant.idNumber = withWrongCheckDigit(rules.applicant.idNumber);
      rules.retirement.requestedMonth = '2026-01';
      const b = await stack.client.post(`/v1/cases/${caseNumber}/application`, rules, citizen);
      expectProblem(b, 400);
      expect(b.body.errors.map((e: any) => e.path).sort()).toEqual(['applicant.idNumber', 'retirement.requestedMonth']);
      expect((await stack.runtime.cases.get(caseNumber))?.application).toBeUndefined();
    });

    it('after all those refusals, the valid form is still accepted', async () => {
      const res = await stack.client.post(`/v1/cases/${caseNumber}/application`, applicationFor(person), citizen);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body).toEqual({ caseNumber, status: 'SUBMITTED' });
    });
  });

  describe('the identical form twice, then another', () => {
    it('identical → 202 both times; a different form afterwards → 409', async () => {
      const person = maleId('1966-07-08');
      const citizen = await stack.client.token('citizen', { idNumber: person.idNumber });
      const caseNumber = await book(person, citizen);
      const form = applicationFor(person);
      const first = await stack.client.post(`/v1/cases/${caseNumber}/application`, form, citizen);
      expect(first.status, JSON.stringify(first.body)).toBe(202);
      // The same form with its keys in another order is still the same form.
      const reordered = Object.fromEntries(Object.entries(clone(form)).reverse());
      const second = await stack.client.post(`/v1/cases/${caseNumber}/application`, reordered, citizen);
      expect(second.status, JSON.stringify(second.body)).toBe(202);
      expect(second.body).toEqual(first.body);
      const other = clone(form);
      other.bankAccount.accountNo = '6222190000000010';
      expectProblem(await stack.client.post(`/v1/cases/${caseNumber}/application`, other, citizen), 409);
      const stored = await stack.runtime.cases.get(caseNumber);
      expect(stored?.application?.bankAccount.accountNo).toBe(form.bankAccount.accountNo);
    });
  });

  describe('bookings', () => {
    const valid = () => ({ idNumber: maleId('1967-03-04').idNumber, name: '测试人', phone: '13900000001', channel: 'online' });
    const rows: Row[] = [
      { name: 'broken ID check digit', body: (b) => ((b.idNumber = withWrongCheckDigit(b.idNumber)), b), status: 400, path: 'idNumber' },
      { name: '17-character ID number', body: (b) => ((b.idNumber = b.idNumber.slice(0, 17)), b), status: 400, path: 'idNumber' },
      {
        name: 'ID number with a Feb 30 birth date',
        body: (b) => ((b.idNumber = ((s) => s + mod112(s))('44190019660230301')), b),
        status: 400,
        path: 'idNumber',
      },
      { name: 'number for a string', body: (b) => ((b.phone = 13900000001), b), status: 400, path: 'phone' },
      { name: 'unknown field', body: (b) => ((b.gender = 'male'), b), status: 400, path: 'gender' },
      { name: 'missing name', body: (b) => (delete b.name, b), status: 400, path: 'name' },
      { name: 'unknown channel', body: (b) => ((b.channel = 'phone'), b), status: 400, path: 'channel' },
      { name: 'window without slotId', body: (b) => ((b.channel = 'window'), b), status: 400, path: 'slotId' },
      { name: 'slot that does not exist', body: (b) => ((b.channel = 'window'), (b.slotId = 'dg-nancheng_20261125_0815'), b), status: 400, path: 'slotId' },
      { name: 'slot in the past', body: (b) => ((b.channel = 'window'), (b.slotId = 'dg-nancheng_20261123_0900'), b), status: 400, path: 'slotId' },
      { name: 'malformed JSON', raw: '{"idNumber"', status: 400, path: '$' },
      { name: 'empty body', raw: '', status: 400, path: '$' },
      { name: 'wrong content-type', raw: '<booking/>', contentType: 'application/xml', status: 415 },
      { name: 'body over 64 KB', body: (b) => ((b.name = 'x'.repeat(70_000)), b), status: 413 },
    ];
    for (const row of rows) {
      it(`${row.name} → ${row.status}${row.path ? ` naming ${row.path}` : ''}`, async () => {
        expectProblem(await send('/v1/bookings', row, valid(), platform), row.status, row.path);
      });
    }

    it('an unusable Idempotency-Key → 400 naming it', async () => {
      const res = await stack.client.post('/v1/bookings', valid(), platform, { 'Idempotency-Key': 'x'.repeat(129) });
      expectProblem(res, 400, 'Idempotency-Key');
    });
  });

  describe('eligibility calculator', () => {
    const rows: Array<[string, unknown, string]> = [
      ['female without originalRetirementAge', { gender: 'female', birthDate: '1975-03-01' }, 'originalRetirementAge'],
      ['female with 60', { gender: 'female', birthDate: '1975-03-01', originalRetirementAge: 60 }, 'originalRetirementAge'],
      ['Feb 30 birth date', { gender: 'male', birthDate: '1966-02-30' }, 'birthDate'],
      ['birth date not a date', { gender: 'male', birthDate: '30/01/1966' }, 'birthDate'],
      ['unknown gender', { gender: 'other', birthDate: '1966-01-30' }, 'gender'],
      ['string for a number', { gender: 'female', birthDate: '1975-03-01', originalRetirementAge: '55' }, 'originalRetirementAge'],
      ['unknown field', { gender: 'male', birthDate: '1966-01-30', retired: true }, 'retired'],
      ['missing gender', { birthDate: '1966-01-30' }, 'gender'],
    ];
    for (const [name, body, path] of rows) {
      it(`${name} → 400 naming ${path}`, async () => {
        expectProblem(await stack.client.post('/v1/eligibility/retirement', body), 400, path);
      });
    }

    it('the same request made valid is answered (the refusals above are about the field)', async () => {
      const res = await stack.client.post('/v1/eligibility/retirement', { gender: 'female', birthDate: '1975-03-01', originalRetirementAge: 55 });
      expect(res.status).toBe(200);
    });
  });

  describe('paths, queries and tokens', () => {
    it('a bad case number in the path → 400 naming caseNumber', async () => {
      for (const bad of ['RT2026', 'rt20261124abcdef', 'RT20261124ABCDEI', '..%2F..%2Fhealth']) {
        expectProblem(await stack.client.get(`/v1/cases/${bad}`, platform), 400, 'caseNumber');
        expectProblem(await stack.client.get(`/v1/cases/${bad}/prefill`, platform), 400, 'caseNumber');
      }
    });

    it('a well-formed case number that does not exist → 404', async () => {
      expectProblem(await stack.client.get('/v1/cases/RT20261124ZZZZZZ', platform), 404);
    });

    it('slots for 2026-02-30 → 400 naming date', async () => {
      expectProblem(await stack.client.get('/v1/service-centers/dg-nancheng/slots?date=2026-02-30'), 400, 'date');
      expectProblem(await stack.client.get('/v1/service-centers/dg-nancheng/slots?date=tomorrow'), 400, 'date');
      expectProblem(await stack.client.get('/v1/service-centers/dg-nancheng/slots'), 400, 'date');
    });

    it('an invalid bearer token → 401', async () => {
      for (const token of ['not-a-jwt', `${platform.slice(0, -4)}AAAA`, 'eyJhbGciOiJub25lIn0.eyJyb2xlIjoicGxhdGZvcm0ifQ.']) {
        expectProblem(await stack.client.get('/v1/cases/RT20261124ZZZZZZ', token), 401);
      }
      expectProblem(await stack.client.request('GET', '/v1/staff/cases', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401);
      expectProblem(await stack.client.get('/v1/staff/cases'), 401);
    });

    it('a wrong role → 403', async () => {
      const citizen = await stack.client.token('citizen', { idNumber: maleId('1968-01-01').idNumber });
      const staff = await stack.client.token('pre-review', { name: '预审员' });
      expectProblem(await stack.client.get('/v1/staff/cases', citizen), 403);
      expectProblem(await stack.client.get('/v1/staff/cases', platform), 403);
      expectProblem(
        await stack.client.post('/v1/bookings', { idNumber: maleId('1968-01-02').idNumber, name: '测试人', phone: '13900000001', channel: 'online' }, staff),
        403,
      );
    });
  });
});
