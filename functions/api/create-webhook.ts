import { randomBytes } from 'node:crypto';
import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { operations } from './routes.ts';

/** https anywhere; plain http only to this machine, and only in local dev mode (the contract's Platform section). */
function allowedTarget(url: URL, loopbackAllowed: boolean): boolean {
  if (url.protocol === 'https:') return true;
  return loopbackAllowed && url.protocol === 'http:' && url.hostname === '127.0.0.1';
}

export const handler = httpHandler(operations.createWebhook, {
  async handle({ body, principal, rt }) {
    const url = new URL(body.url);
    if (!allowedTarget(url, rt.allowLoopbackWebhooks === true) || url.username || url.password) {
      throw new HttpProblem(400, 'Invalid request', 'Webhooks are sent to https addresses only.', [{ path: 'url', message: 'must be an https address' }]);
    }
    const id = `wh_${randomBytes(16).toString('hex')}`;
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    await rt.webhooks.subscribe({
      id,
      owner: principal!.subject,
      url: url.toString(),
      events: [...new Set(body.events)],
      secretSealed: await rt.secrets.seal(secret, { subscription: id }),
      createdAt: rt.clock.now().toISOString(),
    });
    return { status: 201, body: { id, secret } };
  },
});
