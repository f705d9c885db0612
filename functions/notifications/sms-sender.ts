import type { MessageKind } from '../../schemas/dev-messages.ts';

/** One text message as it leaves: `id` is the same on every attempt of it, for a provider that deduplicates. */
export interface OutgoingSms {
  id: string;
  to: string;
  text: string;
  kind: MessageKind;
  caseNumber?: string;
}

/**
 * The notification port: the local SMS sink (infra/local/sms-sink.ts), Amazon SNS (functions/adapters/sns-sms-sender.ts)
 * or an HTTP SMS gateway (functions/adapters/http-sms-gateway.ts). `send` resolves only once the provider took the
 * message; anything else throws, and the drain tries again later.
 */
export interface SmsSender {
  send(message: OutgoingSms): Promise<void>;
  /**
   * Whether the provider delivers a message id once however often it is handed over (the local sink; an HTTP
   * gateway honouring Idempotency-Key). One that cannot (SNS) gets each message at most twice: see functions/sms/drain.ts.
   */
  readonly deduplicates: boolean;
}
