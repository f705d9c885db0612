import type { OutgoingSms, SmsSender } from '../../functions/notifications/sms-sender.ts';

/**
 * A provider stand-in that keeps every message it is handed. With `deduplicates`, it is like an HTTP gateway that
 * drops a second copy by its id. Without it, it is like SNS, which delivers every copy.
 */
export function recordingSmsProvider(deduplicates: boolean): SmsSender & { handed: OutgoingSms[] } {
  const handed: OutgoingSms[] = [];
  return {
    deduplicates,
    handed,
    async send(m) {
      handed.push(m);
    },
  };
}
