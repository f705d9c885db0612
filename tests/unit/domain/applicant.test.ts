import { describe, expect, it } from 'vitest';
import { agencyVerdict, appliedByText, appliedByView, authorisationProblems, employs } from '../../../functions/domain/applicant.ts';

const grant = {
  authorisationId: 'AU20261124ABCDEF',
  personIdNumber: '441900196610120130',
  agentIdNumber: '441900197108030169',
  scope: ['book', 'follow'] as const,
  validFrom: '2026-11-24',
  validUntil: '2026-12-31',
};

describe('agent authorisation (代办授权)', () => {
  it.each([
    ['2026-11-23', 'book', 'not-yet'],
    ['2026-11-24', 'book', 'ok'],
    ['2026-12-31', 'follow', 'ok'],
    ['2027-01-01', 'book', 'expired'],
    ['2026-12-01', 'apply', 'scope'],
  ] as const)('on %s for %s: %s', (today, scope, expected) => {
    const v = agencyVerdict(grant, today, scope);
    expect(v.ok ? 'ok' : v.reason).toBe(expected);
  });

  it('without an authorisation the answer says there is none', () => {
    expect(agencyVerdict(undefined, '2026-11-24', 'book')).toMatchObject({ ok: false, reason: 'none' });
  });

  it('refuses an authorisation of oneself, backdated, reversed or too long, naming each field', () => {
    const base = { personIdNumber: grant.personIdNumber, agentIdNumber: grant.agentIdNumber, validFrom: '2026-11-24', validUntil: '2026-12-31' };
    expect(authorisationProblems(base, '2026-11-24', 366)).toEqual([]);
    expect(authorisationProblems({ ...base, agentIdNumber: base.personIdNumber }, '2026-11-24', 366).map((p) => p.path)).toEqual(['agent.idNumber']);
    expect(authorisationProblems({ ...base, validFrom: '2026-11-23' }, '2026-11-24', 366).map((p) => p.path)).toEqual(['validFrom']);
    expect(authorisationProblems({ ...base, validUntil: '2026-11-23' }, '2026-11-24', 366).map((p) => p.path)).toEqual(['validUntil']);
    expect(authorisationProblems({ ...base, validUntil: '2027-11-25' }, '2026-11-24', 366).map((p) => p.path)).toEqual(['validUntil']);
    expect(authorisationProblems({ ...base, validUntil: '2027-11-24' }, '2026-11-24', 366)).toEqual([]);
  });
});

describe('employer and employee', () => {
  const unit = { creditCode: '91441900MA00000010', name: '东莞市示例制造有限公司' };
  it('matches by credit code where HR holds one, by name otherwise; nobody employs a flexible worker', () => {
    expect(employs(unit, { employer: '东莞市示例制造有限公司', employerCreditCode: '91441900MA00000010' })).toBe(true);
    expect(employs(unit, { employer: '东莞市示例制造有限公司', employerCreditCode: '91441900MA00000023' })).toBe(false);
    expect(employs(unit, { employer: '东莞市示例制造有限公司' })).toBe(true);
    expect(employs(unit, { employer: '' })).toBe(false);
    expect(employs({ ...unit, name: '' }, { employer: '' })).toBe(false);
    expect(employs(unit, undefined)).toBe(false);
  });
});

describe('naming who applied', () => {
  it('masks ID numbers in the view and the text', () => {
    const employer = {
      kind: 'employer' as const,
      creditCode: '91441900MA00000010',
      unitName: '东莞市示例制造有限公司',
      officer: { name: '张经办', idNumber: '441900196609300193' },
    };
    expect(appliedByView(employer)).toEqual({
      kind: 'employer',
      name: '东莞市示例制造有限公司',
      creditCode: '91441900MA00000010',
      officer: { name: '张经办', idNumberMasked: '441900********0193' },
    });
    expect(appliedByText(employer)).toBe('单位经办：东莞市示例制造有限公司（统一社会信用代码 91441900MA00000010），经办人 张经办');
    const agent = { kind: 'agent' as const, idNumber: '441900197108030169', name: '林秀英', authorisationId: 'AU20261124ABCDEF' };
    expect(appliedByText(agent)).toBe('委托代办：代办人 林秀英（441900********0169），授权编号 AU20261124ABCDEF');
    expect(appliedByView(undefined)).toEqual({ kind: 'person' });
    expect(appliedByText(undefined)).toBe('本人申请');
  });
});
