import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestPerCase } from '../../../functions/adapters/latest-per-case.ts';

const record = fc.record({
  caseNumber: fc.constantFrom('RT1', 'RT2', 'RT3'),
  updatedAt: fc.integer({ min: 0, max: 10_000 }).map((n) => new Date(Date.UTC(2027, 0, 1) + n * 1000).toISOString()),
  status: fc.constantFrom('PRE_REVIEW', 'CHECKING', 'SEALING'),
});

describe('the staff queue lists each case once, in its newest state', () => {
  it('keeps exactly one record per case number', () => {
    fc.assert(
      fc.property(fc.array(record), (records) => {
        const out = latestPerCase(records);
        expect(out.map((r) => r.caseNumber).sort()).toEqual([...new Set(records.map((r) => r.caseNumber))].sort());
      }),
    );
  });

  it('the record kept is the most recently updated one of that case', () => {
    fc.assert(
      fc.property(fc.array(record), (records) => {
        for (const kept of latestPerCase(records)) {
          const newest = Math.max(...records.filter((r) => r.caseNumber === kept.caseNumber).map((r) => Date.parse(r.updatedAt)));
          expect(Date.parse(kept.updatedAt)).toBe(newest);
        }
      }),
    );
  });

  it('a case seen under its old and its new status is listed under the new one', () => {
    const old = { caseNumber: 'RT1', updatedAt: '2027-01-01T00:00:00.000Z', status: 'PRE_REVIEW' };
    const moved = { caseNumber: 'RT1', updatedAt: '2027-01-01T00:00:01.000Z', status: 'CHECKING' };
    expect(latestPerCase([old, moved])).toEqual([moved]);
    expect(latestPerCase([moved, old])).toEqual([moved]);
  });
});
