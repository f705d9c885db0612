import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../schemas/case.ts';
import { medianOf } from '../../../functions/adapters/stats-store.ts';
import { caseSla } from '../../../functions/domain/case-sla.ts';
import { changedFields } from '../../../functions/domain/changed-fields.ts';
import { DEFAULT_POLICY } from '../../../functions/domain/policy.ts';

/** 09:00 in China on a date, as the timeline stores instants. */
const at = (date: string) => new Date(`${date}T09:00:00+08:00`).toISOString();
const entry = (date: string, status: TimelineEntry['status'], actor = 'system'): TimelineEntry => ({ at: at(date), status, actor, note: '' });

describe('the clock a case shows (promised: pre-review 1, manual 3, case 5 working days)', () => {
  it.each([
    // [what, status, timeline, supplements, today, expected]
    ['nothing before the form', 'BOOKED', [entry('2026-12-01', 'BOOKED')], [], '2026-12-01', undefined],
    [
      'being checked: the whole case, from submission (Tue 12-01 → Tue 12-08)',
      'CHECKING',
      [entry('2026-12-01', 'BOOKED'), entry('2026-12-01', 'SUBMITTED'), entry('2026-12-01', 'CHECKING')],
      [],
      '2026-12-01',
      { stage: 'case', startedOn: '2026-12-01', dueDate: '2026-12-08', workingDaysLeft: 5, state: 'ON_TIME', caseDueDate: '2026-12-08' },
    ],
    [
      'pre-review by a person, due the next working day (Fri 12-04 → Mon 12-07)',
      'PRE_REVIEW',
      [entry('2026-12-04', 'SUBMITTED'), entry('2026-12-04', 'PRE_REVIEW')],
      [],
      '2026-12-04',
      { stage: 'pre-review', dueDate: '2026-12-07', workingDaysLeft: 1, state: 'DUE_SOON', caseDueDate: '2026-12-11' },
    ],
    [
      'pre-review overdue the working day after its due date',
      'PRE_REVIEW',
      [entry('2026-12-04', 'SUBMITTED'), entry('2026-12-04', 'PRE_REVIEW')],
      [],
      '2026-12-08',
      { stage: 'pre-review', dueDate: '2026-12-07', workingDaysLeft: -1, state: 'OVERDUE' },
    ],
    [
      'paused while the citizen is asked: the due dates move a working day per working day waited',
      'SUPPLEMENT_REQUESTED',
      [entry('2026-12-01', 'SUBMITTED'), entry('2026-12-01', 'PRE_REVIEW'), entry('2026-12-01', 'SUPPLEMENT_REQUESTED', 'pre-review:a')],
      [{ requestedAt: at('2026-12-01') }],
      '2026-12-03',
      { stage: 'pre-review', dueDate: '2026-12-04', workingDaysLeft: 1, state: 'PAUSED', caseDueDate: '2026-12-10' },
    ],
    [
      'manual review counts from when the departments handed it over; the case, across 元旦 2027 (provisional calendar)',
      'MANUAL_REVIEW',
      [entry('2026-12-28', 'SUBMITTED'), entry('2026-12-28', 'CHECKING'), entry('2026-12-28', 'MANUAL_REVIEW')],
      [],
      '2026-12-28',
      { stage: 'manual', dueDate: '2026-12-31', workingDaysLeft: 3, state: 'ON_TIME', caseDueDate: '2027-01-05' },
    ],
    [
      'a clock reaching into a year with no calendar file (2028) is refused, never counted in weekdays',
      'MANUAL_REVIEW',
      [entry('2027-12-27', 'SUBMITTED'), entry('2027-12-27', 'CHECKING'), entry('2027-12-27', 'MANUAL_REVIEW')],
      [],
      '2027-12-27',
      'throws',
    ],
    [
      'completed on time: frozen at completion',
      'COMPLETED',
      [entry('2026-12-01', 'SUBMITTED'), entry('2026-12-03', 'COMPLETED')],
      [],
      '2026-12-20',
      { stage: 'case', dueDate: '2026-12-08', workingDaysLeft: 3, state: 'ON_TIME' },
    ],
    [
      'completed late',
      'COMPLETED',
      [entry('2026-12-01', 'SUBMITTED'), entry('2026-12-09', 'COMPLETED')],
      [],
      '2026-12-20',
      { stage: 'case', dueDate: '2026-12-08', workingDaysLeft: -1, state: 'OVERDUE' },
    ],
  ] as const)('%s', (_what, status, timeline, supplements, today, expected) => {
    const c = { status, timeline: [...timeline], supplements: [...supplements] };
    if (expected === 'throws') expect(() => caseSla(c, DEFAULT_POLICY, today)).toThrow(/2028/);
    else if (expected === undefined) expect(caseSla(c, DEFAULT_POLICY, today)).toBeUndefined();
    else expect(caseSla(c, DEFAULT_POLICY, today)).toMatchObject(expected);
  });
});

describe('changed fields between two forms', () => {
  it('names exactly the leaves that differ', () => {
    const a = { applicant: { name: '陈志明', address: '甲' }, housingFund: { withdraw: true } };
    expect(changedFields(a, { applicant: { name: '陈志明', address: '乙' }, housingFund: { withdraw: false } })).toEqual([
      'applicant.address',
      'housingFund.withdraw',
    ]);
    expect(changedFields(a, structuredClone(a))).toEqual([]);
  });

  it('for any change of one leaf, reports that leaf alone', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string(), { minKeys: 1 }), fc.string(), (group, value) => {
        const key = Object.keys(group)[0]!;
        fc.pre(group[key] !== value);
        expect(changedFields({ g: group }, { g: { ...group, [key]: value } })).toEqual([`g.${key}`]);
      }),
    );
  });
});

describe('the median from a histogram of working days', () => {
  it('equals the median of the values themselves', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 200 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const mid = Math.floor(sorted.length / 2);
        const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        const counts = new Map<number, number>();
        for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
        const histogram = [...counts.entries()].sort((a, b) => a[0] - b[0]);
        expect(medianOf(histogram, values.length)).toBe(median);
      }),
    );
  });
});
