/**
 * Signed department calls and one correlation id, through the real embedded stack: a case booked with an
 * `x-correlation-id` completes with every department call signed (none refused), the ID number never in a URL, and
 * the same id at the API, in each workflow step and on each department call, in the stand-ins' received headers and
 * in every log line each writes; no log line names the person. The stand-ins, holding the key the product generated
 * in DATA_DIR/keys, refuse unsigned, wrong-key, tampered, out-of-window and replayed requests with 401.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SIGNATURE_WINDOW_SECONDS, signedHeaders } from '../../functions/departments/signing.ts';
import type { TestStack } from './harness.ts';

// The steps and the department client log at debug; Powertools Logger takes its level when it is built, at import.
process.env.LOG_LEVEL = 'debug';
const { applicationFor, DEMO_FIXTURES, startTestStack } = await import('./harness.ts');

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const CHEN = demo.find((c) => c.idNumber === '441900196610120130');
const RETIREMENT = { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 };
// Letters only: a random UUID now and then holds a run of 11 digits, which the API refuses to take as an id (it
// could be a phone or an ID number) — that made this test fail about once in two hundred runs.
const CORRELATION = `it-${Array.from(randomBytes(16), (b) => 'abcdefghijklmnop'[b & 15]).join('')}`;

describe('signed department calls carrying one correlation id', () => {
  let stack: TestStack;
  let caseNumber: string;
  let finished: any;
  const lines: Record<string, any>[] = [];
  let text = '';

  beforeAll(async () => {
    stack = await startTestStack();
    const keep = (chunk: string | Uint8Array) => {
      text += String(chunk);
      return true;
    };
    const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(keep), vi.spyOn(process.stderr, 'write').mockImplementation(keep)];
    try {
      const { client } = stack;
      const token = await client.token('platform');
      const booking = await client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
        'Idempotency-Key': randomUUID(),
        'x-correlation-id': CORRELATION,
      });
      expect(booking.status).toBe(201);
      expect(booking.headers.get('x-correlation-id')).toBe(CORRELATION);
      caseNumber = booking.body.caseNumber;
      // The form is sent in a request of its own (its own id): the journey keeps the booking's.
      const submitted = await client.post(`/v1/cases/${caseNumber}/application`, applicationFor(CHEN, RETIREMENT), token);
      expect(submitted.status).toBe(202);
      finished = await client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 60_000);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    for (const l of text.split('\n')) if (l.startsWith('{')) lines.push(JSON.parse(l));
  }, 120_000);
  afterAll(() => stack?.close());

  it('the case completes with every department call signed and accepted', async () => {
    expect(finished.decision).toBe('APPROVED');
    const calls = (await stack.standins.calls()).filter((c) => c.caseNumber === caseNumber);
    expect(new Set(calls.map((c) => c.dept))).toEqual(new Set(['hr', 'tax', 'medical', 'housingFund', 'health']));
    for (const c of calls) expect(c).toMatchObject({ status: 200, idNumber: CHEN.idNumber, callingSystem: 'retireone-local' });
    expect(await stack.standins.refusals()).toEqual([]);
  });

  it('each department call carries the booking request’s correlation id', async () => {
    const checks = (await stack.standins.calls()).filter((c) => c.caseNumber === caseNumber);
    expect(checks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(checks.map((c) => c.correlationId))).toEqual(new Set([CORRELATION]));
  });

  it('the same id is on the log lines of the API, of each workflow step and of each department call', () => {
    const mine = lines.filter((l) => l.correlation_id === CORRELATION);
    expect(mine.some((l) => l.message === 'request done' && l.route === 'createBooking')).toBe(true);
    const steps = new Set(mine.filter((l) => l.message === 'step done').map((l) => l.step));
    for (const s of ['pre-review', 'check-hr', 'check-tax', 'check-medical', 'check-housingFund', 'check-health', 'decide', 'seal']) {
      expect(steps, s).toContain(s);
    }
    const departments = new Set(mine.filter((l) => l.message === 'department answered').map((l) => l.department));
    for (const d of ['hr', 'tax', 'medical', 'housingFund', 'health']) expect(departments, d).toContain(d);
    // Every step line and every department line of this case is stamped with the journey's id, none with another.
    const ofCase = lines.filter((l) => l.caseNumber === caseNumber && (l.message === 'step done' || l.message === 'department answered'));
    expect(ofCase.length).toBeGreaterThan(10);
    expect(new Set(ofCase.map((l) => l.correlation_id))).toEqual(new Set([CORRELATION]));
  });

  it('no log line names the person: ID number, phone, name or account', () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const secret of [CHEN.idNumber, CHEN.phone, CHEN.name, '6222190000000001', CHEN.bankAccount?.accountNo].filter(Boolean)) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('the correlation id an API request takes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 120_000);
  afterAll(() => stack?.close());

  const ask = (headers: Record<string, string>) =>
    stack.client.request('POST', '/v1/eligibility/retirement', { body: { gender: 'female', birthDate: '1971-08-03', originalRetirementAge: 55 }, headers });

  it('is the caller’s x-correlation-id when well-formed, else the request’s own id, and is answered back', async () => {
    const given = await ask({ 'x-correlation-id': 'caller.trace-0042' });
    expect(given.status).toBe(200);
    expect(given.headers.get('x-correlation-id')).toBe('caller.trace-0042');
    // An id that could carry personal data (an ID number, a phone), or is too short, long or odd, is not taken.
    for (const bad of [CHEN.idNumber, `trace-${CHEN.phone}`, 'short', 'x'.repeat(65), 'has space in it', '../../etc/passwd']) {
      const res = await ask({ 'x-correlation-id': bad });
      expect(res.status, bad).toBe(200);
      const id = res.headers.get('x-correlation-id');
      expect(id, bad).toMatch(/^[0-9a-f-]{36}$/);
      expect(id, bad).not.toBe(bad);
    }
    const none = await ask({});
    expect(none.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is answered back on a refusal too: a field wrong, no token, a token of the wrong role', async () => {
    const headers = { 'x-correlation-id': 'caller.refused-0007' };
    const invalid = await stack.client.request('POST', '/v1/eligibility/retirement', { body: { gender: 'x' }, headers });
    const noToken = await stack.client.request('GET', '/v1/staff/cases', { headers });
    const citizen = await stack.client.request('GET', '/v1/staff/cases', {
      headers,
      token: await stack.client.token('citizen', { idNumber: CHEN.idNumber, name: CHEN.name }),
    });
    expect([invalid.status, noToken.status, citizen.status]).toEqual([400, 401, 403]);
    for (const res of [invalid, noToken, citizen]) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('x-correlation-id')).toBe('caller.refused-0007');
    }
  });
});

describe('the stand-ins refuse what the product did not sign', () => {
  let stack: TestStack;
  let key: Buffer;
  const path = '/tax/lookups';

  beforeAll(async () => {
    stack = await startTestStack();
    const file = join(stack.dataDir, 'keys', 'departments.key');
    key = readFileSync(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 120_000);
  afterAll(() => stack?.close());

  function signed(opts: { key?: Buffer; at?: number; body?: string } = {}) {
    const body = JSON.stringify({ idNumber: CHEN.idNumber });
    const headers = signedHeaders(opts.key ?? key, 'local', {
      method: 'POST',
      path,
      caller: 'retireone-local',
      caseNumber: 'RT20261124TEST01',
      requestId: randomUUID(),
      correlationId: 'it-refusals-0001',
      timestamp: opts.at ?? Math.floor(Date.now() / 1000),
      body,
    });
    return () =>
      fetch(`${stack.standins.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: opts.body ?? body });
  }

  it('a request signed with the product’s key is answered; each altered one is a 401', async () => {
    const good = signed();
    expect((await good()).status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    const attempts = {
      unsigned: () =>
        fetch(`${stack.standins.baseUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ idNumber: CHEN.idNumber }),
        }),
      'wrong key': signed({ key: randomBytes(32) }),
      tampered: signed({ body: JSON.stringify({ idNumber: '441900197108030169' }) }),
      'replayed beyond the window': signed({ at: now - SIGNATURE_WINDOW_SECONDS - 60 }),
      'replayed within the window': good,
    };
    const statuses = Object.fromEntries(await Promise.all(Object.entries(attempts).map(async ([what, send]) => [what, (await send()).status])));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(attempts).map((k) => [k, 401])));
    expect(new Set((await stack.standins.refusals()).map((r) => r.reason))).toEqual(
      new Set(['unsigned', 'bad signature', 'the body is not the one digested', 'outside the time window', 'replayed']),
    );
    // Nothing refused reached a record: the one answered call is the only one logged.
    expect((await stack.standins.calls()).filter((c) => c.caseNumber === 'RT20261124TEST01')).toHaveLength(1);
  });
});
