/**
 * Every server of the embedded stack listens on 127.0.0.1 alone: the HTTP server (and the OpenID Provider
 * on it), the S3 server, the department stand-ins and DynamoDB Local, whose jar has no host option of its
 * own. Read from the kernel's socket tables, and proven by dialling this machine's own network address.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningSockets } from '../support/listening-sockets.ts';
import { startTestStack, type TestStack } from './harness.ts';

/** This machine's first address another machine could reach it on, if it has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** Whether a TCP connection to host:port is accepted (a refusal or 1 s of silence is "no"). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      ok(false);
    });
    socket.once('error', () => ok(false));
  });
}

describe('the embedded stack listens on loopback only', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  const portOf = (url: string) => Number(new URL(url).port);

  it('every listening socket of the product and of its DynamoDB Local is bound to 127.0.0.1', () => {
    const sockets = listeningSockets([process.pid, stack.dynamo.pid]);
    // The inventory is complete, or the check below would pass on nothing.
    const ports = sockets.map((s) => s.port);
    for (const port of [portOf(stack.baseUrl), portOf(stack.standins.baseUrl), stack.dynamo.port]) expect(ports).toContain(port);
    expect(sockets.filter((s) => s.pid === stack.dynamo.pid)).not.toEqual([]);
    expect(sockets.filter((s) => s.address !== '127.0.0.1')).toEqual([]);
  });

  it.skipIf(!outside)(`none accepts a connection on this machine's network address (${outside})`, async () => {
    const sockets = listeningSockets([process.pid, stack.dynamo.pid]);
    const open: number[] = [];
    for (const { port } of sockets) if (await accepts(outside as string, port)) open.push(port);
    expect(open).toEqual([]);
    // The dial itself works: the same ports answer on loopback.
    expect(await accepts('127.0.0.1', stack.dynamo.port)).toBe(true);
  });
});
