/**
 * The HTTP SMS gateway adapter against a real HTTP server on loopback, playing a gateway that honours
 * Idempotency-Key: every attempt of a message carries its id as the key, so a message handed over again after a
 * crash is sent once; a refusal or no answer in time throws, so the drain keeps the message.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSmsGateway } from '../../../functions/adapters/http-sms-gateway.ts';

interface Received {
  key: string | undefined;
  contentType: string | undefined;
  body: any;
}

describe('HttpSmsGateway', () => {
  let server: Server;
  let url = '';
  const received: Received[] = [];
  /** What the toy gateway delivered: one per Idempotency-Key, as a gateway that honours it does. */
  const delivered = new Map<string, any>();
  let answer: 'ok' | 'refuse' | 'hang' | 'redirect' = 'ok';

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => resolve(text));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const body = JSON.parse(await read(req));
      const key = req.headers['idempotency-key'] as string | undefined;
      received.push({ key, contentType: req.headers['content-type'], body });
      if (answer === 'hang') return; // never answers
      if (answer === 'refuse') return void res.writeHead(503).end();
      if (answer === 'redirect') return void res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
      if (key && !delivered.has(key)) delivered.set(key, body);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const message = { id: 'RT20261124K3Q9MZ/submitted#1', to: '13810102947', text: '【退休一件事】您的退休申请已提交。', kind: 'submitted' as const };

  it('posts the message with its id as Idempotency-Key, the same on every attempt, so a resend is delivered once', async () => {
    answer = 'ok';
    const gateway = new HttpSmsGateway({ url });
    expect(gateway.deduplicates).toBe(true);
    await gateway.send(message);
    await gateway.send(message); // handed over again after a crash before "marked sent"
    await gateway.send({ ...message, id: 'RT20261124K3Q9MZ/decided#5', text: '【退休一件事】已审核通过。', kind: 'decided' });
    expect(received.map((r) => r.key)).toEqual([message.id, message.id, 'RT20261124K3Q9MZ/decided#5']);
    expect(received[0]).toMatchObject({ contentType: 'application/json', body: { id: message.id, to: message.to, text: message.text } });
    expect([...delivered.keys()]).toEqual([message.id, 'RT20261124K3Q9MZ/decided#5']);
  });

  it('throws when the gateway refuses, does not answer in time, or redirects, so the drain tries again later', async () => {
    answer = 'refuse';
    await expect(new HttpSmsGateway({ url }).send(message)).rejects.toThrow('SMS gateway answered 503');
    answer = 'hang';
    await expect(new HttpSmsGateway({ url, timeoutMs: 300 }).send(message)).rejects.toThrow();
    answer = 'redirect';
    await expect(new HttpSmsGateway({ url }).send(message)).rejects.toThrow();
  });

  it('is reached over https, or plain http only on this machine’s loopback', () => {
    expect(() => new HttpSmsGateway({ url: 'http://gateway.example.gov.cn/sms' })).toThrow(/https/);
    expect(() => new HttpSmsGateway({ url: 'http://127.0.0.1.example.com/sms' })).toThrow(/https/);
    expect(() => new HttpSmsGateway({ url: 'https://gateway.example.gov.cn/sms' })).not.toThrow();
    expect(() => new HttpSmsGateway({ url: 'http://localhost:8080/sms' })).not.toThrow();
  });
});
