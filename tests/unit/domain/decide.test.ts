import { describe, expect, it } from 'vitest';
import type { DepartmentResult, Outcome } from '../../../schemas/department-result.ts';
import { applyManualDecisions, decide, type DepartmentResults } from '../../../functions/domain/decide.ts';

const r = (outcome: Outcome): DepartmentResult => ({ outcome, reasons: [], details: {} });
const deps = (hr: Outcome, tax: Outcome, medical: Outcome, housingFund: Outcome): DepartmentResults => ({
  hr: r(hr),
  tax: r(tax),
  medical: r(medical),
  housingFund: r(housingFund),
});

describe('decide', () => {
  it.each([
    [['PASS', 'PASS', 'PASS', 'PASS'], 'APPROVED', false],
    [['PASS', 'PASS', 'CONDITIONAL', 'NOT_APPLICABLE'], 'APPROVED', false],
    [['FAIL', 'PASS', 'PASS', 'PASS'], 'REJECTED', false],
    [['PASS', 'PASS', 'PASS', 'MANUAL'], undefined, true],
    [['MANUAL', 'FAIL', 'PASS', 'PASS'], 'REJECTED', false],
    [['PASS', 'PASS', 'CONDITIONAL', 'MANUAL'], undefined, true],
  ] as const)('%o → %s manual=%s', (o, decision, manual) => {
    const out = decide(deps(o[0], o[1], o[2], o[3]));
    expect(out.decision).toBe(decision);
    expect(out.needsManualReview).toBe(manual);
  });

  it('refuses to decide while a department is pending', () => {
    expect(() => decide(deps('PASS', 'PENDING', 'PASS', 'PASS'))).toThrow(expect.objectContaining({ name: 'DepartmentsPendingError' }));
  });
});

describe('applyManualDecisions', () => {
  it('a decision without department settles every MANUAL department', () => {
    const before = deps('MANUAL', 'PASS', 'CONDITIONAL', 'MANUAL');
    const after = applyManualDecisions(before, [{ outcome: 'PASS', note: '档案核实无误', actor: 'staff-2' }]);
    expect([after.hr.outcome, after.tax.outcome, after.medical.outcome, after.housingFund.outcome]).toEqual(['PASS', 'PASS', 'CONDITIONAL', 'PASS']);
    expect(after.hr.reasons).toEqual([{ code: 'STAFF_DECISION', message: '工作人员复核通过：档案核实无误' }]);
    expect(after.hr.details.staffDecision).toEqual({ outcome: 'PASS', note: '档案核实无误', actor: 'staff-2', previousOutcome: 'MANUAL' });
    expect(before.hr.outcome).toBe('MANUAL');
    expect(decide(after).decision).toBe('APPROVED');
  });

  it('a decision for one department leaves the others', () => {
    const before = deps('MANUAL', 'PASS', 'PASS', 'MANUAL');
    before.housingFund.reasons.push({ code: 'HOUSING_FUND_LOAN_OUTSTANDING', message: 'x' });
    const after = applyManualDecisions(before, [{ department: 'housingFund', outcome: 'FAIL', note: '贷款未结清', actor: 's' }]);
    expect(after.hr.outcome).toBe('MANUAL');
    expect(after.housingFund.outcome).toBe('FAIL');
    expect(after.housingFund.reasons.map((x) => x.code)).toEqual(['HOUSING_FUND_LOAN_OUTSTANDING', 'STAFF_DECISION']);
    expect(decide(after).decision).toBe('REJECTED');
  });

  it('a decision for a department that is not MANUAL is refused', () => {
    expect(() => applyManualDecisions(deps('MANUAL', 'PASS', 'PASS', 'PASS'), [{ department: 'tax', outcome: 'PASS', note: 'n', actor: 'a' }])).toThrow(
      expect.objectContaining({ name: 'NotManualError' }),
    );
  });
});
