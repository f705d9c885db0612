/**
 * The case view's next steps come from what the departments returned: the top-up is the medical check's,
 * the pension the estimate the sealed paper prints, every FAIL reason is listed with the notice's remedy,
 * and a window booking carries a calendar event for its slot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../functions/adapters/case-record.ts';
import { guidanceFor } from '../../../functions/api/case-guidance.ts';
import { remedyFor } from '../../../functions/documents/wording.ts';
import { checkHousingFund } from '../../../functions/domain/housing-fund-check.ts';
import { checkMedical } from '../../../functions/domain/medical-check.ts';
import { estimatePension } from '../../../functions/domain/pension-estimate.ts';
import { DEFAULT_POLICY } from '../../../functions/domain/policy.ts';
import { DEMO_RULES } from '../../support/rules.ts';
import { NextSteps, Appointment, Callback } from '../../../schemas/case-guidance.ts';
import type { DepartmentResult } from '../../../schemas/department-result.ts';
import { makeApplication } from '../domain/helpers.ts';

const pass = (details: Record<string, unknown> = {}): DepartmentResult => ({ outcome: 'PASS', reasons: [], details });
const hrPass = (over: Record<string, unknown> = {}) =>
  pass({
    contributionMonths: 300,
    averageIndexedWageRatio: 1.2,
    personalAccountFen: 9_000_000,
    birthDateUsed: '1971-07-15',
    retirementMonth: '2026-12',
    ...over,
  });

function record(over: Partial<CaseRecord>): CaseRecord {
  return {
    caseNumber: 'RT20261102ABCDEF',
    idNumber: '441900197107150222',
    name: '李春梅',
    phone: '13810166299',
    channel: 'online',
    applicationDeadline: '2026-11-16',
    status: 'COMPLETED',
    createdAt: '2026-11-02T01:00:00.000Z',
    updatedAt: '2026-11-02T01:05:00.000Z',
    timeline: [{ at: '2026-11-02T01:04:00.000Z', status: 'SEALING', actor: 'system', note: '审核通过，正在出具盖章文书' }],
    departments: { hr: hrPass(), tax: pass(), medical: pass(), housingFund: pass() },
    application: makeApplication({ gender: 'female', birthDate: '1971-07-15', requestedMonth: '2026-12', originalRetirementAge: 55 }),
    reviews: {},
    documents: {},
    ...over,
  } as CaseRecord;
}

describe('guidanceFor', () => {
  it('an approval with a medical shortfall: the duty is the check’s top-up, the pension the sealed estimate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 299 }), fc.integer({ min: 0, max: 400 }), (months, local) => {
        const medical = checkMedical({
          record: { contributionMonths: months, localContributionMonths: Math.min(local, months) },
          gender: 'female',
          retirementMonth: '2026-12',
          today: '2026-12-01',
          rules: DEMO_RULES,
        });
        const g = guidanceFor(record({ decision: 'APPROVED', departments: { hr: hrPass(), tax: pass(), medical, housingFund: pass() } }), DEFAULT_POLICY);
        const steps = NextSteps.parse(g.nextSteps);
        expect(steps.duties).toHaveLength(1);
        expect(steps.duties[0]).toMatchObject({
          kind: 'medical-top-up',
          amountFen: medical.details.topUpAmountFen,
          months: medical.details.topUpMonths,
          payBefore: '2026-12',
        });
        const e = estimatePension({
          contributionMonths: 300,
          averageIndexedWageRatio: 1.2,
          personalAccountFen: 9_000_000,
          birthMonth: '1971-07',
          retirementMonth: '2026-12',
        });
        expect(steps.pension).toEqual({
          monthlyFen: e.totalMonthlyFen,
          basicPensionFen: e.basicPensionFen,
          personalAccountPensionFen: e.personalAccountPensionFen,
          firstMonth: '2026-12',
        });
        expect(steps.reasons).toEqual([]);
        expect(steps.appeal).toBeUndefined();
      }),
    );
  });

  it('an approval pays out the housing fund the check released, to the form’s bank card, masked', () => {
    const fund = checkHousingFund({ record: { accountNo: 'GJJ1', status: 'active', balanceFen: 8_663_000, outstandingLoanFen: 0 }, withdraw: true });
    const steps = guidanceFor(record({ decision: 'APPROVED', departments: { hr: hrPass(), tax: pass(), medical: pass(), housingFund: fund } }), DEFAULT_POLICY)
      .nextSteps!;
    expect(steps.payouts).toEqual([
      {
        kind: 'housing-fund-withdrawal',
        department: 'housingFund',
        amountFen: 8_663_000,
        bankName: '中国工商银行东莞分行',
        accountNoMasked: '****1012',
        closesAccount: true,
      },
    ]);
  });

  it('a refusal lists every FAIL reason with the notice’s remedy and where to go, and the appeal limits; no payout, no duty', () => {
    const hr: DepartmentResult = { outcome: 'FAIL', reasons: [{ code: 'CONTRIBUTION_YEARS_SHORT', message: '缴费不足' }], details: {} };
    const tax: DepartmentResult = { outcome: 'FAIL', reasons: [{ code: 'TAX_ARREARS', message: '欠缴' }], details: {} };
    const medical = checkMedical({
      record: { contributionMonths: 100, localContributionMonths: 100 },
      gender: 'male',
      retirementMonth: '2026-12',
      today: '2026-12-01',
      rules: DEMO_RULES,
    });
    const fund = checkHousingFund({ record: { accountNo: 'GJJ1', status: 'active', balanceFen: 100, outstandingLoanFen: 0 }, withdraw: true });
    const steps = NextSteps.parse(
      guidanceFor(record({ decision: 'REJECTED', departments: { hr, tax, medical, housingFund: fund } }), DEFAULT_POLICY).nextSteps,
    );
    expect(steps.reasons.map((r) => [r.from, r.code, r.remedy])).toEqual([
      ['hr', 'CONTRIBUTION_YEARS_SHORT', remedyFor('CONTRIBUTION_YEARS_SHORT')],
      ['tax', 'TAX_ARREARS', remedyFor('TAX_ARREARS')],
    ]);
    expect(steps.reasons.every((r) => r.where.length > 0)).toBe(true);
    expect(steps.appeal).toMatchObject({ reconsiderationDays: 60, litigationMonths: 6, decidedAt: '2026-11-02T01:04:00.000Z' });
    // One reason from the tax bureau: its appeals go up the tax line, the others to the local government.
    expect(steps.appeal!.reconsiderationTo).toBe('作出决定的部门所属的本级人民政府（对税务局的决定，向上一级税务机关）');
    const hrOnly = guidanceFor(record({ decision: 'REJECTED', departments: { hr, tax: pass(), medical, housingFund: fund } }), DEFAULT_POLICY).nextSteps!;
    expect(hrOnly.appeal!.reconsiderationTo).toBe('作出决定的部门所属的本级人民政府');
    const taxOnly = guidanceFor(record({ decision: 'REJECTED', departments: { hr: hrPass(), tax, medical, housingFund: fund } }), DEFAULT_POLICY).nextSteps!;
    expect(taxOnly.appeal!.reconsiderationTo).toBe('上一级税务机关');
    expect(steps.payouts).toEqual([]);
    expect(steps.duties).toEqual([]);
    expect(steps.pension).toBeUndefined();
  });

  it('a refusal at pre-review by staff gives the staff’s note as the reason', () => {
    const g = guidanceFor(
      record({
        decision: 'REJECTED',
        reviews: { 'pre-review': { stage: 'pre-review', outcome: 'FAIL', note: '材料不符', actor: 'pre-review:x', at: '2026-11-02T01:00:00.000Z' } },
      }),
      DEFAULT_POLICY,
    );
    expect(g.nextSteps!.reasons).toEqual([expect.objectContaining({ from: 'pre-review', code: 'STAFF_DECISION', message: '工作人员预审不通过：材料不符' })]);
  });

  it('a window booking carries its centre, address and an iCalendar event for its slot, the same on every read', () => {
    const slot = {
      slotId: 'dg-nancheng|2026-11-04|09:00',
      serviceCenterId: 'dg-nancheng',
      start: '2026-11-04T09:00:00+08:00',
      end: '2026-11-04T09:30:00+08:00',
    };
    const r = record({ status: 'BOOKED', channel: 'window', slot, departments: { hr: pass(), tax: pass(), medical: pass(), housingFund: pass() } });
    const a = Appointment.parse(guidanceFor(r, DEFAULT_POLICY).appointment);
    expect(a).toMatchObject({ serviceCenterId: 'dg-nancheng', name: '东莞市南城社会保障服务中心', start: slot.start, end: slot.end });
    const ics = a.calendar.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('DTSTART:20261104T010000Z');
    expect(ics).toContain('DTEND:20261104T013000Z');
    expect(ics).toContain('UID:RT20261102ABCDEF@retireone');
    expect(ics).toContain('DTSTAMP:20261102T010000Z');
    expect(guidanceFor(r, DEFAULT_POLICY).appointment!.calendar).toBe(a.calendar);
    expect(guidanceFor({ ...r, status: 'WITHDRAWN' }, DEFAULT_POLICY).appointment).toBeUndefined();
  });

  it('manual review: the bodies whose staff will phone, and the booking’s number masked', () => {
    const fund: DepartmentResult = { outcome: 'MANUAL', reasons: [{ code: 'HOUSING_FUND_LOAN_OUTSTANDING', message: '贷款' }], details: {} };
    const g = guidanceFor(record({ status: 'MANUAL_REVIEW', departments: { hr: pass(), tax: pass(), medical: pass(), housingFund: fund } }), DEFAULT_POLICY);
    expect(Callback.parse(g.callback)).toEqual({ by: ['住房公积金管理中心'], phoneMasked: '138****6299' });
    expect(g.nextSteps).toBeUndefined();
    expect(guidanceFor(record({ status: 'CHECKING' }), DEFAULT_POLICY).callback).toBeUndefined();
    // A department that could not answer is asked again by the one-stop staff, who call if need be.
    const down: DepartmentResult = { outcome: 'MANUAL', reasons: [{ code: 'DEPARTMENT_UNAVAILABLE', message: '暂时无法答复' }], details: {} };
    const parked = guidanceFor(record({ status: 'MANUAL_REVIEW', departments: { hr: pass(), tax: down, medical: pass(), housingFund: fund } }), DEFAULT_POLICY);
    expect(parked.callback!.by).toEqual(['住房公积金管理中心', '一站式服务窗口']);
  });
});
