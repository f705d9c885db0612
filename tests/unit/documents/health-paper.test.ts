import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../functions/adapters/case-record.ts';
import { documentsFromCase, noticeFromCase } from '../../../functions/documents/index.ts';
import { checkHealth } from '../../../functions/domain/health-check.ts';
import { entryOn } from '../../../functions/domain/rules/dated.ts';
import { DEMO_RULES } from '../../support/rules.ts';
import { ISSUING_BODY_NAMES } from '../../../schemas/notice.ts';

const pass = { outcome: 'PASS' as const, reasons: [], details: {} };
const record = (health: CaseRecord['departments']['health']): CaseRecord =>
  ({
    caseNumber: 'RT20261124AAAAAA',
    idNumber: '441900197108030169',
    decision: 'APPROVED',
    application: {
      applicant: { idNumber: '441900197108030169', name: '林秀英', gender: 'female', birthDate: '1971-08-03', phone: '13800000000', address: '东莞' },
      retirement: { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 },
      bankAccount: { bankName: '示例银行', accountNo: '6222190000000001' },
      housingFund: { withdraw: false },
      commitments: { informationTrue: true, dataSharingConsent: true },
    },
    departments: { hr: pass, tax: pass, medical: pass, housingFund: { ...pass, outcome: 'NOT_APPLICABLE' }, ...(health ? { health } : {}) },
  }) as unknown as CaseRecord;
const input = { issuedAt: '2026-11-24T02:00:00.000Z', verifyUrl: (id: string) => `https://example.test/verify/${id}`, issuers: ISSUING_BODY_NAMES };

describe('the health commission’s paper', () => {
  it('a one-child parent’s PASS gets 05, sealed by the health commission, printing the reward in force', () => {
    const health = checkHealth({ record: { onlyChildParent: true }, retirementMonth: '2027-01', rules: DEMO_RULES });
    const docs = documentsFromCase(record(health), input);
    const paper = docs.find((d) => d.documentId === 'RT20261124AAAAAA-05')!;
    expect(paper).toMatchObject({ body: 'health', title: '独生子女父母退休奖励核定通知', issuer: ISSUING_BODY_NAMES.health });
    const text = JSON.stringify(paper.blocks);
    const fen = entryOn(DEMO_RULES.health.retirementRewardFen, '2027-01-01')!.value;
    expect(text).toContain(`¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
    expect(text).toContain('演示默认值');
    expect(text).toContain('第三十六条第（一）项');
    expect(text).not.toContain('6222190000000001');
  });

  it.each([
    ['not a one-child parent', checkHealth({ record: { onlyChildParent: false }, retirementMonth: '2027-01' })],
    ['a city that does not take part', undefined],
  ])('%s: no 05', (_what, health) => {
    // HR's figures are left out here, so the papers are the notice and medical's confirmation.
    expect(documentsFromCase(record(health), input).map((d) => d.documentId.slice(-2))).toEqual(['01', '03']);
  });

  it('the one-stop notice lists 卫健 only where the case has its answer', () => {
    const withHealth = noticeFromCase(record(checkHealth({ record: undefined, retirementMonth: '2027-01' })), {
      ...input,
      documentId: 'x',
      issuer: 'i',
      verifyUrl: 'https://e.test/v',
    });
    expect(withHealth.departments.map((d) => d.key)).toEqual(['hr', 'tax', 'medical', 'housingFund', 'health']);
    const without = noticeFromCase(record(undefined), { ...input, documentId: 'x', issuer: 'i', verifyUrl: 'https://e.test/v' });
    expect(without.departments.map((d) => d.key)).toEqual(['hr', 'tax', 'medical', 'housingFund']);
  });
});
