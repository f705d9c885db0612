import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDepartmentStandins, type DepartmentStandins } from '../../../infra/local/department-standins.ts';
import { createDepartmentClient, type DepartmentClient } from '../../../functions/departments/index.ts';
import type { CitizenRecord } from '../../../schemas/department-record.ts';
import { demoRecords } from '../../support/demo-records.ts';
import { TEST_DEPARTMENT_KEY, testSigningKey } from '../../support/department-key.ts';

const CASE = 'RT20250301ABC123';

const records = demoRecords();
const known = [...records.values()][0] as CitizenRecord;
const UNKNOWN_ID = '110101190001010000';
const BROKEN_ID = '110101190001019999';
const NO_FUND_ID = '110101190001018888';

let standins: DepartmentStandins;
let client: DepartmentClient;

beforeAll(async () => {
  const withBroken = new Map(records);
  // A record a department could really send: well-formed JSON, wrong content.
  withBroken.set(BROKEN_ID, {
    ...known,
    idNumber: BROKEN_ID,
    hr: { ...known.hr, originalRetirementAge: 45 as 60 },
    housingFund: { ...known.housingFund, status: 'frozen' } as unknown as CitizenRecord['housingFund'],
  });
  // fixtures README: `housingFund: { "status": "none" }` = no account (outcome NOT_APPLICABLE).
  withBroken.set(NO_FUND_ID, { ...known, idNumber: NO_FUND_ID, housingFund: { status: 'none' } as CitizenRecord['housingFund'] });
  standins = await startDepartmentStandins({ records: withBroken, signingKey: TEST_DEPARTMENT_KEY });
  client = createDepartmentClient({ baseUrl: `${standins.baseUrl}/`, callingSystem: 'retireone-test', signingKey: testSigningKey, timeoutMs: 500 });
});
afterAll(() => standins.stop());
afterEach(() => {
  standins.clearCalls();
  standins.setLatencyMs(0);
  for (const d of ['hr', 'tax', 'medical', 'housingFund', 'profile'] as const) standins.setUnavailable(d, false);
});

describe('department client against the local stand-ins', () => {
  it('returns each department part of a known person', async () => {
    const [hr, tax, medical, housingFund, profile] = await Promise.all([
      client.hr(CASE, known.idNumber),
      client.tax(CASE, known.idNumber),
      client.medical(CASE, known.idNumber),
      client.housingFund(CASE, known.idNumber),
      client.profile(CASE, known.idNumber),
    ]);
    expect(hr).toEqual({ ...known.hr, name: known.name, gender: known.gender, birthDate: known.birthDate });
    expect(tax).toEqual(known.tax);
    expect(medical).toEqual(known.medical);
    expect(housingFund).toEqual(known.housingFund);
    expect(profile).toEqual({
      idNumber: known.idNumber,
      name: known.name,
      gender: known.gender,
      birthDate: known.birthDate,
      phone: known.phone,
      bankAccount: known.bankAccount,
      originalRetirementAge: known.hr.originalRetirementAge,
      housingFundStatus: known.housingFund.status,
    });
  });

  it('a person without a housing fund account comes back as { status: "none" }', async () => {
    await expect(client.housingFund(CASE, NO_FUND_ID)).resolves.toEqual({ status: 'none' });
    await expect(client.profile(CASE, NO_FUND_ID)).resolves.toMatchObject({ housingFundStatus: 'none' });
  });

  it('sends case number, calling system and a fresh request id on every call', async () => {
    await client.tax(CASE, known.idNumber);
    await client.tax(CASE, known.idNumber);
    const calls = standins.calls();
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c).toMatchObject({ dept: 'tax', idNumber: known.idNumber, caseNumber: CASE, callingSystem: 'retireone-test', status: 200 });
      expect(c.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(calls[0]?.requestId).not.toBe(calls[1]?.requestId);
  });

  it.each(['hr', 'tax', 'medical', 'housingFund', 'profile'] as const)('%s: unknown person (404) → undefined', async (dept) => {
    await expect(client[dept](CASE, UNKNOWN_ID)).resolves.toBeUndefined();
  });

  it('503 → DepartmentUnavailable naming the department, one attempt only', async () => {
    standins.setUnavailable('medical', true);
    const err = await client.medical(CASE, known.idNumber).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DepartmentUnavailable', department: 'medical', status: 503 });
    expect(standins.calls()).toHaveLength(1);
    // other departments are unaffected
    await expect(client.tax(CASE, known.idNumber)).resolves.toEqual(known.tax);
  });

  it('no answer within timeoutMs → DepartmentUnavailable', async () => {
    standins.setLatencyMs(1500);
    const started = Date.now();
    const err = await client.hr(CASE, known.idNumber).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DepartmentUnavailable', department: 'hr' });
    expect((err as Error).message).toContain('500 ms');
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('connection refused → DepartmentUnavailable', async () => {
    const dead = createDepartmentClient({ baseUrl: 'http://127.0.0.1:1', callingSystem: 'retireone-test', signingKey: testSigningKey });
    await expect(dead.housingFund(CASE, known.idNumber)).rejects.toMatchObject({
      name: 'DepartmentUnavailable',
      department: 'housingFund',
    });
  });

  it('200 with a body that breaks the schema → DepartmentResponseInvalid naming the field', async () => {
    const err = await client.hr(CASE, BROKEN_ID).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DepartmentResponseInvalid', department: 'hr' });
    expect((err as Error).message).toContain('originalRetirementAge');
    await expect(client.housingFund(CASE, BROKEN_ID)).rejects.toMatchObject({ name: 'DepartmentResponseInvalid' });
    await expect(client.profile(CASE, BROKEN_ID)).rejects.toMatchObject({ name: 'DepartmentResponseInvalid' });
  });
});

describe('department client against a misbehaving server', () => {
  let server: Server;
  let baseUrl: string;
  let reply: { status: number; body: string } = { status: 200, body: '' };
  const received: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(reply.status, { 'content-type': 'text/html' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  );

  it('sends the ID number in the body of a signed POST, never in the URL', async () => {
    reply = { status: 404, body: '' };
    received.length = 0;
    const c = createDepartmentClient({ baseUrl, callingSystem: 'retireone-test', signingKey: testSigningKey });
    for (const dept of ['hr', 'tax', 'medical', 'housingFund', 'health', 'profile'] as const) await c[dept](CASE, known.idNumber);
    expect(received).toHaveLength(6);
    for (const r of received) {
      expect(r.method).toBe('POST');
      expect(r.url).not.toContain(known.idNumber);
      expect(r.url).not.toContain('?');
      expect(JSON.parse(r.body)).toEqual({ idNumber: known.idNumber });
      expect(r.headers).toMatchObject({ 'x-case-number': CASE, 'x-calling-system': 'retireone-test', 'content-type': 'application/json' });
      expect(r.headers['x-signature']).toMatch(/^keyId=test,sig=[A-Za-z0-9+/=]{44}$/);
      expect(r.headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/=]{44}:$/);
    }
  });

  it.each([
    { status: 200, body: '<html>gateway login</html>', name: 'DepartmentResponseInvalid' },
    { status: 200, body: 'null', name: 'DepartmentResponseInvalid' },
    { status: 502, body: 'bad gateway', name: 'DepartmentUnavailable' },
    { status: 500, body: '', name: 'DepartmentUnavailable' },
    { status: 429, body: '', name: 'DepartmentUnavailable' },
    { status: 400, body: 'missing header', name: 'DepartmentRequestRejected' },
    { status: 403, body: 'forbidden', name: 'DepartmentRequestRejected' },
    // A refused signature is our misconfiguration (wrong key, clock off): retrying will not help.
    { status: 401, body: '{"code":"SIGNATURE_REFUSED"}', name: 'DepartmentRequestRejected' },
  ])('HTTP $status "$body" → $name', async ({ status, body, name }) => {
    reply = { status, body };
    const c = createDepartmentClient({ baseUrl, callingSystem: 'retireone-test', signingKey: testSigningKey });
    await expect(c.tax(CASE, known.idNumber)).rejects.toMatchObject({ name, department: 'tax' });
  });
});
