import type { DevMessage } from '../../schemas/dev-messages.ts';
import type { SentMessagesPort } from '../../functions/shared/runtime.ts';

/**
 * The local hosting's SMS gateway: messages are kept in this process instead of being sent, so a person
 * (or a test) can read what a phone would have received. The AWS hosting delivers through its SMS
 * provider instead. Kept behind this small interface so `GET /v1/dev/messages` can read it without
 * knowing how it stores. A message is the contract's DevMessage as is: `kind` says what it is for.
 */
export type SmsMessage = DevMessage;

export interface SmsSink extends SentMessagesPort {
  send(message: Omit<SmsMessage, 'sentAt'>): void;
  /** Oldest first; only those sent to `to` when given. */
  list(to?: string): SmsMessage[];
}

/** Bounded, so a long-running demo does not grow without end; the newest messages are what anyone reads. */
const KEEP = 1000;

export function inMemorySmsSink(now: () => Date = () => new Date()): SmsSink {
  const messages: SmsMessage[] = [];
  return {
    send(message) {
      messages.push({ ...message, sentAt: now().toISOString() });
      if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
    },
    list(to) {
      return messages.filter((m) => to === undefined || m.to === to).map((m) => ({ ...m }));
    },
  };
}
