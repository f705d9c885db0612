/**
 * Booking through the real embedded stack: idempotency, the one-open-case rule and slot capacity
 * under concurrency, channel rules, and who may book for whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type ApiResponse, type TestStack } from './harness.ts';

// GB 11643-1999 check digit (ISO 7064 MOD 11-2), written here on purpose: not the product's.
function mod112(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}
let sequence = 100;
/** A fresh, valid synthetic ID number (Dongguan region, born 1968), never seen by the departments. */
function syntheticId(): string {
  const first17 = `441900${1968}${String((sequence % 12) + 1).padStart(2, '0')}${String((sequence % 28) + 1).padStart(2, '0')}${String(sequence++ % 1000).padStart(3, '0')}`;
  return first17 + mod112(first17);
}

const booking = (idNumber: string, extra: Record<string, unknown> = {}) => ({ idNumber, name: '测试人', phone: '13900000001', channel: 'online', ...extra });
const CASE_NUMBER = /^RT\d{8}[0-9A-HJKMNP-TV-Z]{6}$/;

function expectProblem(res: ApiResponse, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
}
const paths = (res: ApiResponse) => (res.body.errors ?? []).map((e: { path: string }) => e.path);

describe('bookings', () => {
  let stack: TestStack;
  let platform: string;

  beforeAll(async () => {
    stack = await startTestStack();
    platform = await stack.client.token('platform', { name: 'gov-platform' });
  });
  afterAll(() => stack?.close());

  it('the check digit generator agrees with a known demo ID number', () => {
    // 441900196610120130 is in fixtures/citizens.json and documented there as valid.
    expect(mod112('44190019661012013')).toBe('0');
  });

  describe('Idempotency-Key', () => {
    it('same key and same body → the same case number, 201 both times', async () => {
      const id = syntheticId();
      const token = await stack.client.token('citizen', { idNumber: id });
      const key = crypto.randomUUID();
      const first = await stack.client.post('/v1/bookings', booking(id), token, { 'Idempotency-Key': key });
      const second = await stack.client.post('/v1/bookings', booking(id), token, { 'Idempotency-Key': key });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body.caseNumber).toMatch(CASE_NUMBER);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
    });

    it('the same body with its keys in another order counts as the same body', async () => {
      const id = syntheticId();
      const key = crypto.randomUUID();
      const body = booking(id);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
      const first = await stack.client.post('/v1/bookings', body, platform, { 'Idempotency-Key': key });
      const second = await stack.client.post('/v1/bookings', reordered, platform, { 'Idempotency-Key': key });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      expect(second.body.caseNumber).toBe(first.body.caseNumber);
    });

    it('same key with another body → 422 problem+json', async () => {
      const id = syntheticId();
      const key = crypto.randomUUID();
      const first = await stack.client.post('/v1/bookings', booking(id), platform, { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      const other = await stack.client.post('/v1/bookings', booking(id, { phone: '13900000002' }), platform, { 'Idempotency-Key': key });
      expectProblem(other, 422);
      // The first booking stands untouched.
      const c = await stack.client.get(`/v1/cases/${first.body.caseNumber}`, platform);
      expect(c.status).toBe(200);
    });

    it('20 concurrent requests with the SAME key → all return the same case number', async () => {
      const id = syntheticId();
      const key = crypto.randomUUID();
      const results = await Promise.all(Array.from({ length: 20 }, () => stack.client.post('/v1/bookings', booking(id), platform, { 'Idempotency-Key': key })));
      for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(201);
      const numbers = new Set(results.map((r) => r.body.caseNumber));
      expect(numbers.size).toBe(1);
      expect([...numbers][0]).toMatch(CASE_NUMBER);
    });
  });

  describe('one open case per person', () => {
    it('20 concurrent bookings with different keys → one 201, nineteen 409 naming that case', async () => {
      const id = syntheticId();
      const token = await stack.client.token('citizen', { idNumber: id });
      const results = await Promise.all(
        Array.from({ length: 20 }, () => stack.client.post('/v1/bookings', booking(id), token, { 'Idempotency-Key': crypto.randomUUID() })),
      );
      const created = results.filter((r) => r.status === 201);
      const conflicts = results.filter((r) => r.status === 409);
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body))).toEqual([
        201,
        ...Array(19).fill(409),
      ]);
      const caseNumber = created[0].body.caseNumber as string;
      expect(caseNumber).toMatch(CASE_NUMBER);
      for (const r of conflicts) {
        expectProblem(r, 409);
        expect(r.body.caseNumber).toBe(caseNumber);
        expect(r.body.detail).toContain(caseNumber);
      }
      const c = await stack.client.get(`/v1/cases/${caseNumber}`, token);
      expect(c.status).toBe(200);
      expect(c.body.caseNumber).toBe(caseNumber);
    });
  });

  describe('window bookings and slots', () => {
    let centerId: string;
    let slots: any[];

    beforeAll(async () => {
      const centers = await stack.client.get('/v1/service-centers');
      expect(centers.status).toBe(200);
      expect(centers.body.length).toBeGreaterThan(0);
      centerId = centers.body[0].id;
      // 2026-11-25 is a Wednesday, the day after "today".
      const res = await stack.client.get(`/v1/service-centers/${encodeURIComponent(centerId)}/slots?date=2026-11-25`);
      expect(res.status).toBe(200);
      slots = res.body;
      expect(slots.length).toBeGreaterThanOrEqual(3);
    });

    it('window channel without slotId → 400 naming slotId', async () => {
      const res = await stack.client.post('/v1/bookings', booking(syntheticId(), { channel: 'window' }), platform);
      expectProblem(res, 400);
      expect(paths(res)).toContain('slotId');
    });

    it('a slot id that does not exist → 400 naming slotId', async () => {
      for (const slotId of [`${centerId}_20261125_0815`, 'no-such-slot', `${centerId}_20261128_0900` /* Saturday */]) {
        const res = await stack.client.post('/v1/bookings', booking(syntheticId(), { channel: 'window', slotId }), platform);
        expectProblem(res, 400);
        expect(paths(res)).toContain('slotId');
      }
    });

    it('N + 5 people booking a slot of capacity N at once → exactly N succeed, the rest 409, none remaining', async () => {
      const slot = slots[0];
      expect(slot.remaining).toBe(slot.capacity);
      const n = slot.capacity as number;
      expect(n).toBeGreaterThan(0);
      const people = Array.from({ length: n + 5 }, () => syntheticId());
      const results = await Promise.all(
        people.map((id) =>
          stack.client.post('/v1/bookings', booking(id, { channel: 'window', slotId: slot.slotId }), platform, { 'Idempotency-Key': crypto.randomUUID() }),
        ),
      );
      const ok = results.filter((r) => r.status === 201);
      const full = results.filter((r) => r.status === 409);
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body))).toEqual([
        ...Array(n).fill(201),
        ...Array(5).fill(409),
      ]);
      for (const r of ok) {
        expect(r.body.channel).toBe('window');
        expect(r.body.slot.slotId).toBe(slot.slotId);
      }
      for (const r of full) {
        expectProblem(r, 409);
        expect(paths(r)).toContain('slotId');
      }
      const after = await stack.client.get(`/v1/service-centers/${encodeURIComponent(centerId)}/slots?date=2026-11-25`);
      const same = after.body.find((s: any) => s.slotId === slot.slotId);
      expect(same.remaining).toBe(0);
      // Other slots of the day are untouched.
      expect(after.body.find((s: any) => s.slotId === slots[1].slotId).remaining).toBe(slots[1].capacity);
    });

    it('a window booking takes one seat and shows the slot', async () => {
      const slot = slots[2];
      const res = await stack.client.post('/v1/bookings', booking(syntheticId(), { channel: 'window', slotId: slot.slotId }), platform);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.slot).toMatchObject({ slotId: slot.slotId, start: slot.start, end: slot.end });
      const after = await stack.client.get(`/v1/service-centers/${encodeURIComponent(centerId)}/slots?date=2026-11-25`);
      expect(after.body.find((s: any) => s.slotId === slot.slotId).remaining).toBe(slot.capacity - 1);
    });
  });

  describe('who may book for whom', () => {
    it('a citizen booking for another ID number → 403', async () => {
      const me = syntheticId();
      const other = syntheticId();
      const token = await stack.client.token('citizen', { idNumber: me });
      const res = await stack.client.post('/v1/bookings', booking(other), token);
      expectProblem(res, 403);
      // Nothing was booked for the other person: the platform can still book them.
      const ok = await stack.client.post('/v1/bookings', booking(other), platform);
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    });

    it('a platform token can book for anyone', async () => {
      for (const id of [syntheticId(), syntheticId()]) {
        const res = await stack.client.post('/v1/bookings', booking(id), platform);
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      }
    });

    it('staff may not book', async () => {
      const staff = await stack.client.token('pre-review', { name: '预审员' });
      expectProblem(await stack.client.post('/v1/bookings', booking(syntheticId()), staff), 403);
    });
  });

  describe('the case after booking', () => {
    it('is BOOKED, deadline = applicationDeadline, four departments PENDING, one timeline entry', async () => {
      const id = syntheticId();
      const token = await stack.client.token('citizen', { idNumber: id });
      const res = await stack.client.post('/v1/bookings', booking(id), token, { 'Idempotency-Key': crypto.randomUUID() });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ status: 'BOOKED', channel: 'online' });
      expect(res.body.applicationDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(res.body.applicationDeadline > '2026-11-24').toBe(true);
      const c = await stack.client.get(`/v1/cases/${res.body.caseNumber}`, token);
      expect(c.status).toBe(200);
      expect(c.body.caseNumber).toBe(res.body.caseNumber);
      expect(c.body.status).toBe('BOOKED');
      expect(c.body.deadline).toBe(res.body.applicationDeadline);
      expect(Object.keys(c.body.departments).sort()).toEqual(['housingFund', 'hr', 'medical', 'tax']);
      for (const d of Object.values<any>(c.body.departments)) expect(d.outcome).toBe('PENDING');
      expect(c.body.timeline).toHaveLength(1);
      expect(c.body.timeline[0].status).toBe('BOOKED');
      expect(c.body.decision).toBeUndefined();
      expect(c.body.documents).toEqual([]);
    });
  });
});
