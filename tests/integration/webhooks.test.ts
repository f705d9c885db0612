/**
 * The government platform hears of every change without polling: it subscribes, and a receiver on
 * 127.0.0.1 gets each status change of the cases it booked, signed per Standard Webhooks (checked with the
 * `standardwebhooks` package, as the README's example receiver does). A receiver that fails for a while
 * gets them all once it recovers, under the same `webhook-id`; another platform hears nothing of them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { makeLocalDocumentClient } from '../../infra/local/dynamodb-local.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // statutory 2027-04, everything passes

interface Received {
  id: string;
  body: any;
  verified: boolean;
}

/** A receiver that answers 503 to its first `failures` requests, then 204; it verifies every signature. */
async function receiver(failures: number): Promise<{ url: string; attempts: Received[]; setSecret(s: string): void; close(): Promise<void> }> {
  let secret = '';
  let left = failures;
  const attempts: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const payload = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        new Webhook(secret).verify(payload, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      attempts.push({ id: String(req.headers['webhook-id']), body: JSON.parse(payload), verified });
      res.writeHead(left-- > 0 ? 503 : 204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    attempts,
    setSecret: (s) => {
      secret = s;
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

describe('webhooks', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-20', webhookIntervalMs: 100, webhookRetryBaseMs: 200 });
  });
  afterAll(() => stack?.close());

  it('a platform receives every status change of its case, each signed; failed deliveries are retried under the same webhook-id', async () => {
    const { client } = stack;
    const platform = await client.token('platform', { name: '粤省事' });
    const other = await client.token('platform', { name: '另一平台' });
    const mine = await receiver(3);
    const theirs = await receiver(0);
    const created = await client.post(
      '/v1/platform/webhooks',
      { url: mine.url, events: ['case.booked', 'case.submitted', 'case.status_changed', 'case.completed'] },
      platform,
    );
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    mine.setSecret(created.body.secret);
    const otherSub = await client.post('/v1/platform/webhooks', { url: theirs.url, events: ['case.booked', 'case.completed'] }, other);
    expect(otherSub.status).toBe(201);
    theirs.setSecret(otherSub.body.secret);

    const booked = await client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, platform, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber = booked.body.caseNumber;
    const form = applicationFor(CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, platform)).status).toBe(202);
    const done = await client.waitForCase(caseNumber, platform, (c) => c.status === 'COMPLETED', 60_000);

    const statuses = done.timeline.map((t: any) => t.status).filter((s: string, i: number, all: string[]) => i === 0 || all[i - 1] !== s);
    const deadline = Date.now() + 30_000;
    const deliveredIds = () => new Set(mine.attempts.slice(3).map((a) => a.id));
    while (deliveredIds().size < statuses.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    // Delivery order is not promised (a retried event arrives after newer ones): order by timeline position.
    const position = (id: string) => Number(id.split('_').at(-1));
    const delivered = [...new Map(mine.attempts.slice(3).map((a) => [a.id, a])).values()].sort((x, y) => position(x.id) - position(y.id));
    expect(delivered.map((a) => a.body.data.status)).toEqual(statuses);
    expect(delivered.map((a) => a.body.type)).toEqual(
      statuses.map((s: string) => ({ BOOKED: 'case.booked', SUBMITTED: 'case.submitted', COMPLETED: 'case.completed' })[s] ?? 'case.status_changed'),
    );
    expect(delivered.at(-1)!.body.data).toEqual({ caseNumber, status: 'COMPLETED', decision: 'APPROVED' });
    expect(mine.attempts.every((a) => a.verified)).toBe(true);
    // The three refused attempts were tried again under the same ids: nothing lost, nothing new invented.
    for (const failed of mine.attempts.slice(0, 3)) expect(delivered.map((a) => a.id)).toContain(failed.id);
    // Each event reached the receiver with a 2xx once: no attempt after success.
    expect(mine.attempts.slice(3)).toHaveLength(delivered.length);
    // No personal data in any body.
    expect(JSON.stringify(mine.attempts)).not.toContain(CHEN.idNumber);
    expect(theirs.attempts).toEqual([]);

    await mine.close();
    await theirs.close();
  });

  it('lists only its own subscriptions, without secrets; deletes only its own', async () => {
    const { client } = stack;
    const a = await client.token('platform', { name: '平台甲' });
    const b = await client.token('platform', { name: '平台乙' });
    const made = await client.post('/v1/platform/webhooks', { url: 'https://platform.example.gov.cn/hooks', events: ['case.completed'] }, a);
    expect(made.status).toBe(201);
    const listA = await client.get('/v1/platform/webhooks', a);
    expect(listA.body.webhooks.map((w: any) => w.id)).toEqual([made.body.id]);
    expect(JSON.stringify(listA.body)).not.toContain('whsec_');
    expect((await client.get('/v1/platform/webhooks', b)).body.webhooks).toEqual([]);
    expect((await client.request('DELETE', `/v1/platform/webhooks/${made.body.id}`, { token: b })).status).toBe(404);
    expect((await client.request('DELETE', `/v1/platform/webhooks/${made.body.id}`, { token: a })).status).toBe(204);
    expect((await client.get('/v1/platform/webhooks', a)).body.webhooks).toEqual([]);
  });

  it('stores the signing secret only encrypted: the table never holds it in the clear', async () => {
    const { client } = stack;
    const platform = await client.token('platform', { name: '平台丁' });
    const made = await client.post('/v1/platform/webhooks', { url: 'https://platform.example.gov.cn/hooks', events: ['case.completed'] }, platform);
    expect(made.status).toBe(201);
    const secret = made.body.secret as string;
    const db = makeLocalDocumentClient(stack.dynamo.endpoint);
    const { Items } = await db.send(
      new QueryCommand({ TableName: 'retireone-cases', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'WEBHOOKS' } }),
    );
    const stored = Items!.find((i) => i.sk === made.body.id)!;
    expect(stored.secret).toBeUndefined();
    expect(stored.secretSealed).toMatch(/^v1\.local\./);
    expect(JSON.stringify(Items)).not.toContain(secret.slice('whsec_'.length));
    // Sealed to its own subscription: it opens there, and only there.
    expect(await stack.runtime.secrets.open(stored.secretSealed, { subscription: made.body.id })).toBe(secret);
    await expect(stack.runtime.secrets.open(stored.secretSealed, { subscription: 'wh_other' })).rejects.toThrow();
  });

  it('refuses a plain-http target other than this machine, and citizens', async () => {
    const { client } = stack;
    const platform = await client.token('platform', { name: '平台丙' });
    const refused = await client.post('/v1/platform/webhooks', { url: 'http://platform.example.gov.cn/hooks', events: ['case.booked'] }, platform);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'url' })]);
    const citizen = await client.token('citizen', { idNumber: CHEN.idNumber });
    expect((await client.post('/v1/platform/webhooks', { url: 'https://x.example/h', events: ['case.booked'] }, citizen)).status).toBe(403);
  });
});
