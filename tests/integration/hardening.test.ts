/**
 * What a security review found, through the real embedded stack: text that hides or breaks things, malformed
 * request lines, implausible dates and slots, unusable idempotency keys, token refusals and security headers.
 * Every refusal is a 4xx naming what to fix, never a 5xx.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, startTestStack, type ApiResponse, type TestStack } from './harness.ts';

// GB 11643-1999 check digit (ISO 7064 MOD 11-2), written here on purpose: not the product's.
function mod112(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
}
let sequence = 501;
/** A fresh synthetic man born on `birthDate`, so each booking has its own person (one open case each). */
function person(birthDate = '1966-05-17') {
  const first17 = `441900${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  sequence += 2;
  return { idNumber: first17 + mod112(first17), name: '测试申请人', gender: 'male', birthDate, phone: '13900000019' };
}

function expectProblem(res: ApiResponse, status: number, path: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

/** Sends bytes the way a hostile client would (fetch would tidy them), and returns the status code. */
function rawStatus(baseUrl: string, request: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // Written, not ended: a half-closed socket may be dropped before the answer; `Connection: close` ends it.
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (m) resolve(Number(m[1]));
      else reject(new Error(`no status line in ${JSON.stringify(answer.slice(0, 200))}`));
    });
  });
}

/** Characters a name or an address must never carry: controls (Cc), invisible formatting (Cf), lone surrogates. */
const HIDDEN: Array<[string, string]> = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['zero-width space', '\u200b'],
  ['zero-width non-joiner', '\u200c'],
  ['zero-width joiner', '\u200d'],
  ['word joiner', '\u2060'],
  ['BOM', '\ufeff'],
  ['LRE', '\u202a'],
  ['RLO', '\u202e'],
  ['LRI', '\u2066'],
  ['PDI', '\u2069'],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', '\udc00'],
];

describe('hardening', () => {
  let stack: TestStack;
  let platform: string;

  beforeAll(async () => {
    stack = await startTestStack();
    platform = await stack.client.token('platform', { name: 'gov-platform' });
  });
  afterAll(() => stack?.close());

  const bookingOf = (p: ReturnType<typeof person>, extra: Record<string, unknown> = {}) => ({
    idNumber: p.idNumber,
    name: p.name,
    phone: p.phone,
    channel: 'online',
    ...extra,
  });

  async function bookedCase(p = person()): Promise<string> {
    const res = await stack.client.post('/v1/bookings', bookingOf(p), platform);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.caseNumber;
  }

  describe('free text: controls, invisible formatting and lone surrogates are refused, naming the field', () => {
    for (const [label, ch] of HIDDEN) {
      it(`booking name with ${label} → 400 naming name`, async () => {
        const p = person();
        expectProblem(await stack.client.post('/v1/bookings', bookingOf(p, { name: `陈${ch}志明` }), platform), 400, 'name');
      });
    }

    it('every free-text field of the one form refuses an RLO and a lone surrogate; the case stays as it was', async () => {
      const p = person();
      const caseNumber = await bookedCase(p);
      const fields: Array<[string, (f: any, v: string) => void]> = [
        ['applicant.name', (f, v) => (f.applicant.name = `陈${v}志明`)],
        ['applicant.address', (f, v) => (f.applicant.address = `东莞市${v}南城街道`)],
        ['bankAccount.bankName', (f, v) => (f.bankAccount.bankName = `中国银行${v}`)],
      ];
      for (const [path, set] of fields) {
        for (const ch of ['\u202e', '\ud800']) {
          const form = applicationFor(p, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 60 });
          set(form, ch);
          expectProblem(await stack.client.post(`/v1/cases/${caseNumber}/application`, form, platform), 400, path);
        }
      }
      expect((await stack.runtime.cases.get(caseNumber))?.application).toBeUndefined();
    });

    it('a lone surrogate in a field that is not free text, or in a field name, is 400, not 500', async () => {
      const p = person();
      expectProblem(
        await stack.client.post('/v1/bookings', bookingOf(p, { channel: 'window', slotId: 'dg-nancheng_20261125_0900\ud800' }), platform),
        400,
        'slotId',
      );
      expectProblem(await stack.client.post('/v1/bookings', { ...bookingOf(p), '\udfff': 1 }, platform), 400, '$');
      expectProblem(await stack.client.post('/v1/eligibility/retirement', { gender: 'male\ud800', birthDate: '1966-01-30' }), 400, 'gender');
    });

    it('a lone surrogate in a review note with an Idempotency-Key is 400 naming note (it is refused before it is hashed)', async () => {
      const staff = await stack.client.token('pre-review', { name: '预审员' });
      const res = await stack.client.post('/v1/staff/cases/RT20261124ZZZZZZ/reviews', { stage: 'pre-review', outcome: 'PASS', note: 'ok\ud800' }, staff, {
        'Idempotency-Key': crypto.randomUUID(),
      });
      expectProblem(res, 400, 'note');
    });

    it('a withdrawal reason with a zero-width space → 400 naming reason', async () => {
      const caseNumber = await bookedCase();
      const res = await stack.client.post(`/v1/cases/${caseNumber}/withdrawal`, { reason: 'no\u200blonger' }, platform);
      expectProblem(res, 400, 'reason');
      expect((await stack.runtime.cases.get(caseNumber))?.status).toBe('BOOKED');
    });

    it('a name of ideographic spaces only is blank → 400 naming name', async () => {
      expectProblem(await stack.client.post('/v1/bookings', bookingOf(person(), { name: '\u3000\u3000' }), platform), 400, 'name');
    });

    it('text is stored NFC-normalized: a decomposed é is kept as the one precomposed character', async () => {
      const p = person();
      const res = await stack.client.post('/v1/bookings', bookingOf(p, { name: 'Jose\u0301 陈' }), platform);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await stack.runtime.cases.get(res.body.caseNumber))?.name).toBe('Jos\u00e9 陈');
    });
  });

  describe('malformed request lines and headers are never a 5xx', () => {
    const malformed = [
      'GET /%zz HTTP/1.1',
      'GET /%C0%80 HTTP/1.1',
      'GET /v1/cases/%zz HTTP/1.1',
      'GET /v1/service-centers/%E4%B8/slots?date=2026-11-25 HTTP/1.1',
      'GET /verify/%ff%fe HTTP/1.1',
      'GET * HTTP/1.1',
      'GET http://evil.example/health HTTP/1.1',
    ];
    for (const line of malformed) {
      it(`${line} → 4xx`, async () => {
        const status = await rawStatus(stack.baseUrl, `${line}\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      });
    }

    it('a path starting with // is a path, not another host: //health is no page', async () => {
      expect(await rawStatus(stack.baseUrl, 'GET //health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).toBe(404);
    });

    it('a malformed percent-encoding in the query string is tolerated as URLSearchParams reads it, not a 5xx', async () => {
      expect(await rawStatus(stack.baseUrl, 'GET /health?%zz=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).toBe(200);
    });

    for (const host of ['exa mple', '[::1', 'a/b?c', 'localhost:99999', '']) {
      it(`Host: ${JSON.stringify(host)} → 4xx`, async () => {
        const status = await rawStatus(stack.baseUrl, `GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      });
    }

    it('a well-formed request with the same bytes otherwise is answered (the refusals above are about the line)', async () => {
      expect(await rawStatus(stack.baseUrl, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).toBe(200);
    });
  });

  describe('implausible birth dates, slots and queue filters', () => {
    for (const birthDate of ['9999-12-31', '0000-01-01', '1899-12-31', '2030-01-01', '2026-11-25']) {
      it(`calculator with birthDate ${birthDate} → 400 naming birthDate`, async () => {
        expectProblem(await stack.client.post('/v1/eligibility/retirement', { gender: 'male', birthDate }), 400, 'birthDate');
      });
    }

    it('the bounds themselves are plausible: born 1900-01-01 or today', async () => {
      for (const birthDate of ['1900-01-01', '2026-11-24']) {
        const res = await stack.client.post('/v1/eligibility/retirement', { gender: 'male', birthDate });
        expect(res.status, `${birthDate} ${JSON.stringify(res.body)}`).toBe(200);
      }
    });

    it('the one form refuses a birth date in the future, naming applicant.birthDate', async () => {
      const p = person();
      const caseNumber = await bookedCase(p);
      const form = applicationFor(p, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 60 });
      form.applicant.birthDate = '9999-12-31';
      expectProblem(await stack.client.post(`/v1/cases/${caseNumber}/application`, form, platform), 400, 'applicant.birthDate');
    });

    for (const slotId of ['dg-nancheng_99991231_0900', 'dg-nancheng_20270601_0900']) {
      it(`a window slot the service does not offer (${slotId}, beyond the booking horizon) → 400 naming slotId`, async () => {
        expectProblem(await stack.client.post('/v1/bookings', bookingOf(person(), { channel: 'window', slotId }), platform), 400, 'slotId');
      });
    }

    it('no slots are listed beyond the booking horizon, and a listed one can be booked', async () => {
      const far = await stack.client.get('/v1/service-centers/dg-nancheng/slots?date=9999-12-31');
      expect(far.status).toBe(200);
      expect(far.body).toEqual([]);
      const near = await stack.client.get('/v1/service-centers/dg-nancheng/slots?date=2026-12-14');
      expect(near.body.length).toBeGreaterThan(0);
      const res = await stack.client.post('/v1/bookings', bookingOf(person(), { channel: 'window', slotId: near.body[0].slotId }), platform);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });

    it('dueWithinDays empty, not a number or negative → 400 naming dueWithinDays; a number is answered', async () => {
      const staff = await stack.client.token('pre-review', { name: '预审员' });
      for (const value of ['', '%20', 'abc', '-1', '1.5', '1e2', '0x10']) {
        expectProblem(await stack.client.get(`/v1/staff/cases?dueWithinDays=${value}`, staff), 400, 'dueWithinDays');
      }
      expect((await stack.client.get('/v1/staff/cases?dueWithinDays=3', staff)).status).toBe(200);
    });
  });

  describe('Idempotency-Key on the one form', () => {
    it('a malformed key → 400 naming the header, and the form is not taken', async () => {
      const p = person();
      const caseNumber = await bookedCase(p);
      const form = applicationFor(p, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 60 });
      // Latin-1 letters are what a header can carry beyond ASCII; an empty key is sent as an empty header.
      for (const key of ['x'.repeat(129), 'has space', '\u00e4\u00f6', '']) {
        expectProblem(await stack.client.post(`/v1/cases/${caseNumber}/application`, form, platform, { 'Idempotency-Key': key }), 400, 'Idempotency-Key');
      }
      expect((await stack.runtime.cases.get(caseNumber))?.application).toBeUndefined();
      const ok = await stack.client.post(`/v1/cases/${caseNumber}/application`, form, platform, { 'Idempotency-Key': 'form-1' });
      expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    });
  });

  describe('401 answers say how to authenticate (RFC 6750)', () => {
    it('no token, a Basic header and a broken token → 401 with WWW-Authenticate: Bearer', async () => {
      const answers = [
        await stack.client.get('/v1/staff/cases'),
        await stack.client.request('GET', '/v1/staff/cases', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
        await stack.client.get('/v1/staff/cases', 'not-a-jwt'),
      ];
      for (const res of answers) {
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="[^"]+"/);
      }
      expect(answers[2]!.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    });
  });

  describe('security headers', () => {
    it('pages refuse framing, leak no referrer and keep their content-security policy', async () => {
      for (const path of ['/', '/staff/', '/verify/RT20261124ABCDEF-01', '/app.js']) {
        const res = await fetch(`${stack.baseUrl}${path}`);
        expect(res.status, path).toBe(200);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, path).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
        expect(csp, path).toMatch(/(^|;\s*)default-src 'self'(;|$)/);
        expect(res.headers.get('x-frame-options'), path).toBe('DENY');
        expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      }
    });

    it('every API answer carries nosniff: success, problem, unknown route, refused token, malformed path', async () => {
      const answers = [
        await stack.client.get('/health'),
        await stack.client.get('/v1/service-centers'),
        await stack.client.post('/v1/eligibility/retirement', { gender: 'x' }),
        await stack.client.get('/v1/no-such-endpoint'),
        await stack.client.get('/v1/staff/cases'),
        await stack.client.request('DELETE', '/v1/bookings'),
      ];
      for (const res of answers) expect(res.headers.get('x-content-type-options'), String(res.status)).toBe('nosniff');
      expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 404, 401, 405]);
    });
  });
});
