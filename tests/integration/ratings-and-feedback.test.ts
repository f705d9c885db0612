/**
 * 好差评 and 办不成事 through the real stack: a completed case is rated once (also when two ratings race), the
 * counters the staff dashboard reads follow, and anyone may write to the feedback channel that staff read,
 * newest first, with contacts masked.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingsSummary } from '../../functions/adapters/rating-store.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
// 陈志明: approved in 2027-04 with every department passing (tests/support/demo-scenarios.ts).
const person = demo.find((c) => c.idNumber === '441900196610120130');
const retirement = { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 };

describe('ratings and feedback', () => {
  let stack: TestStack;
  let citizen: string;
  let staff: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-15' });
    citizen = await stack.client.token('citizen', { idNumber: person.idNumber });
    staff = await stack.client.token('pre-review', { name: '预审员甲', staffId: 'staff-001' });
  });
  afterAll(() => stack?.close());

  /** A fresh COMPLETED case of 陈志明 (his earlier one is closed by then, so he may book again). */
  async function completedCase(): Promise<string> {
    const caseNumber = await bookAndSubmit(stack.client, citizen, person, retirement);
    await stack.client.waitForCase(caseNumber, citizen, (c) => c.status === 'COMPLETED');
    return caseNumber;
  }
  const rate = (caseNumber: string, body: unknown, token = citizen, headers?: Record<string, string>) =>
    stack.client.post(`/v1/cases/${caseNumber}/rating`, body, token, headers);
  const namedPaths = (res: { body: any }) => (res.body?.errors ?? []).map((e: any) => e.path);

  describe('rating a case', () => {
    let caseNumber: string;
    beforeAll(async () => {
      caseNumber = await completedCase();
    });

    it('refuses a score that is not a whole number from 1 to 5, naming score', async () => {
      for (const score of [0, 6, 2.5, '5', null]) {
        const res = await rate(caseNumber, { score });
        expect(res.status, JSON.stringify(score)).toBe(400);
        expect(namedPaths(res), JSON.stringify(score)).toContain('score');
      }
      expect(namedPaths(await rate(caseNumber, {}))).toContain('score');
      expect(namedPaths(await rate(caseNumber, { score: 5, stars: 5 })).length).toBeGreaterThan(0);
      expect(namedPaths(await rate(caseNumber, { score: 5, comment: 'ok\u0007' }))).toContain('comment');
    });

    it('rates a completed case once; the view shows it and a second rating is 409', async () => {
      const first = await rate(caseNumber, { score: 5, comment: '  一次办好，非常满意  ' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ caseNumber, rating: { score: 5, comment: '一次办好，非常满意' } });
      const view = (await stack.client.get(`/v1/cases/${caseNumber}`, citizen)).body;
      expect(view.rating).toEqual(first.body.rating);
      // Rating is not a status change: nothing joins the timeline (each entry would become a webhook event).
      expect(view.timeline.at(-1).status).toBe('COMPLETED');

      const second = await rate(caseNumber, { score: 1 });
      expect(second.status).toBe(409);
      expect((await stack.client.get(`/v1/cases/${caseNumber}`, citizen)).body.rating.score).toBe(5);
    });

    it('replays the first answer for the same Idempotency-Key and body, 422 for another body', async () => {
      const other = await completedCase();
      const key = { 'Idempotency-Key': crypto.randomUUID() };
      const first = await rate(other, { score: 4 }, citizen, key);
      expect(first.status).toBe(201);
      const again = await rate(other, { score: 4 }, citizen, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect((await rate(other, { score: 3 }, citizen, key)).status).toBe(422);
    });

    it('lets exactly one of two concurrent ratings through', async () => {
      const racing = await completedCase();
      const answers = await Promise.all([rate(racing, { score: 2 }), rate(racing, { score: 3 }), rate(racing, { score: 4 })]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      const winner = answers.find((a) => a.status === 201)!;
      expect((await stack.client.get(`/v1/cases/${racing}`, citizen)).body.rating.score).toBe(winner.body.rating.score);
    });

    it('lets one of many concurrent writes land even past the handler’s first look (the condition is in the write)', async () => {
      const racing = await completedCase();
      const at = new Date().toISOString();
      const results = await Promise.all([1, 2, 3, 4, 5].map((score) => stack.runtime.ratings.rate(racing, { score, ratedAt: at })));
      expect(results.filter((r) => r === 'rated')).toHaveLength(1);
      expect(results.filter((r) => r === 'refused')).toHaveLength(4);
    });

    it('counts every rating once in the summary the staff dashboard reads', async () => {
      const summary = await ratingsSummary(stack.runtime.ratings);
      // 5, 4, the winner of the HTTP race (2, 3 or 4) and of the store race (1 to 5): four ratings.
      expect(summary.count).toBe(4);
      expect(summary.average).toBeGreaterThanOrEqual((5 + 4 + 2 + 1) / 4 - 0.01);
      expect(summary.average).toBeLessThanOrEqual((5 + 4 + 4 + 5) / 4 + 0.01);
    });

    it('refuses a case that is not completed (409), another person’s case (404) and staff (403)', async () => {
      const open = (
        await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, citizen, {
          'Idempotency-Key': crypto.randomUUID(),
        })
      ).body.caseNumber as string;
      const notDone = await rate(open, { score: 5 });
      expect(notDone.status).toBe(409);
      expect(notDone.body.detail).toMatch(/BOOKED/);

      const stranger = await stack.client.token('citizen', { idNumber: '11010519650312003X' });
      expect((await rate(caseNumber, { score: 1 }, stranger)).status).toBe(404);
      expect((await rate(caseNumber, { score: 1 }, staff)).status).toBe(403);
      expect((await stack.client.post(`/v1/cases/${caseNumber}/rating`, { score: 1 })).status).toBe(401);
      await stack.client.post(`/v1/cases/${open}/withdrawal`, {}, citizen);
    });
  });

  describe('the 办不成事 channel', () => {
    const send = (body: unknown, token?: string) => stack.client.post('/v1/feedback', body, token);

    it('takes a message without a token and from a signed-in citizen, and staff read them newest first, contacts masked', async () => {
      const anonymous = await send({ text: '窗口说材料不全，但没说缺什么', contact: 'chen.zhiming@example.com' });
      expect(anonymous.status).toBe(201);
      expect(anonymous.body.feedbackId).toMatch(/^fb_[0-9a-f]{24}$/);
      await new Promise((r) => setTimeout(r, 5)); // distinct receivedAt instants
      const signedIn = await send({ caseNumber: 'RT20270315ABCDEF', text: '公积金提取一直显示处理中', contact: '13810102947' }, citizen);
      expect(signedIn.status).toBe(201);

      const list = await stack.client.get('/v1/staff/feedback', staff);
      expect(list.status).toBe(200);
      const ids = list.body.feedback.map((f: any) => f.feedbackId);
      expect(ids.indexOf(signedIn.body.feedbackId)).toBeLessThan(ids.indexOf(anonymous.body.feedbackId));
      const [newer, older] = [signedIn, anonymous].map((r) => list.body.feedback.find((f: any) => f.feedbackId === r.body.feedbackId));
      expect(newer).toMatchObject({ caseNumber: 'RT20270315ABCDEF', text: '公积金提取一直显示处理中', contact: '138****2947', from: { role: 'citizen' } });
      expect(newer.from.actor).not.toContain(person.idNumber);
      expect(older.contact).toBe('c***@example.com');
      expect(older.from).toBeUndefined();
      expect(JSON.stringify(list.body)).not.toContain('13810102947');

      // The read is on the FEEDBACK audit trail.
      const trail = await stack.runtime.audit.trail('FEEDBACK');
      expect(trail.some((e) => e.action === 'list-feedback' && e.role === 'pre-review')).toBe(true);
    });

    it('pages with limit and cursor, each message once', async () => {
      for (let i = 0; i < 5; i++) expect((await send({ text: `第 ${i} 条` })).status).toBe(201);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await stack.client.get(`/v1/staff/feedback?limit=2${cursor ? `&cursor=${cursor}` : ''}`, staff);
        expect(res.status).toBe(200);
        expect(res.body.feedback.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.feedback.map((f: any) => f.receivedAt as string));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen.length).toBe(7);
      expect([...seen].sort().reverse()).toEqual(seen);
    });

    it('refuses blank or hidden-character text naming text, a bad contact naming contact, and bad paging', async () => {
      for (const text of ['', '   ', 'a\u200bb', 'x\u0000']) {
        const res = await send({ text });
        expect(res.status, JSON.stringify(text)).toBe(400);
        expect(namedPaths(res)).toContain('text');
      }
      expect(namedPaths(await send({}))).toContain('text');
      expect(namedPaths(await send({ text: '有事', contact: '12345' }))).toContain('contact');
      expect(namedPaths(await send({ text: '有事', caseNumber: 'nope' }))).toContain('caseNumber');
      expect(namedPaths(await stack.client.get('/v1/staff/feedback?limit=0', staff))).toContain('limit');
      expect(namedPaths(await stack.client.get('/v1/staff/feedback?limit=101', staff))).toContain('limit');
      expect(namedPaths(await stack.client.get('/v1/staff/feedback?cursor=bm90LWEtY3Vyc29y', staff))).toContain('cursor');
    });

    it('refuses a token that is sent but not valid (401), and the list to citizens (403) and to no one (401)', async () => {
      expect((await send({ text: '有事' }, 'not-a-token')).status).toBe(401);
      expect((await stack.client.get('/v1/staff/feedback', citizen)).status).toBe(403);
      expect((await stack.client.get('/v1/staff/feedback')).status).toBe(401);
      // Refused reads are on the FEEDBACK trail too.
      const trail = await stack.runtime.audit.trail('FEEDBACK');
      expect(trail.some((e) => e.action === 'listFeedback:refused' && e.role === 'citizen')).toBe(true);
      expect(trail.some((e) => e.action === 'listFeedback:refused' && e.role === 'none')).toBe(true);
    });
  });
});
