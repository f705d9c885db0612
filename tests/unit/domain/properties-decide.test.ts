import { describe, expect, it } from 'vitest';
import { DEPARTMENT_KEYS, Outcome, type DepartmentResult } from '../../../schemas/department-result.ts';
import { applyManualDecisions, decide, type DepartmentResults } from '../../../functions/domain/decide.ts';

type Combo = Outcome[];

/** Every assignment of the six outcomes to the five departments (health included): 6⁵ = 7776 combinations. */
const ALL: Combo[] = DEPARTMENT_KEYS.reduce<Combo[]>((acc) => acc.flatMap((c) => Outcome.options.map((o) => [...c, o])), [[]]);

const r = (outcome: Outcome): DepartmentResult => ({ outcome, reasons: [], details: {} });
const deps = (c: Combo): DepartmentResults => Object.fromEntries(DEPARTMENT_KEYS.map((k, i) => [k, r(c[i] as Outcome)])) as DepartmentResults;
const has = (c: Combo, o: Outcome) => c.includes(o);

const pending = ALL.filter((c) => has(c, 'PENDING'));
const settled = ALL.filter((c) => !has(c, 'PENDING'));
const withFail = settled.filter((c) => has(c, 'FAIL'));
const manualNoFail = settled.filter((c) => !has(c, 'FAIL') && has(c, 'MANUAL'));
const nonBlocking = settled.filter((c) => !has(c, 'FAIL') && !has(c, 'MANUAL'));
const withManual = settled.filter((c) => has(c, 'MANUAL'));

describe('decide over every combination of department outcomes', () => {
  // Guards the enumeration itself: a filter that matched nothing would make the checks below vacuous.
  it('covers all 7776 combinations in the expected groups', () => {
    expect(ALL).toHaveLength(7776);
    expect([pending.length, withFail.length, manualNoFail.length, nonBlocking.length]).toEqual([7776 - 3125, 3125 - 1024, 1024 - 243, 243]);
  });

  it('a case without a health answer (a city that does not take part) is decided on the four alone', () => {
    const fours = settled.filter((c) => c[DEPARTMENT_KEYS.indexOf('health')] === 'NOT_APPLICABLE');
    expect(fours).toHaveLength(625);
    for (const c of fours) {
      const { health: _absent, ...four } = deps(c);
      expect(decide(four as DepartmentResults), c.join()).toEqual(decide(deps(c)));
    }
  });

  it('refuses to decide while any department is pending', () => {
    for (const c of pending) expect(() => decide(deps(c)), c.join()).toThrow(expect.objectContaining({ name: 'DepartmentsPendingError' }));
  });

  it('any FAIL → REJECTED, with no manual review, even next to MANUAL', () => {
    for (const c of withFail) expect(decide(deps(c)), c.join()).toEqual({ decision: 'REJECTED', needsManualReview: false });
  });

  it('no FAIL but some MANUAL → a person decides, and nothing is decided yet', () => {
    for (const c of manualNoFail) expect(decide(deps(c)), c.join()).toEqual({ needsManualReview: true });
  });

  it('only PASS, CONDITIONAL and NOT_APPLICABLE → APPROVED', () => {
    for (const c of nonBlocking) expect(decide(deps(c)), c.join()).toEqual({ decision: 'APPROVED', needsManualReview: false });
  });

  it('which department gave which outcome does not matter', () => {
    for (const c of settled) {
      const rotated = [...c.slice(1), ...c.slice(0, 1)];
      expect(decide(deps(rotated)), c.join()).toEqual(decide(deps(c)));
      expect(decide(deps([...c].reverse())), c.join()).toEqual(decide(deps(c)));
    }
  });
});

describe('applyManualDecisions then decide, over every combination', () => {
  it('a PASS for all settles every MANUAL: rejected if a department failed, approved otherwise', () => {
    for (const c of withManual) {
      const after = applyManualDecisions(deps(c), [{ outcome: 'PASS', note: 'n', actor: 'a' }]);
      expect(decide(after), c.join()).toEqual({ decision: has(c, 'FAIL') ? 'REJECTED' : 'APPROVED', needsManualReview: false });
    }
  });

  it('a FAIL for all rejects, and leaves the departments that were not MANUAL as they were', () => {
    for (const c of withManual) {
      const after = applyManualDecisions(deps(c), [{ outcome: 'FAIL', note: 'n', actor: 'a' }]);
      expect(decide(after), c.join()).toEqual({ decision: 'REJECTED', needsManualReview: false });
      expect(
        DEPARTMENT_KEYS.map((k) => after[k]?.outcome),
        c.join(),
      ).toEqual(c.map((o) => (o === 'MANUAL' ? 'FAIL' : o)));
    }
  });
});
