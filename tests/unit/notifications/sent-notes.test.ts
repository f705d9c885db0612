import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENT_NOTE } from '../../../functions/notifications/pending-sms.ts';
import { withSentNotes } from '../../../functions/notifications/sent-notes.ts';
import type { TimelineEntry } from '../../../schemas/case.ts';

const entry = (at: string, status: TimelineEntry['status'], note: string): TimelineEntry => ({ at, status, actor: 'system', note });
const BOOKED = entry('2026-12-15T01:00:00.000Z', 'BOOKED', '网上预约（本人）');
const SUBMITTED = entry('2026-12-15T01:05:00.000Z', 'SUBMITTED', '申请已提交');
const COMPLETED = entry('2026-12-15T01:06:00.000Z', 'COMPLETED', '已办结');

describe('已短信通知 on the entries whose message went', () => {
  it('says it on exactly the entries a sent message reports, matched by time and status', () => {
    const shown = withSentNotes(
      [BOOKED, SUBMITTED, COMPLETED],
      [
        { at: COMPLETED.at, status: 'COMPLETED' },
        { at: BOOKED.at, status: 'BOOKED' },
      ],
    );
    expect(shown.map((e) => e.note)).toEqual([`${BOOKED.note}${SENT_NOTE}`, SUBMITTED.note, `${COMPLETED.note}${SENT_NOTE}`]);
  });

  it('says nothing for a message about another entry at the same instant, or with no message sent', () => {
    expect(withSentNotes([BOOKED], [{ at: BOOKED.at, status: 'SUBMITTED' }])).toEqual([BOOKED]);
    expect(withSentNotes([BOOKED, SUBMITTED], [])).toEqual([BOOKED, SUBMITTED]);
  });

  it('keeps a note an older data directory already wrote on the entry, once', () => {
    const written = { ...BOOKED, note: `${BOOKED.note}${SENT_NOTE}` };
    expect(withSentNotes([written], [{ at: BOOKED.at, status: 'BOOKED' }])).toEqual([written]);
  });

  it('for any timeline and any sent set: same length and order, and the note at most once per entry', () => {
    const statuses = ['BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'COMPLETED'] as const;
    const anEntry = fc.record({
      at: fc.integer({ min: 0, max: 5 }).map((m) => `2026-12-15T01:0${m}:00.000Z`),
      status: fc.constantFrom(...statuses),
      actor: fc.constant('system'),
      note: fc.constantFrom('办理中', `办理中${SENT_NOTE}`),
    });
    fc.assert(
      fc.property(fc.array(anEntry, { maxLength: 8 }), fc.array(anEntry, { maxLength: 8 }), (timeline, sent) => {
        const shown = withSentNotes(timeline, sent);
        expect(shown.map(({ at, status }) => [at, status])).toEqual(timeline.map(({ at, status }) => [at, status]));
        for (const [i, e] of shown.entries()) {
          expect(e.note.split(SENT_NOTE).length).toBeLessThanOrEqual(2);
          const reported = sent.some((s) => s.at === e.at && s.status === e.status);
          expect(e.note.endsWith(SENT_NOTE)).toBe(reported || timeline[i]!.note.endsWith(SENT_NOTE));
        }
      }),
    );
  });
});
