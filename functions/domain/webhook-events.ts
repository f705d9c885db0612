import type { CaseStatus } from '../../schemas/case.ts';
import type { WebhookEventBody, WebhookEventType } from '../../schemas/webhooks.ts';

interface CaseLike {
  caseNumber: string;
  decision?: 'APPROVED' | 'REJECTED';
  timeline: ReadonlyArray<{ at: string; status: CaseStatus }>;
}

export interface CaseEvent {
  /** Stable across retries and re-derivations: the case number and the timeline position. */
  id: string;
  /** Position in the timeline, so whoever turns events into deliveries can remember how far it got. */
  position: number;
  body: WebhookEventBody;
}

const NAMED: Partial<Record<CaseStatus, WebhookEventType>> = {
  BOOKED: 'case.booked',
  SUBMITTED: 'case.submitted',
  COMPLETED: 'case.completed',
  WITHDRAWN: 'case.withdrawn',
  EXPIRED: 'case.expired',
};

/**
 * The events a case's timeline tells from position `from` on: one per change of status (an entry that
 * keeps the status, such as a note, is no event). The timeline is written in the same update as each
 * status, so it is the durable record the events come from.
 */
export function caseEvents(record: CaseLike, from = 0): CaseEvent[] {
  const events: CaseEvent[] = [];
  record.timeline.forEach((entry, i) => {
    if (i < from) return;
    if (i > 0 && record.timeline[i - 1]?.status === entry.status) return;
    const type = NAMED[entry.status] ?? 'case.status_changed';
    events.push({
      id: `evt_${record.caseNumber}_${i}`,
      position: i,
      body: {
        type,
        timestamp: entry.at,
        data: {
          caseNumber: record.caseNumber,
          status: entry.status,
          ...(entry.status === 'COMPLETED' && record.decision ? { decision: record.decision } : {}),
        },
      },
    });
  });
  return events;
}

/**
 * When a failed delivery is tried again: doubling from `baseMs`, capped at an hour; `undefined` once the
 * event is older than the 24 hours the contract promises (then it is given up, and kept as FAILED).
 */
export function nextAttemptAt(createdAt: number, attempts: number, now: number, baseMs: number): number | undefined {
  const HOUR = 3600_000;
  const next = now + Math.min(HOUR, baseMs * 2 ** Math.max(0, attempts - 1));
  return next - createdAt > 25 * HOUR ? undefined : next;
}
