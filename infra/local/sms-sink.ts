/**
 * The local hosting's SMS gateway: messages are kept in this process instead of being sent, so a person
 * (or a test) can read what a phone would have received. The AWS hosting delivers through its SMS
 * provider instead. Kept behind this small interface so `GET /v1/dev/messages` can read it without
 * knowing how it stores.
 */
export interface SmsMessage {
  to: string;
  text: string;
  /** What the message is for: `sign-in-code`, `booked`, … (docs: api-v1 "Local development only"). */
  kind: string;
  caseNumber?: string;
  sentAt: string;
}

export interface SmsSink {
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
