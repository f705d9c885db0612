import type { CaseStatus } from '../../schemas/case.ts';
import type { MessageKind } from '../../schemas/dev-messages.ts';
import { maskPhone } from '../domain/mask.ts';

/**
 * The outbox's one item shape for a text message still to be sent. Every writer (booking, the workflow's
 * steps, staff actions, the invitation job) puts this item in the same transaction as the change it reports;
 * the drain finds pending items through the sparse status index and, once the provider accepted one, removes
 * `status` so the item leaves the index and records `sentAt`. Written by hand because the index layout is ours.
 */
export const SMS_PENDING = 'OUTBOX#sms';
/** Given up after the retries (the provider refused it for a day): kept in the index, apart, for staff to see. */
export const SMS_FAILED = 'OUTBOX#sms-failed';
/**
 * Every message item lives under its own partitions, never under a case's: the drain may then change these
 * items whole (`dynamodb:LeadingKeys` `SMS#*`) without any right to a case's status.
 */
export const SMS_PREFIX = 'SMS#';

export const smsKeys = {
  /**
   * A case's message of a kind; `occurrence` tells repeated stages apart (a second supplement request, a second
   * manual review): the index of the timeline entry the message reports, unique within the case and the same for
   * a replay of the same write, which then fails as a whole with its status condition.
   */
  forCase: (caseNumber: string, kind: MessageKind, occurrence?: number) => ({
    pk: `${SMS_PREFIX}${caseNumber}`,
    sk: occurrence === undefined ? kind : `${kind}#${occurrence}`,
  }),
  /** One invitation per person, ever: the item itself is the guard. */
  invitation: (idNumber: string) => ({ pk: `${SMS_PREFIX}INVITE#${idNumber}`, sk: 'invitation' }),
};

/** Said on the timeline entry a message reports, once the provider took the message (never before). */
export const SENT_NOTE = '，已短信通知';

export interface PendingSms {
  kind: MessageKind;
  to: string;
  text: string;
  at: string;
  caseNumber?: string;
  /** The timeline entry the message reports (its `at` and `status`): annotated with SENT_NOTE once sent. */
  entry?: { at: string; status: CaseStatus };
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
    ...(m.entry ? { entry: m.entry } : {}),
    attempts: 0,
    status: SMS_PENDING,
    queueKey: `${m.at}#${key.pk}#${key.sk}`,
  };
}

/** The timeline entry a message reports, and its place in the case's timeline. */
export type ReportedEntry = { at: string; status: CaseStatus; index: number };

/**
 * The usual case: a stage's message about one case, written in the same write as the timeline entry it reports
 * (or, without `entry`, a message that reports none, once per case and kind: the deadline reminder).
 */
export function caseSms(record: { caseNumber: string; phone: string }, kind: MessageKind, text: string, at: string, entry?: ReportedEntry) {
  return pendingSmsItem(smsKeys.forCase(record.caseNumber, kind, entry?.index), {
    kind,
    to: record.phone,
    text,
    at,
    caseNumber: record.caseNumber,
    ...(entry ? { entry: { at: entry.at, status: entry.status } } : {}),
  });
}
