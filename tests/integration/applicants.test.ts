/**
 * Who applies, through the real stack: the employer's unit account files several retirees at once (单位批量经办),
 * each getting its own case and outcome, never a second case for a person; an agent acts only under the person's
 * authorisation (代办授权); each kind reaches only its own cases; the case, its timeline and its sealed papers name
 * who applied.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.name as string, c]));
const person = (name: string) => demo.get(name)!;
const CHEN = person('陈志明'); // approved: 2027-04
const LIN = person('林秀英'); // approved: 2027-01
const HUANG = person('黄丽娟');
const WANG = person('王建华');
const LI = person('李春梅');
const ZHAO = person('赵国强');
const ZHOU = person('周海涛');
const MA = person('马俊');
const HU = person('胡美玲'); // flexible-late candidate
const LIU = person('刘伟');
/** Valid ID number, in no department's records. */
const STRANGER = '11010519491231002X';

const UNIT = { creditCode: '91441900MA00000010', name: '东莞市示例制造有限公司' };
const OTHER_UNIT = { creditCode: '91441900MA00000023', name: '东莞市示例物流有限公司' };
const OFFICER = { name: '张经办', idNumber: '441900196701260374' };
const retiree = (p: any) => ({ idNumber: p.idNumber, name: p.name, phone: p.phone, channel: 'online' });
const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });
const shots = join(process.cwd(), 'tmp', 'screenshots');

describe('applicant kinds', () => {
  let stack: TestStack;
  let unit: string;
  let otherUnit: string;
  let agentCase = '';
  const citizen = (p: any) => stack.client.token('citizen', { idNumber: p.idNumber, name: p.name });

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-11-24' });
    unit = await stack.client.token('employer', UNIT);
    otherUnit = await stack.client.token('employer', OTHER_UNIT);
  }, 120_000);
  afterAll(async () => stack?.close());

  const file = (token: string, retirees: unknown[], headers = key()) =>
    stack.client.post('/v1/employer/filings', { officer: OFFICER, retirees }, token, headers);

  it('a unit files several retirees at once: each its own case and outcome, a stranger refused, a replay the same answer', async () => {
    const headers = key();
    const res = await file(unit, [retiree(CHEN), retiree(LIN), { ...retiree(CHEN), idNumber: STRANGER, name: '路人甲' }], headers);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(['BOOKED', 'BOOKED', 'REFUSED']);
    expect(res.body).toMatchObject({ booked: 2, openCases: 0, refused: 1 });
    const [chen, lin, stranger] = res.body.results;
    expect(chen.caseNumber).not.toBe(lin.caseNumber);
    expect(stranger.problem).toMatchObject({ status: 403 });
    expect(stranger.problem.errors).toEqual([{ path: 'retirees[2].idNumber', message: expect.stringContaining('not an employee') }]);

    const again = await file(unit, [retiree(CHEN), retiree(LIN), { ...retiree(CHEN), idNumber: STRANGER, name: '路人甲' }], headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    const other = await file(unit, [retiree(CHEN)], headers);
    expect(other.status).toBe(422);

    // The case names the unit and the officer; the timeline says who booked.
    const view = (await stack.client.get(`/v1/cases/${chen.caseNumber}`, unit)).body;
    expect(view.appliedBy).toEqual({
      kind: 'employer',
      name: UNIT.name,
      creditCode: UNIT.creditCode,
      officer: { name: OFFICER.name, idNumberMasked: '441900********0374' },
    });
    expect(view.timeline[0].note).toContain(`单位经办：${UNIT.name}（统一社会信用代码 ${UNIT.creditCode}），经办人 ${OFFICER.name}`);
    // The person sees the case the unit filed; another unit does not, nor does another person.
    expect((await stack.client.get(`/v1/cases/${chen.caseNumber}`, await citizen(CHEN))).status).toBe(200);
    expect((await stack.client.get(`/v1/cases/${chen.caseNumber}`, otherUnit)).status).toBe(404);
    expect((await stack.client.get(`/v1/cases/${chen.caseNumber}`, await citizen(LIN))).status).toBe(404);
  }, 60_000);

  it('a unit withdraws a case it filed, the timeline saying so; another unit cannot', async () => {
    const filed = await file(unit, [retiree(LIU)]);
    const caseNumber = filed.body.results[0].caseNumber;
    expect((await stack.client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, otherUnit, key())).status).toBe(404);
    const withdrawn = await stack.client.post(`/v1/cases/${caseNumber}/withdrawal`, { reason: '员工暂缓退休' }, unit, key());
    expect(withdrawn.status).toBe(202);
    const view = (await stack.client.get(`/v1/cases/${caseNumber}`, await citizen(LIU))).body;
    expect(view.status).toBe('WITHDRAWN');
    expect(view.timeline.at(-1).note).toBe(`${UNIT.name}（单位经办）代为撤回申请：员工暂缓退休`);
  }, 60_000);

  it('HR not answering refuses only the retirees it could not confirm; the filing sent again later books them', async () => {
    const ZHANG = person('张桂兰');
    const headers = key();
    expect((await stack.client.request('PUT', '/v1/dev/departments/hr/faults', { body: { mode: 'down' } })).status).toBe(200);
    let first: any;
    try {
      first = await file(unit, [retiree(ZHANG)], headers);
    } finally {
      expect((await stack.client.request('PUT', '/v1/dev/departments/hr/faults', { body: { mode: 'up' } })).status).toBe(200);
    }
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ outcome: 'REFUSED', problem: { status: 503 } });
    // The key keeps its first answer; a new filing (a new key) books her, and anyone booked meanwhile comes back as OPEN_CASE.
    expect((await file(unit, [retiree(ZHANG)], headers)).body).toEqual(first.body);
    const later = await file(unit, [retiree(ZHANG)]);
    expect(later.body.results[0].outcome).toBe('BOOKED');
    const again = await file(unit, [retiree(ZHANG)]);
    expect(again.body.results[0]).toMatchObject({ outcome: 'OPEN_CASE', caseNumber: later.body.results[0].caseNumber });
  }, 60_000);

  it('a unit files only for its own employees, and never gives a person a second case', async () => {
    const huang = await citizen(HUANG);
    const own = await stack.client.post('/v1/bookings', retiree(HUANG), huang, key());
    expect(own.status).toBe(201);

    const res = await file(unit, [retiree(HUANG)]);
    expect(res.body.results[0]).toMatchObject({ outcome: 'OPEN_CASE', caseNumber: own.body.caseNumber, problem: { status: 409 } });
    // Her own booking stays hers: the unit did not file it and cannot see it.
    expect((await stack.client.get(`/v1/cases/${own.body.caseNumber}`, unit)).status).toBe(404);

    const elsewhere = await file(otherUnit, [retiree(MA)]);
    expect(elsewhere.body.results[0]).toMatchObject({ outcome: 'REFUSED', problem: { status: 403 } });
    expect((await stack.runtime.cases.get(own.body.caseNumber))?.appliedBy).toEqual({ kind: 'person' });
  }, 60_000);

  it('bad input names the field: the credit code’s check character, the officer, a retiree listed twice', async () => {
    const bad = await stack.client.post('/v1/dev/tokens', { role: 'employer', creditCode: '91441900MA00000011', name: UNIT.name });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['creditCode']);
    expect(bad.body.errors[0].message).toContain('check character');

    const officer = await stack.client.post(
      '/v1/employer/filings',
      { officer: { ...OFFICER, idNumber: '441900196701260375' }, retirees: [retiree(MA)] },
      unit,
      key(),
    );
    expect(officer.status).toBe(400);
    expect(officer.body.errors.map((e: any) => e.path)).toEqual(['officer.idNumber']);

    const twice = await file(unit, [retiree(MA), retiree(MA)]);
    expect(twice.status).toBe(400);
    expect(twice.body.errors.map((e: any) => e.path)).toEqual(['retirees[1].idNumber']);
    // A citizen's token is not a unit account.
    expect((await file(await citizen(MA), [retiree(MA)])).status).toBe(403);
  });

  it('the same filing sent twice at once, with one key or with two, gives each person one case', async () => {
    const people = [WANG, LI, ZHAO];
    const same = key();
    const sent = await Promise.all([
      file(unit, people.map(retiree), same),
      file(unit, people.map(retiree), same),
      file(unit, people.map(retiree)),
      file(unit, people.map(retiree)),
    ]);
    const answered = sent.filter((r) => r.status === 200);
    // One key: the second is told to ask again (409) or gets the first answer; two keys: each answered.
    expect(sent.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(3);
    for (const [i, p] of people.entries()) {
      const numbers = new Set(answered.map((r) => r.body.results[i].caseNumber));
      expect(numbers.size, p.name).toBe(1);
      expect(answered.map((r) => r.body.results[i].outcome)).toContain('BOOKED');
      const lock = await stack.runtime.bookings.db.send(
        new (await import('@aws-sdk/lib-dynamodb')).GetCommand({ TableName: stack.runtime.bookings.table, Key: { pk: `PERSON#${p.idNumber}`, sk: 'OPEN' } }),
      );
      expect(lock.Item?.caseNumber).toBe([...numbers][0]);
      const mine = (await stack.client.get('/v1/cases', await citizen(p))).body.cases;
      expect(mine.map((c: any) => c.caseNumber)).toEqual([...numbers]);
    }
  }, 90_000);

  it('an agent books only with the person’s authorisation covering booking today, and follows only what it covers', async () => {
    const lin = await citizen(LIN);
    const zhou = await citizen(ZHOU);
    const none = await stack.client.post('/v1/bookings', retiree(ZHOU), lin, key());
    expect(none.status).toBe(403);
    expect(none.body.detail).toContain('has not authorised you');
    expect(none.body.errors.map((e: any) => e.path)).toEqual(['idNumber']);

    const granted = await stack.client.post(
      '/v1/authorisations',
      { agent: { idNumber: LIN.idNumber, name: LIN.name }, scope: ['book', 'follow'], validFrom: '2026-11-24', validUntil: '2026-12-31' },
      zhou,
      key(),
    );
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ agent: { idNumberMasked: '441900********0169', name: LIN.name }, scope: ['book', 'follow'] });
    const booked = await stack.client.post('/v1/bookings', retiree(ZHOU), lin, key());
    expect(booked.status).toBe(201);
    const caseNumber = booked.body.caseNumber;
    agentCase = caseNumber;
    const view = (await stack.client.get(`/v1/cases/${caseNumber}`, lin)).body;
    expect(view.appliedBy).toEqual({ kind: 'agent', name: LIN.name, idNumberMasked: '441900********0169', authorisationId: granted.body.authorisationId });
    expect(view.timeline[0].note).toContain(`委托代办：代办人 ${LIN.name}`);

    // Booking and following are covered; filling in the form is not, until the person says so.
    const form = applicationFor(ZHOU, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, lin)).status).toBe(404);
    expect((await stack.client.get(`/v1/cases/${caseNumber}`, await citizen(HUANG))).status).toBe(404);
    const widened = await stack.client.post(
      '/v1/authorisations',
      { agent: { idNumber: LIN.idNumber, name: LIN.name }, scope: ['book', 'apply', 'follow'], validFrom: '2026-11-24', validUntil: '2026-12-31' },
      zhou,
      key(),
    );
    expect(widened.status).toBe(201);
    expect((await stack.client.get(`/v1/cases/${caseNumber}/prefill`, lin)).status).toBe(200);

    // Not yet in force: the answer says from when.
    const ma = await citizen(MA);
    const later = await stack.client.post(
      '/v1/authorisations',
      { agent: { idNumber: LIN.idNumber, name: LIN.name }, scope: ['book'], validFrom: '2026-11-30', validUntil: '2026-12-31' },
      ma,
      key(),
    );
    expect(later.status).toBe(201);
    const early = await stack.client.post('/v1/bookings', retiree(MA), lin, key());
    expect(early.status).toBe(403);
    expect(early.body.detail).toContain('holds from 2026-11-30');

    const backdated = await stack.client.post(
      '/v1/authorisations',
      { agent: { idNumber: LIN.idNumber, name: LIN.name }, scope: ['book'], validFrom: '2026-11-01', validUntil: '2026-11-30' },
      ma,
      key(),
    );
    expect(backdated.status).toBe(400);
    expect(backdated.body.errors.map((e: any) => e.path)).toEqual(['validFrom']);
  }, 60_000);

  it('the unit fills in the form it filed; the sealed papers name the unit and the officer', async () => {
    const filed = await file(unit, [retiree(HU)]);
    const caseNumber = filed.body.results[0].caseNumber;
    expect(filed.body.results[0].outcome).toBe('BOOKED');
    const form = applicationFor(HU, { type: 'flexible-late', requestedMonth: '2027-01', originalRetirementAge: 55, employerAgreement: true });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, unit)).status).toBe(202);
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, otherUnit)).status).toBe(404);
    const done = await stack.client.waitForCase(caseNumber, unit, (c) => c.status === 'COMPLETED', 60_000);
    expect(done.decision).toBe('APPROVED');
    mkdirSync(shots, { recursive: true });
    for (const d of done.documents) {
      const pdf = await stack.client.get(`/v1/cases/${caseNumber}/documents/${d.documentId}`, unit);
      expect(pdf.status).toBe(200);
      const path = join(shots, `applicant-${d.documentId}.pdf`);
      writeFileSync(path, pdf.bytes);
      const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text, d.title).toContain(`申请方式：单位经办：${UNIT.name}（统一社会信用代码${UNIT.creditCode}），经办人${OFFICER.name}`);
    }
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(shots, `applicant-${done.documents[0].documentId}.pdf`),
      join(shots, 'applicant-notice'),
    ]);
    expect((await stack.client.get(`/v1/cases/${caseNumber}/documents/${done.documents[0].documentId}`, otherUnit)).status).toBe(404);
  }, 90_000);

  // Last: it moves the stack's day past the authorisation's end.
  it('once the authorisation has ended, the agent no longer reaches the case; the person still does', async () => {
    const lin = await citizen(LIN);
    expect((await stack.client.get(`/v1/cases/${agentCase}`, lin)).status).toBe(200);
    stack.setToday('2027-01-01');
    expect((await stack.client.get(`/v1/cases/${agentCase}`, lin)).status).toBe(404);
    expect((await stack.client.get(`/v1/cases/${agentCase}`, await citizen(ZHOU))).status).toBe(200);
    const again = await stack.client.post('/v1/bookings', retiree(ZHOU), lin, key());
    expect(again.status).toBe(403);
    expect(again.body.detail).toContain('ended on 2026-12-31');
  });
});
