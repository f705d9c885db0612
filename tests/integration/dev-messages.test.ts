/**
 * GET /v1/dev/messages through the real stack: what the local SMS sink delivered to one phone number, in the
 * contract's shape (api-v1 "Local development only"), and nothing at all outside dev mode.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevMessageList } from '../../schemas/dev-messages.ts';
import { startTestStack, type TestStack } from './harness.ts';

const CHEN = { idNumber: '441900196610120130', phone: '13810102947' };

/**
 * Starts a citizen's sign-in at the embedded provider, as the site's pages do, and gives the ID number:
 * the provider texts a one-time code to the phone on record.
 */
async function askForSignInCode(baseUrl: string, idNumber: string): Promise<void> {
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(`${baseUrl}/oidc/auth`);
  auth.search = new URLSearchParams({
    client_id: 'retireone-web',
    redirect_uri: `${baseUrl}/`,
    response_type: 'code',
    scope: 'openid',
    state: 'dev-messages-test',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const started = await fetch(auth, { redirect: 'manual' });
  const interaction = new URL(started.headers.get('location') ?? '', baseUrl);
  expect(interaction.pathname).toMatch(/^\/oidc\/interaction\//);
  const cookie = started.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const page = await fetch(`${interaction.href}/code`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ idNumber }),
  });
  expect(page.status).toBe(200);
}

describe('GET /v1/dev/messages (dev mode)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('lists what the SMS sink delivered to that number: a sign-in code is kind sign-in-code, with no case number', async () => {
    const before = Date.now();
    await askForSignInCode(stack.baseUrl, CHEN.idNumber);
    const res = await stack.client.get(`/v1/dev/messages?to=${CHEN.phone}`);
    expect(res.status).toBe(200);
    // Exactly the contract's shape: no field more, none missing.
    expect(DevMessageList.safeParse(res.body).success).toBe(true);
    expect(res.body.messages).toEqual([{ to: CHEN.phone, kind: 'sign-in-code', text: expect.stringMatching(/验证码是 \d{6}/), sentAt: expect.any(String) }]);
    expect(Date.parse(res.body.messages[0].sentAt)).toBeGreaterThanOrEqual(before - 1000);
    // It is what the sink holds, oldest first.
    expect(res.body.messages).toEqual(stack.sms.list(CHEN.phone));

    await askForSignInCode(stack.baseUrl, CHEN.idNumber);
    const again = await stack.client.get(`/v1/dev/messages?to=${CHEN.phone}`);
    expect(again.body.messages).toHaveLength(2);
    expect(again.body.messages[0]).toEqual(res.body.messages[0]);
  });

  it('lists nothing for a number nothing was sent to', async () => {
    const res = await stack.client.get('/v1/dev/messages?to=13900000009');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ messages: [] });
  });

  it('needs `to`, an 11-digit mobile number, and nothing else (400 naming the parameter)', async () => {
    for (const query of ['', '?to=', '?to=12345', '?to=13810102947&kind=sign-in-code']) {
      const res = await stack.client.get(`/v1/dev/messages${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        query,
      ).toEqual([query.includes('kind') ? 'kind' : 'to']);
    }
  });
});

describe('GET /v1/dev/messages (dev mode off)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ devMode: false });
  });
  afterAll(() => stack?.close());

  it('is 404, and the runtime has no message port', async () => {
    await askForSignInCode(stack.baseUrl, CHEN.idNumber);
    expect(stack.sms.list(CHEN.phone)).toHaveLength(1);
    const res = await stack.client.get(`/v1/dev/messages?to=${CHEN.phone}`);
    expect(res.status).toBe(404);
    expect(res.body.messages).toBeUndefined();
    expect(stack.runtime.messages).toBeUndefined();
  });
});
