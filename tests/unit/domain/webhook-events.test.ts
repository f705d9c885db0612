import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseEvents, nextAttemptAt } from '../../../functions/domain/webhook-events.ts';

const at = (m: number) => `2027-03-20T08:${String(m).padStart(2, '0')}:00.000Z`;

describe('case events from a timeline', () => {
  const record = {
    caseNumber: 'RT20270320ABCDEF',
    decision: 'APPROVED' as const,
    timeline: [
      { at: at(0), status: 'BOOKED' as const },
      { at: at(1), status: 'SUBMITTED' as const },
      { at: at(2), status: 'CHECKING' as const },
      { at: at(3), status: 'CHECKING' as const },
      { at: at(4), status: 'SEALING' as const },
      { at: at(5), status: 'COMPLETED' as const },
    ],
  };

  it('one event per change of status, named by the contract, with the decision on completion', () => {
    const events = caseEvents(record);
    expect(events.map((e) => [e.id, e.body.type, e.body.data.status])).toEqual([
      ['evt_RT20270320ABCDEF_0', 'case.booked', 'BOOKED'],
      ['evt_RT20270320ABCDEF_1', 'case.submitted', 'SUBMITTED'],
      ['evt_RT20270320ABCDEF_2', 'case.status_changed', 'CHECKING'],
      ['evt_RT20270320ABCDEF_4', 'case.status_changed', 'SEALING'],
      ['evt_RT20270320ABCDEF_5', 'case.completed', 'COMPLETED'],
    ]);
    expect(events.at(-1)!.body.data).toEqual({ caseNumber: record.caseNumber, status: 'COMPLETED', decision: 'APPROVED' });
    expect(events.slice(0, -1).every((e) => !('decision' in e.body.data))).toBe(true);
  });

  it('from a cursor on gives the same events as the tail of the whole, with the same ids', () => {
    for (let from = 0; from <= record.timeline.length; from++) {
      expect(caseEvents(record, from)).toEqual(caseEvents(record).filter((e) => e.position >= from));
    }
  });
});

describe('webhook retry schedule', () => {
  const HOUR = 3600_000;
  it('doubles from the base, capped at an hour', () => {
    expect([1, 2, 3, 4].map((n) => nextAttemptAt(0, n, 0, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(nextAttemptAt(0, 40, 0, 1000)).toBe(HOUR);
  });

  it('keeps trying for at least 24 hours after the event, at most an hour apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 24 * HOUR }), fc.integer({ min: 1, max: 60_000 }), (attempts, now, base) => {
        const next = nextAttemptAt(0, attempts, now, base);
        expect(next).toBeGreaterThan(now);
        expect(next! - now).toBeLessThanOrEqual(HOUR);
      }),
    );
  });

  it('gives up on an event older than 25 hours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 25 * HOUR, max: 40 * HOUR }),
        fc.integer({ min: 1, max: 60_000 }),
        (attempts, now, base) => {
          expect(nextAttemptAt(0, attempts, now, base)).toBeUndefined();
        },
      ),
    );
  });
});
