import type { TimelineEntry } from '../../schemas/case.ts';
import { SENT_NOTE } from './pending-sms.ts';

/** The timeline entry a sent message reports: its time and status. */
export type SentReport = { at: string; status: TimelineEntry['status'] };

/**
 * The timeline as a reader sees it: each entry whose message the provider took says so (SENT_NOTE). Derived from
 * the message items' own `sentAt` when the case is read, not written onto the case by the drain: the note can then
 * never claim a message that did not go, and sending costs no write of the (large) case item. An entry of an older
 * data directory that already carries the note keeps it once.
 */
export function withSentNotes(timeline: readonly TimelineEntry[], sent: readonly SentReport[]): TimelineEntry[] {
  const reported = new Set(sent.map((s) => `${s.at}|${s.status}`));
  return timeline.map((entry) =>
    reported.has(`${entry.at}|${entry.status}`) && !entry.note.endsWith(SENT_NOTE) ? { ...entry, note: `${entry.note}${SENT_NOTE}` } : entry,
  );
}
