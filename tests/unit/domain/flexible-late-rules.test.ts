/**
 * Flexible late retirement needs the employer's agreement (《国务院关于渐进式延迟法定退休年龄的办法》第三条:
 * 所在单位与职工协商一致): an employee's form without retirement.employerAgreement fails HR with
 * FLEXIBLE_LATE_AGREEMENT_MISSING; a person with no employer (灵活就业) needs none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHr } from '../../../functions/domain/hr-check.ts';
import { addMonths } from '../../../functions/domain/months.ts';
import { makeApplication, makeHrRecord } from './helpers.ts';

// Man born 1966-10-12: statutory 2027-04, flexible late up to 2030-04; 408 months paid.
const MAN = { gender: 'male', birthDate: '1966-10-12', originalRetirementAge: 60, type: 'flexible-late' } as const;
const TODAY = '2026-11-24';
const hr = (app: Parameters<typeof makeApplication>[0], employer = '东莞市示例制造有限公司') =>
  checkHr({ record: makeHrRecord({ employer }), application: makeApplication(app), idBirthDate: '1966-10-12', today: TODAY });

describe('flexible late retirement and the employer', () => {
  it.each([
    ['agreed', { employerAgreement: true }, '东莞市示例制造有限公司', 'PASS', []],
    ['not agreed', { employerAgreement: false }, '东莞市示例制造有限公司', 'FAIL', ['FLEXIBLE_LATE_AGREEMENT_MISSING']],
    ['not stated', {}, '东莞市示例制造有限公司', 'FAIL', ['FLEXIBLE_LATE_AGREEMENT_MISSING']],
    ['not stated, no employer (flexible worker)', {}, '', 'PASS', []],
    ['not stated, blank employer', {}, '  ', 'PASS', []],
  ] as const)('%s → %s', (_what, agreement, employer, outcome, codes) => {
    const r = hr({ ...MAN, requestedMonth: '2028-01', ...agreement }, employer);
    expect(r.outcome).toBe(outcome);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
  });

  it('names the employer and the written notice of 人社部发〔2024〕94号', () => {
    const r = hr({ ...MAN, requestedMonth: '2028-01' });
    expect(r.reasons[0]!.message).toContain('东莞市示例制造有限公司');
    expect(r.reasons[0]!.message).toContain('提前1个月以书面形式');
    expect(r.details).toMatchObject({ employerAgreement: false, flexibleLateNoticeMonths: 1 });
  });

  it('the agreement is not asked of any other kind of retirement', () => {
    expect(hr({ ...MAN, type: 'normal', requestedMonth: '2027-04' }).outcome).toBe('PASS');
    expect(hr({ ...MAN, type: 'flexible-early', requestedMonth: '2027-01' }).details.flexibleEarlyNoticeMonths).toBe(3);
  });

  it('for every month of the late window: the agreement missing is the only reason an employee fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36 }), fc.option(fc.boolean(), { nil: undefined }), (after, agreed) => {
        const r = hr({ ...MAN, requestedMonth: addMonths('2027-04', after), ...(agreed === undefined ? {} : { employerAgreement: agreed }) });
        expect(r.reasons.map((x) => x.code)).toEqual(agreed === true ? [] : ['FLEXIBLE_LATE_AGREEMENT_MISSING']);
      }),
    );
  });
});
