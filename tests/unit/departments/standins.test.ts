import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders, SIGNATURE_WINDOW_SECONDS, type SignedParts } from '../../../functions/departments/signing.ts';
import { startDepartmentStandins, type DepartmentStandins } from '../../../infra/local/department-standins.ts';
import { demoRecords } from '../../support/demo-records.ts';
import { TEST_DEPARTMENT_KEY } from '../../support/department-key.ts';

const records = demoRecords();
const id = [...records.keys()][0] as string;
const CASE = 'RT20250301ABC123';

let s: DepartmentStandins;
beforeAll(async () => {
  s = await startDepartmentStandins({ records, latencyMs: 100, signingKey: TEST_DEPARTMENT_KEY });
});
afterAll(() => s.stop());

/** A signed POST as the product's client sends it; `tamper` changes the request after it was signed. */
function post(
  path: string,
  payload: unknown,
  opts: { key?: Uint8Array; caseNumber?: string; at?: number; tamper?: (r: { headers: Record<string, string>; body: string }) => void } = {},
) {
  const body = JSON.stringify(payload);
  const parts: SignedParts = {
    method: 'POST',
    path,
    caller: 'test',
    caseNumber: opts.caseNumber ?? CASE,
    requestId: randomUUID(),
    correlationId: 'corr-test-0001',
    timestamp: opts.at ?? Math.floor(Date.now() / 1000),
    body,
  };
  const request = { headers: { 'content-type': 'application/json', ...signedHeaders(opts.key ?? TEST_DEPARTMENT_KEY, 'test', parts) }, body };
  opts.tamper?.(request);
  return { send: () => fetch(`${s.baseUrl}${path}`, { method: 'POST', ...request }), request };
}

describe('department stand-ins', () => {
  it('answer a signed lookup, the ID number in the body', async () => {
    const t = Date.now();
    const res = await post('/housing-fund/lookups', { idNumber: id }).send();
    expect(res.status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(95);
    expect(s.calls().at(-1)).toMatchObject({ dept: 'housingFund', idNumber: id, caseNumber: CASE, callingSystem: 'test', correlationId: 'corr-test-0001' });
  });

  it('refuse with 401: unsigned, wrong key, tampered body, tampered case number, outside the window, replayed', async () => {
    const unsigned = await fetch(`${s.baseUrl}/hr/lookups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: id }),
    });
    const wrongKey = await post('/hr/lookups', { idNumber: id }, { key: randomBytes(32) }).send();
    const otherPerson = [...records.keys()][1] as string;
    const tamperedBody = await post('/hr/lookups', { idNumber: id }, { tamper: (r) => (r.body = JSON.stringify({ idNumber: otherPerson })) }).send();
    const tamperedCase = await post('/hr/lookups', { idNumber: id }, { tamper: (r) => (r.headers['X-Case-Number'] = 'RT20250301ZZZ999') }).send();
    const tooOld = await post('/hr/lookups', { idNumber: id }, { at: Math.floor(Date.now() / 1000) - SIGNATURE_WINDOW_SECONDS - 5 }).send();
    const future = await post('/hr/lookups', { idNumber: id }, { at: Math.floor(Date.now() / 1000) + SIGNATURE_WINDOW_SECONDS + 5 }).send();
    const once = post('/hr/lookups', { idNumber: id });
    const first = await once.send();
    const again = await once.send();
    expect(first.status).toBe(200);
    const refused = [unsigned, wrongKey, tamperedBody, tamperedCase, tooOld, future, again];
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 401));
    for (const r of refused) expect(await r.json()).toMatchObject({ code: 'SIGNATURE_REFUSED' });
    expect(
      s
        .refusals()
        .slice(-7)
        .map((r) => r.reason),
    ).toEqual([
      'unsigned',
      'bad signature',
      'the body is not the one digested',
      'bad signature',
      'outside the time window',
      'outside the time window',
      'replayed',
    ]);
  });

  it('refuse a GET, and any ID number in the URL finds no route', async () => {
    expect((await fetch(`${s.baseUrl}/hr/lookups`)).status).toBe(405);
    expect((await fetch(`${s.baseUrl}/hr/persons/${id}`)).status).toBe(404);
  });

  it('400 for a signed lookup without a case number', async () => {
    const res = await post('/hr/lookups', { idNumber: id }, { caseNumber: '' }).send();
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'MISSING_AUDIT_HEADERS' });
  });

  it('unknown route is a 404 distinguishable from an unknown person', async () => {
    const route = await post('/pension/lookups', { idNumber: id }).send();
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ code: 'NO_SUCH_ROUTE' });
    const person = await post('/tax/lookups', { idNumber: '000000000000000000' }).send();
    expect(await person.json()).toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  it('setUnavailable toggles 503 for that department only', async () => {
    s.setUnavailable('tax', true);
    expect((await post('/tax/lookups', { idNumber: id }).send()).status).toBe(503);
    expect((await post('/medical/lookups', { idNumber: id }).send()).status).toBe(200);
    s.setUnavailable('tax', false);
    expect((await post('/tax/lookups', { idNumber: id }).send()).status).toBe(200);
  });
});
