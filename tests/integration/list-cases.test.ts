/**
 * GET /v1/cases through the real embedded stack: a citizen finds their own cases again without the case
 * number — newest first, with status and decision — and never anyone else's; the platform and staff, who
 * have no "own" cases, are refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // approved: statutory 2027-04
const WANG = demo.get('441900196609300193');

describe('GET /v1/cases: the caller’s own cases', () => {
  let stack: TestStack;
  let chen: string;
  let wang: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-15' });
    chen = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    wang = await stack.client.token('citizen', { idNumber: WANG.idNumber });
  });
  afterAll(() => stack?.close());

  const book = async (person: any, token: string) => {
    const res = await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(res.status).toBe(201);
    return res.body.caseNumber as string;
  };
  const list = async (token: string) => {
    const res = await stack.client.get('/v1/cases', token);
    expect(res.status).toBe(200);
    return res.body.cases as any[];
  };

  it('is empty for a person who never booked', async () => {
    const nobody = await stack.client.token('citizen', { idNumber: demo.get('441900197606210189').idNumber });
    expect(await list(nobody)).toEqual([]);
  });

  it('lists every case of the caller, newest first, with status, decision and createdAt, and none of another person', async () => {
    // 陈志明: one case completed (approved), one withdrawn, one still open — booked one after another.
    const completed = await bookAndSubmit(stack.client, chen, CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    await stack.client.waitForCase(completed, chen, (c) => c.status === 'COMPLETED', 40_000);
    const withdrawn = await book(CHEN, chen);
    expect((await stack.client.post(`/v1/cases/${withdrawn}/withdrawal`, {}, chen)).status).toBe(202);
    const open = await book(CHEN, chen);
    // 王建华 has a case of his own at the same time.
    const other = await book(WANG, wang);

    const mine = await list(chen);
    expect(mine.map((c) => c.caseNumber)).toEqual([open, withdrawn, completed]);
    expect(mine.map((c) => c.status)).toEqual(['BOOKED', 'WITHDRAWN', 'COMPLETED']);
    expect(mine[2].decision).toBe('APPROVED');
    expect(mine[0]).not.toHaveProperty('decision');
    for (const c of mine) {
      expect(Object.keys(c).sort()).toEqual(c.decision ? ['caseNumber', 'createdAt', 'decision', 'status'] : ['caseNumber', 'createdAt', 'status']);
      const view = (await stack.client.get(`/v1/cases/${c.caseNumber}`, chen)).body;
      expect(view.status).toBe(c.status);
    }
    const created = mine.map((c) => Date.parse(c.createdAt));
    expect(created.every((t) => Number.isFinite(t))).toBe(true);
    expect([...created].sort((a, b) => b - a)).toEqual(created);

    expect(mine.map((c) => c.caseNumber)).not.toContain(other);
    expect((await list(wang)).map((c) => c.caseNumber)).toEqual([other]);
  }, 90_000);

  it('follows the case as it moves on', async () => {
    const [open] = await list(chen);
    expect(open.status).toBe('BOOKED');
    expect((await stack.client.post(`/v1/cases/${open.caseNumber}/withdrawal`, {}, chen)).status).toBe(202);
    expect((await list(chen))[0]).toMatchObject({ caseNumber: open.caseNumber, status: 'WITHDRAWN' });
  });

  it('answers only a citizen: the platform and staff are refused (403), no token is 401', async () => {
    for (const role of ['platform', 'pre-review', 'supervisor'] as const) {
      const token = await stack.client.token(role, { name: `${role}-1`, staffId: role === 'platform' ? undefined : 'S-1' });
      const res = await stack.client.get('/v1/cases', token);
      expect(res.status, role).toBe(403);
      expect(res.body).not.toHaveProperty('cases');
    }
    expect((await stack.client.get('/v1/cases')).status).toBe(401);
  });

  it('takes no query: one naming another person is a 400 naming it, never their cases', async () => {
    const res = await stack.client.get(`/v1/cases?idNumber=${WANG.idNumber}`, chen);
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('cases');
    expect(JSON.stringify(res.body.errors)).toContain('idNumber');
  });
});
