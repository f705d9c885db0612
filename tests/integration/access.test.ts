/**
 * Who sees what, through the real embedded stack: a citizen reaches only its own cases (anything else
 * is a 404 that reveals nothing), staff reach every case, and the dev token endpoint exists only in
 * development mode.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type ApiResponse, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const person = (idNumber: string) => {
  const p = demo.find((c) => c.idNumber === idNumber);
  if (!p) throw new Error(`demo person ${idNumber} missing`);
  return p;
};
// A: 陈志明, all records in order. B: 李春梅 (F55, born 1971-07), whose statutory month 2026-12 lies in the
// application window of "today" (2026-11-24), so her case runs to a sealed document.
const A = person('441900196610120130');
const B = person('441900197107150222');

function expectProblem(res: ApiResponse, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
}

describe('access in development mode', () => {
  let stack: TestStack;
  let tokenA: string;
  let tokenB: string;
  let staff: string;
  let caseA: string;
  let caseB: string;
  let documentB: string;

  function expectNothingOfB(res: ApiResponse) {
    const text = Buffer.from(res.bytes).toString('utf8');
    for (const secret of [B.name, B.idNumber, B.idNumber.slice(-4), B.phone, B.birthDate]) expect(text).not.toContain(secret);
  }

  beforeAll(async () => {
    stack = await startTestStack();
    const { client } = stack;
    tokenA = await client.token('citizen', { idNumber: A.idNumber, name: A.name });
    tokenB = await client.token('citizen', { idNumber: B.idNumber, name: B.name });
    staff = await client.token('pre-review', { name: '预审员甲' });

    const bookA = await client.post('/v1/bookings', { idNumber: A.idNumber, name: A.name, phone: A.phone, channel: 'online' }, tokenA);
    expect(bookA.status, JSON.stringify(bookA.body)).toBe(201);
    caseA = bookA.body.caseNumber;

    const bookB = await client.post('/v1/bookings', { idNumber: B.idNumber, name: B.name, phone: B.phone, channel: 'online' }, tokenB);
    expect(bookB.status, JSON.stringify(bookB.body)).toBe(201);
    caseB = bookB.body.caseNumber;
    const submitted = await client.post(
      `/v1/cases/${caseB}/application`,
      applicationFor(B, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: B.hr.originalRetirementAge }),
      tokenB,
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    // Settled: completed, and the text message's note written, so nothing but A's attempts could change B's case.
    const done = await client.waitForCase(caseB, tokenB, (c) => c.status === 'COMPLETED' && c.timeline.at(-1)?.note?.includes('已短信通知') === true);
    expect(done.documents.length).toBeGreaterThan(0);
    documentB = done.documents[0].documentId;
  });
  afterAll(() => stack?.close());

  it('B reaches its own case, prefill and document (the control for the 404s below)', async () => {
    const { client } = stack;
    expect((await client.get(`/v1/cases/${caseB}`, tokenB)).status).toBe(200);
    expect((await client.get(`/v1/cases/${caseB}/prefill`, tokenB)).status).toBe(200);
    const doc = await client.get(`/v1/cases/${caseB}/documents/${documentB}`, tokenB);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
  });

  it("A gets 404, not 403, for B's case and learns nothing of B", async () => {
    const res = await stack.client.get(`/v1/cases/${caseB}`, tokenA);
    expectProblem(res, 404);
    expectNothingOfB(res);
  });

  it("A gets 404 for B's prefill", async () => {
    const res = await stack.client.get(`/v1/cases/${caseB}/prefill`, tokenA);
    expectProblem(res, 404);
    expectNothingOfB(res);
  });

  it("A gets 404 for B's document, known id or not", async () => {
    for (const documentId of [documentB, 'DOC-00000000']) {
      const res = await stack.client.get(`/v1/cases/${caseB}/documents/${documentId}`, tokenA);
      expectProblem(res, 404);
      expectNothingOfB(res);
    }
  });

  it("A gets 404 posting a form to B's case, and B's case is unchanged", async () => {
    const before = (await stack.client.get(`/v1/cases/${caseB}`, staff)).body;
    const forms = [
      applicationFor(A, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 }),
      applicationFor(B, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: B.hr.originalRetirementAge }),
    ];
    for (const form of forms) {
      const res = await stack.client.post(`/v1/cases/${caseB}/application`, form, tokenA);
      expectProblem(res, 404);
      expectNothingOfB(res);
    }
    const after = (await stack.client.get(`/v1/cases/${caseB}`, staff)).body;
    expect(after).toEqual(before);
  });

  it("the 404 for B's case is the same as for a case that does not exist", async () => {
    const other = await stack.client.get(`/v1/cases/${caseB}`, tokenA);
    const missing = await stack.client.get('/v1/cases/RT20261124ZZZZZZ', tokenA);
    expect(missing.status).toBe(404);
    expect(other.body).toEqual(missing.body);
  });

  it("B cannot reach A's case either, while A can", async () => {
    expectProblem(await stack.client.get(`/v1/cases/${caseA}`, tokenB), 404);
    expect((await stack.client.get(`/v1/cases/${caseA}`, tokenA)).status).toBe(200);
  });

  it('staff (pre-review and supervisor) can GET any case', async () => {
    const supervisor = await stack.client.token('supervisor', { name: '科长乙' });
    for (const token of [staff, supervisor]) {
      for (const n of [caseA, caseB]) {
        const res = await stack.client.get(`/v1/cases/${n}`, token);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.caseNumber).toBe(n);
      }
    }
  });

  it('a citizen cannot call the staff queue (403); staff can', async () => {
    expectProblem(await stack.client.get('/v1/staff/cases', tokenA), 403);
    const queue = await stack.client.get('/v1/staff/cases', staff);
    expect(queue.status).toBe(200);
    expect(queue.body.map((q: any) => q.caseNumber)).toContain(caseA);
  });

  it('every access to a case is on its audit trail, refused ones too; only supervisors read the trail', async () => {
    const supervisor = await stack.client.token('supervisor', { name: '科长乙' });
    expectProblem(await stack.client.get(`/v1/cases/${caseB}`, tokenA), 404);
    expect((await stack.client.get(`/v1/cases/${caseB}`, tokenB)).status).toBe(200);
    expectProblem(await stack.client.get(`/v1/staff/cases/${caseB}/audit`, staff), 403);
    expectProblem(await stack.client.get(`/v1/staff/cases/${caseB}/audit`, tokenB), 403);

    const trail = await stack.client.get(`/v1/staff/cases/${caseB}/audit`, supervisor);
    expect(trail.status).toBe(200);
    const entries = trail.body as { at: string; actor: string; action: string; role: string }[];
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    expect(entries.some((e) => e.actor === `citizen:${A.idNumber}` && e.action === 'read-case:denied')).toBe(true);
    expect(entries.some((e) => e.actor === `citizen:${B.idNumber}` && e.action === 'read-case')).toBe(true);
    expect(entries.some((e) => e.actor === `citizen:${B.idNumber}` && e.action === 'submit-application')).toBe(true);
    // Reading the trail is itself an access.
    const again = await stack.client.get(`/v1/staff/cases/${caseB}/audit`, supervisor);
    expect(again.body[0]).toMatchObject({ role: 'supervisor', action: 'read-audit' });
  });

  it('POST /v1/dev/tokens mints a working token in development mode', async () => {
    const res = await stack.client.post('/v1/dev/tokens', { role: 'supervisor', name: '科长丙' });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await stack.client.get('/v1/staff/cases', res.body.token)).status).toBe(200);
    // A citizen token without its ID number is refused.
    expectProblem(await stack.client.post('/v1/dev/tokens', { role: 'citizen' }), 400);
  });
});

describe('outside development mode', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ devMode: false });
  });
  afterAll(() => stack?.close());

  it('POST /v1/dev/tokens is 404', async () => {
    expect((await stack.client.get('/health')).status).toBe(200);
    const res = await stack.client.post('/v1/dev/tokens', { role: 'supervisor', name: '科长丙' });
    expectProblem(res, 404);
    expect(res.body.token).toBeUndefined();
  });
});

describe('health', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('is ok while the case store, the object store and the workflow engine answer, 503 once one does not', async () => {
    const ok = await stack.client.get('/health');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok' });
    stack.engine.stop();
    const down = await stack.client.get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable' });
  });
});
