/**
 * Guards at the edge, through the real embedded stack: message quotas, the audit of refused access,
 * no audit for cases that do not exist, masked ID numbers in what staff see, a platform's withdrawal
 * recorded as the platform's, and a data directory only its owner can read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const STRANGER = '13900000001';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f), { throwIfNoEntry: false })?.isDirectory() ? [join(dir, f), ...files(join(dir, f))] : [join(dir, f)],
  );
}

describe('edge guards', () => {
  let stack: TestStack;
  let platform: string;
  let supervisor: string;

  beforeAll(async () => {
    stack = await startTestStack({
      clockToday: '2026-11-24',
      messageQuotas: { perNumber: { limit: 2, windowSeconds: 3600 }, perCaller: { limit: 4, windowSeconds: 3600 } },
    });
    platform = await stack.client.token('platform', { name: '粤省事' });
    supervisor = await stack.client.token('supervisor', { name: '科长甲', staffId: 'S001' });
  });
  afterAll(() => stack?.close());

  const book = (person: any, phone: string, token = platform) =>
    stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });

  it('one phone number gets a limited number of messages: the next booking is 429 naming `phone`, with Retry-After, and books nothing', async () => {
    expect((await book(demo[0], STRANGER)).status).toBe(201);
    expect((await book(demo[1], STRANGER)).status).toBe(201);
    const refused = await book(demo[2], STRANGER);
    expect(refused.status).toBe(429);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'phone' })]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    // Nothing was half-written: the person has no open case, so a booking to their own number goes through.
    expect((await book(demo[2], demo[2].phone)).status).toBe(201);
  });

  it('one caller causes a limited number of messages, whatever the numbers; a replay costs nothing', async () => {
    // The platform has caused 3 messages above; its quota is 4.
    const key = crypto.randomUUID();
    const body = { idNumber: demo[3].idNumber, name: demo[3].name, phone: demo[3].phone, channel: 'online' };
    expect((await stack.client.post('/v1/bookings', body, platform, { 'Idempotency-Key': key })).status).toBe(201);
    expect((await stack.client.post('/v1/bookings', body, platform, { 'Idempotency-Key': key })).status).toBe(201);
    const refused = await book(demo[4], demo[4].phone);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another caller is not affected.
    const other = await stack.client.token('platform', { name: '另一平台' });
    expect((await book(demo[4], demo[4].phone, other)).status).toBe(201);
  });

  it('a refused access to a case (401, 403) is on its audit trail', async () => {
    const caseNumber = (await stack.runtime.cases.listByStatus(['BOOKED']))[0]!.caseNumber;
    const citizen = await stack.client.token('citizen', { idNumber: demo[7].idNumber });
    expect((await stack.client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'pre-review', outcome: 'PASS', note: 'x' }, citizen)).status).toBe(403);
    expect((await stack.client.get(`/v1/cases/${caseNumber}`, 'not-a-token')).status).toBe(401);
    const trail = await stack.runtime.audit.trail(caseNumber);
    expect(trail).toContainEqual(expect.objectContaining({ actor: `citizen:${demo[7].idNumber}`, role: 'citizen', action: 'submitReview:refused' }));
    expect(trail).toContainEqual(expect.objectContaining({ actor: 'anonymous', role: 'none', action: 'getCase:refused' }));
  });

  it('a case number that does not exist leaves no audit entry', async () => {
    const ghost = 'RT20261124ZZZZZZ';
    const citizen = await stack.client.token('citizen', { idNumber: demo[8].idNumber });
    expect((await stack.client.get(`/v1/cases/${ghost}`, citizen)).status).toBe(404);
    expect((await stack.client.get(`/v1/cases/${ghost}`, supervisor)).status).toBe(404);
    expect((await stack.client.get(`/v1/cases/${ghost}`)).status).toBe(401);
    expect(await stack.runtime.audit.trail(ghost)).toEqual([]);
  });

  it('staff see ID numbers masked in the timeline; a platform withdrawal is recorded as the platform’s', async () => {
    const person = demo[9];
    const citizen = await stack.client.token('citizen', { idNumber: person.idNumber });
    const booked = await book(person, person.phone, citizen);
    expect(booked.status).toBe(201);
    const caseNumber = booked.body.caseNumber;
    const platformBooked = await book(demo[10], demo[10].phone, await stack.client.token('platform', { name: '粤省事二' }));
    const withdrawn = await stack.client.post(
      `/v1/cases/${platformBooked.body.caseNumber}/withdrawal`,
      {},
      await stack.client.token('platform', { name: '粤省事二' }),
    );
    expect(withdrawn.status).toBe(202);

    const view = (await stack.client.get(`/v1/cases/${caseNumber}`, supervisor)).body;
    expect(view.timeline[0].actor).toBe(`citizen:${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}`);
    expect(JSON.stringify(view.timeline)).not.toContain(person.idNumber);
    const byPlatform = (await stack.client.get(`/v1/cases/${platformBooked.body.caseNumber}`, supervisor)).body;
    const entry = byPlatform.timeline.find((t: any) => t.status === 'WITHDRAWN');
    expect(entry.actor).toBe('platform:粤省事二');
    expect(entry.note).not.toContain('本人');
    expect(entry.note).toContain('粤省事二');
  });

  it('the data directory and everything in it are readable by its owner alone', () => {
    expect(statSync(stack.dataDir).mode & 0o777).toBe(0o700);
    // Seal certificates are public by nature (anyone verifying a document gets them); nothing else may be.
    // A file may go between listing and looking (DynamoDB Local's SQLite journal comes and goes with each write).
    const modeOf = (f: string) => statSync(f, { throwIfNoEntry: false })?.mode ?? 0;
    const exposed = files(stack.dataDir).filter((f) => !f.endsWith('.cert.pem') && (modeOf(f) & 0o077) !== 0);
    expect(files(stack.dataDir).some((f) => f.endsWith('.db'))).toBe(true);
    expect(exposed).toEqual([]);
  });
});

describe('per-caller rate limit on the local server', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ rateLimit: { burst: 5, perSecond: 0.5 } });
  });
  afterAll(() => stack?.close());

  it('a caller past its burst gets 429 with Retry-After; another caller is still served', async () => {
    const token = 'Bearer a-caller-token';
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${stack.baseUrl}/v1/service-centers`, { headers: { authorization: token } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const refused = await fetch(`${stack.baseUrl}/v1/service-centers`, { headers: { authorization: token } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).status).toBe(429);
    const other = await fetch(`${stack.baseUrl}/v1/service-centers`, { headers: { authorization: 'Bearer another-caller' } });
    expect(other.status).not.toBe(429);
  });
});
