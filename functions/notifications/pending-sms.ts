import type { MessageKind } from '../../schemas/dev-messages.ts';
import { maskPhone } from '../domain/mask.ts';

/**
 * The outbox's one item shape for a text message still to be sent. Every writer (booking, the workflow's
 * steps, staff actions, the invitation job) puts this item in the same transaction as the change it reports;
 * the drain finds pending items through the sparse status index and, once the provider accepted one, removes
 * `status` so the item leaves the index and records `sentAt`. Written by hand because the index layout is ours.
 */
export const SMS_PENDING = 'OUTBOX#sms';

export interface PendingSms {
  kind: MessageKind;
  to: string;
  text: string;
  at: string;
  caseNumber?: string;
}

export function pendingSmsItem(key: { pk: string; sk: string }, m: PendingSms) {
  return {
    ...key,
    channel: 'sms' as const,
    kind: m.kind,
    to: m.to,
    toMasked: maskPhone(m.to),
    text: m.text,
    at: m.at,
    ...(m.caseNumber ? { caseNumber: m.caseNumber } : {}),
    status: SMS_PENDING,
    queueKey: `${m.at}#${key.pk}#${key.sk}`,
  };
}
