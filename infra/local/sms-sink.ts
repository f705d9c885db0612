import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { DevMessage } from '../../schemas/dev-messages.ts';
import type { SentMessagesPort } from '../../functions/shared/runtime.ts';
import type { OutgoingSms, SmsSender } from '../../functions/notifications/sms-sender.ts';

/**
 * The local hosting's SMS gateway: messages are kept instead of being sent, so a person (or a test) can read what a
 * phone would have received (`GET /v1/dev/messages`). The AWS hosting delivers through its SMS provider instead.
 * A message is the contract's DevMessage as is: `kind` says what it is for.
 *
 * Like a real gateway that takes a client's message id, it delivers a message id once: the outbox drain may hand
 * the same message over again after a crash between "the gateway took it" and "marked sent", and the phone still
 * gets one. With a file, what it delivered outlives the process (a kill -9 loses nothing the kernel was given), so a
 * restarted product neither forgets nor repeats a message. Written by hand: it is a stand-in for a provider.
 */
export type SmsMessage = DevMessage;

export interface SmsSink extends SentMessagesPort {
  /** Delivers unless a message with this `id` was delivered before; false when it was (nothing is added). */
  send(message: Omit<SmsMessage, 'sentAt'>, id?: string): boolean;
  /** Oldest first; only those sent to `to` when given. */
  list(to?: string): SmsMessage[];
  /** The notification port over this sink (functions/notifications/sms-sender.ts), for the outbox drain. */
  sender: SmsSender;
}

/** Bounded, so a long-running demo does not grow without end; the newest messages are what anyone reads. */
const KEEP = 1000;

type Line = SmsMessage & { id?: string };

/** `file`: where delivered messages are kept across restarts (DATA_DIR/sms-sink.jsonl); in memory only without. */
export function localSmsSink(opts: { file?: string; now?: () => Date } = {}): SmsSink {
  const { file } = opts;
  const now = opts.now ?? (() => new Date());
  const messages: SmsMessage[] = [];
  const delivered = new Set<string>();
  const keep = (line: Line) => {
    const { id, ...message } = line;
    if (id) delivered.add(id);
    messages.push(message);
    if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
  };
  if (file && existsSync(file)) {
    const kept = readFileSync(file, 'utf8');
    // End a line cut short, so the next message starts a line of its own.
    if (kept && !kept.endsWith('\n')) appendFileSync(file, '\n');
    for (const text of kept.split('\n')) {
      if (!text) continue;
      // A line cut short by a kill was never delivered: the drain hands that message over again.
      const { id, ...rest } = safeJson(text) ?? {};
      const message = DevMessage.safeParse(rest);
      if (message.success) keep({ ...message.data, ...(typeof id === 'string' ? { id } : {}) });
    }
  }
  const sink: SmsSink = {
    send(message, id) {
      if (id && delivered.has(id)) return false;
      const line: Line = { ...message, sentAt: now().toISOString(), ...(id ? { id } : {}) };
      if (file) appendFileSync(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
      keep(line);
      return true;
    },
    list(to) {
      return messages.filter((m) => to === undefined || m.to === to).map((m) => ({ ...m }));
    },
    sender: {
      deduplicates: true,
      async send(m: OutgoingSms) {
        sink.send({ to: m.to, text: m.text, kind: m.kind, ...(m.caseNumber ? { caseNumber: m.caseNumber } : {}) }, m.id);
      },
    },
  };
  return sink;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
