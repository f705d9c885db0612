import { Webhook } from 'standardwebhooks';
import type { SecretBox } from '../adapters/secret-box.ts';
import type { StoredSubscription } from '../adapters/webhook-store.ts';
import { nextAttemptAt } from '../domain/webhook-events.ts';
import type { Runtime } from '../shared/runtime.ts';
import { logger } from '../shared/logger.ts';

export interface DeliveryOptions {
  /** First retry after this long, doubling (capped at an hour) for the 24 hours the contract promises. */
  retryBaseMs: number;
  /** How long an attempt holds its delivery before another dispatcher may try it. */
  leaseMs?: number;
  timeoutMs?: number;
}

/**
 * Sends what is due from the outbox, each signed per Standard Webhooks (signing with the `standardwebhooks`
 * package): `webhook-id` is the event's id on every attempt, `webhook-timestamp` the attempt's time. A 2xx
 * answer is delivered; anything else (or no answer) is tried again later with backoff.
 */
// Opened once per container and subscription: a KMS call per delivery would cost more than the delivery.
const openedSecrets = new Map<string, Promise<string>>();

function signingSecret(secrets: SecretBox, s: StoredSubscription): Promise<string> {
  const cacheKey = `${s.id}\u0000${s.secretSealed}`;
  let secret = openedSecrets.get(cacheKey);
  if (!secret) {
    secret = secrets.open(s.secretSealed, { subscription: s.id });
    secret.catch(() => openedSecrets.delete(cacheKey));
    openedSecrets.set(cacheKey, secret);
  }
  return secret;
}

export async function deliverDue(
  rt: Pick<Runtime, 'webhooks' | 'secrets'>,
  subscriptionList: readonly StoredSubscription[],
  opts: DeliveryOptions,
  now = Date.now(),
): Promise<number> {
  const due = await rt.webhooks.due(now);
  if (due.length === 0) return 0;
  const subscriptions = new Map(subscriptionList.map((s) => [s.id, s]));
  let delivered = 0;
  await Promise.all(
    due.map(async (d) => {
      if (!(await rt.webhooks.claim(d, now, opts.leaseMs ?? 30_000))) return;
      const s = subscriptions.get(d.subscriptionId);
      if (!s) return rt.webhooks.settle(d, { delivered: false, error: 'subscription removed' });
      const payload = JSON.stringify(d.body);
      const at = new Date();
      let error: string;
      try {
        const secret = await signingSecret(rt.secrets, s);
        const res = await fetch(s.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': d.eventId,
            'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
            'webhook-signature': new Webhook(secret).sign(d.eventId, at, payload),
          },
          body: payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        await res.body?.cancel();
        if (res.ok) {
          await rt.webhooks.settle(d, { delivered: true });
          delivered++;
          return;
        }
        error = `answered ${res.status}`;
      } catch (err) {
        error = (err as Error).message;
      }
      const retryAt = nextAttemptAt(d.queuedAtMs, d.attempts + 1, Date.now(), opts.retryBaseMs);
      logger.warn(
        { subscription: d.subscriptionId, event: d.eventId, attempts: d.attempts + 1, error, gaveUp: retryAt === undefined },
        'webhook not delivered',
      );
      await rt.webhooks.settle(d, { delivered: false, retryAt, error });
    }),
  );
  return delivered;
}
