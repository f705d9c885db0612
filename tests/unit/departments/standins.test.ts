import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDepartmentStandins, type DepartmentStandins } from '../../../infra/local/department-standins.ts';
import { demoRecords } from '../../support/demo-records.ts';

const records = demoRecords();
const id = [...records.keys()][0] as string;
const HEADERS = { 'X-Case-Number': 'RT20250301ABC123', 'X-Calling-System': 'test', 'X-Request-Id': 'r-1' };

let s: DepartmentStandins;
beforeAll(async () => {
  s = await startDepartmentStandins({ records, latencyMs: 100 });
});
afterAll(() => s.stop());

describe('department stand-ins', () => {
  it.each(['X-Case-Number', 'X-Calling-System', 'X-Request-Id'])('400 without %s', async (missing) => {
    const headers = Object.fromEntries(Object.entries(HEADERS).filter(([k]) => k !== missing));
    const res = await fetch(`${s.baseUrl}/hr/persons/${id}`, { headers });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'MISSING_AUDIT_HEADERS' });
  });

  it('answers after the configured latency', async () => {
    const t = Date.now();
    const res = await fetch(`${s.baseUrl}/housing-fund/persons/${id}`, { headers: HEADERS });
    expect(res.status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(95);
  });

  it('unknown route is a 404 distinguishable from an unknown person', async () => {
    const route = await fetch(`${s.baseUrl}/pension/persons/${id}`, { headers: HEADERS });
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ code: 'NO_SUCH_ROUTE' });
    const person = await fetch(`${s.baseUrl}/tax/persons/000000000000000000`, { headers: HEADERS });
    expect(await person.json()).toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  it('setUnavailable toggles 503 for that department only', async () => {
    s.setUnavailable('tax', true);
    expect((await fetch(`${s.baseUrl}/tax/persons/${id}`, { headers: HEADERS })).status).toBe(503);
    expect((await fetch(`${s.baseUrl}/medical/persons/${id}`, { headers: HEADERS })).status).toBe(200);
    s.setUnavailable('tax', false);
    expect((await fetch(`${s.baseUrl}/tax/persons/${id}`, { headers: HEADERS })).status).toBe(200);
  });
});
