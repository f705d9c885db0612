import type { OutgoingSms, SmsSender } from '../notifications/sms-sender.ts';

/**
 * An HTTP SMS gateway (a carrier's or the government platform's): `POST {url}` with `{ id, to, text }` and the
 * message id as `Idempotency-Key` (the same on every attempt of a message), so a message handed over again after a
 * crash is sent once by a gateway that honours the key. Any 2xx is taken; anything else, or no answer in time,
 * throws and the drain tries again later.
 */
export class HttpSmsGateway implements SmsSender {
  readonly deduplicates = true;
  private readonly url: string;
  private readonly timeoutMs: number;

  constructor(opts: { url: string; timeoutMs?: number }) {
    // https, or plain http to this machine's own loopback (a relay beside the product; the adapter's tests).
    if (!opts.url.startsWith('https://') && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(opts.url))
      throw new Error('the SMS gateway must be reached over https');
    this.url = opts.url;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async send(m: OutgoingSms): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': m.id },
      body: JSON.stringify({ id: m.id, to: m.to, text: m.text }),
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  }
}
