/**
 * The 16 demo people, each run through pre-review and the four checks with the application their record
 * implies. Every expectation below was worked out by hand from the rules (see the comment on each row);
 * the `scenario` text in the fixture is never read.
 * Shared: men 60 → +1 month per 4 birth months from 1965-01; women 55 likewise from 1970-01; women 50 → +1 per
 * 2 birth months from 1975-01. Minimum pension contribution 180 months for retirements before 2030.
 * Medical: men 360 / women 300 months, 120 local; top-up 52000 fen per month (650000 × 0.08).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Application } from '../../../schemas/application.ts';
import { FixtureFile, type CitizenRecord } from '../../../schemas/department-record.ts';
import type { DepartmentKey, Outcome } from '../../../schemas/department-result.ts';
import { checkHr } from '../../../functions/domain/hr-check.ts';
import { checkTax } from '../../../functions/domain/tax-check.ts';
import { checkMedical } from '../../../functions/domain/medical-check.ts';
import { checkHousingFund } from '../../../functions/domain/housing-fund-check.ts';
import { decide } from '../../../functions/domain/decide.ts';
import { preReview } from '../../../functions/domain/pre-review.ts';

const citizens: CitizenRecord[] = FixtureFile.parse(
  JSON.parse(readFileSync(new URL('../../../fixtures/citizens.json', import.meta.url), 'utf8')),
).citizens;

type Row = {
  id: string;
  type: Application['retirement']['type'];
  month: string;
  out: Record<DepartmentKey, Outcome>;
  codes: Partial<Record<DepartmentKey, string[]>>;
  decision: 'APPROVED' | 'REJECTED' | 'MANUAL_REVIEW';
  extra?: Record<string, unknown>;
};
const ok = { hr: 'PASS', tax: 'PASS', medical: 'PASS', housingFund: 'PASS' } as const;

const rows: Row[] = [
  // 陈志明 M 1966-10: 21 months after 1965-01 → +6 → 60y6m → 2027-04. 408 ≥ 180; medical 408/240; fund active.
  { id: '441900196610120130', type: 'normal', month: '2027-04', out: ok, codes: {}, decision: 'APPROVED' },
  // 林秀英 F55 1971-08: 19 months after 1970-01 → +5 → 55y5m → 2027-01. 372 ≥ 180; medical 372 ≥ 300.
  { id: '441900197108030169', type: 'normal', month: '2027-01', out: ok, codes: {}, decision: 'APPROVED' },
  // 黄丽娟 F50 1976-06: 17 months after 1975-01 → +9 → 50y9m → 2027-03. 330 ≥ 180; medical 330 ≥ 300; no fund account.
  { id: '441900197606210189', type: 'normal', month: '2027-03', out: { ...ok, housingFund: 'NOT_APPLICABLE' }, codes: {}, decision: 'APPROVED' },
  // 王建华 M 1966-09: 20 months → +6 → 2027-03. 3 months of arrears 3 × 182300 = 546900 fen → tax FAIL.
  { id: '441900196609300193', type: 'normal', month: '2027-03', out: { ...ok, tax: 'FAIL' }, codes: { tax: ['TAX_ARREARS'] }, decision: 'REJECTED', extra: { taxTotal: 546900 } },
  // 李春梅 F55 1971-07: 18 months → +5 → 55y5m → 2026-12. Medical 228 < 300 → 72 short; local 180 ok → top-up 72 × 52000.
  { id: '441900197107150222', type: 'normal', month: '2026-12', out: { ...ok, medical: 'CONDITIONAL' }, codes: { medical: ['MEDICAL_YEARS_SHORT'] }, decision: 'APPROVED', extra: { topUp: 3_744_000 } },
  // 赵国强 M 1966-11: 22 months → +6 → 2027-05. Medical local 96 < 120 → 24 short → 24 × 52000.
  { id: '441900196611020238', type: 'normal', month: '2027-05', out: { ...ok, medical: 'CONDITIONAL' }, codes: { medical: ['MEDICAL_LOCAL_YEARS_SHORT'] }, decision: 'APPROVED', extra: { topUp: 1_248_000 } },
  // 刘伟 M 1966-08: 19 months → +5 → 60y5m → 2027-01. Withdraws with a loan outstanding → fund MANUAL.
  { id: '441900196608190252', type: 'normal', month: '2027-01', out: { ...ok, housingFund: 'MANUAL' }, codes: { housingFund: ['HOUSING_FUND_LOAN_OUTSTANDING'] }, decision: 'MANUAL_REVIEW' },
  // 张桂兰 F55 1971-09: 20 months → +6 → 55y6m → 2027-03. Already drawing a pension → HR FAIL.
  { id: '441900197109090286', type: 'normal', month: '2027-03', out: { ...ok, hr: 'FAIL' }, codes: { hr: ['DUPLICATE_PENSION'] }, decision: 'REJECTED' },
  // 周海涛 M 1966-07: 18 months → +5 → 2026-12. 144 < 180 → HR FAIL (36 short). Medical 144 < 360 → 216 short.
  { id: '441900196607070291', type: 'normal', month: '2026-12', out: { ...ok, hr: 'FAIL', medical: 'CONDITIONAL' }, codes: { hr: ['CONTRIBUTION_YEARS_SHORT'], medical: ['MEDICAL_YEARS_SHORT'] }, decision: 'REJECTED', extra: { topUp: 11_232_000 } },
  // 吴小平 M: ID 1966-12 → form statutory 23 months → +6 → 2027-06. File says 1965-12 → 11 months → +3 → 2026-03;
  // 2027-06 ≥ 2026-03 so the age passes, but the mismatch needs a person → HR MANUAL.
  { id: '441900196612010314', type: 'normal', month: '2027-06', out: { ...ok, hr: 'MANUAL' }, codes: { hr: ['BIRTH_DATE_MISMATCH'] }, decision: 'MANUAL_REVIEW', extra: { statutory: '2026-03' } },
  // 郑大力 M 1971-03, special job 132 ≥ 120 months; 55 in 2026-03; 396 ≥ 180; medical 396 ≥ 360.
  { id: '441900197103110338', type: 'special-job', month: '2026-03', out: ok, codes: {}, decision: 'APPROVED' },
  // 孙玉珍 F50 1980-02, certified; 45 in 2025-02; 260 ≥ 180; medical 300/240 exactly enough.
  { id: '441900198002140364', type: 'disability', month: '2025-02', out: ok, codes: {}, decision: 'APPROVED' },
  // 马俊 M 1967-01: 24 months → +7 → 60y7m → 2027-08; earliest = max(2024-08, 2027-01) = 2027-01. 456 ≥ 180.
  { id: '441900196701260374', type: 'flexible-early', month: '2027-01', out: ok, codes: {}, decision: 'APPROVED' },
  // 胡美玲 F55 1970-06: 5 months → +2 → 55y2m → 2025-08; +12 → 2026-08 within (2025-08, 2028-08]. 400 ≥ 180.
  { id: '441900197006180406', type: 'flexible-late', month: '2026-08', out: ok, codes: {}, decision: 'APPROVED' },
  // 高文斌 M 1966-06: 17 months → +5 → 60y5m → 2026-11. 444 ≥ 180; medical 444.
  { id: '441900196606050416', type: 'normal', month: '2026-11', out: ok, codes: {}, decision: 'APPROVED' },
  // 何淑芬 F50 1976-04: 15 months → +8 → 50y8m → 2026-12. 312 ≥ 180; medical 312/240; sealed fund, 1560000 fen paid out.
  { id: '44190019760428044X', type: 'normal', month: '2026-12', out: ok, codes: {}, decision: 'APPROVED', extra: { withdrawal: 1_560_000 } },
];

const byId = new Map(citizens.map((c) => [c.idNumber, c]));

function applicationFor(c: CitizenRecord, row: Row): Application {
  return {
    applicant: { idNumber: c.idNumber, name: c.name, gender: c.gender, birthDate: c.birthDate, phone: c.phone, address: '广东省东莞市示例路1号' },
    retirement: { type: row.type, requestedMonth: row.month, originalRetirementAge: c.hr.originalRetirementAge },
    bankAccount: { bankName: c.bankAccount!.bankName, accountNo: c.bankAccount!.accountNo },
    housingFund: { withdraw: true },
    commitments: { informationTrue: true, dataSharingConsent: true },
  };
}

function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

describe('fixture people', () => {
  it('covers all 16 people', () => {
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(citizens.map((c) => c.idNumber)));
  });

  it.each(rows.map((r) => [byId.get(r.id)?.name ?? r.id, r] as const))('%s', (_name, row) => {
    const c = byId.get(row.id)!;
    const application = applicationFor(c, row);
    const today = `${monthBefore(row.month)}-15`;

    expect(preReview({ application, booking: { idNumber: c.idNumber, name: c.name }, today })).toEqual({ outcome: 'PASS', reasons: [] });

    const departments = {
      hr: checkHr({ record: c.hr, application, idBirthDate: c.birthDate, today }),
      tax: checkTax({ record: c.tax }),
      medical: checkMedical({ record: c.medical, gender: c.gender }),
      housingFund: checkHousingFund({ record: c.housingFund, withdraw: true }),
    };
    for (const key of ['hr', 'tax', 'medical', 'housingFund'] as const) {
      expect({ key, outcome: departments[key].outcome, codes: departments[key].reasons.map((x) => x.code) }).toEqual({
        key,
        outcome: row.out[key],
        codes: row.codes[key] ?? [],
      });
    }
    const d = decide(departments);
    expect(d.needsManualReview ? 'MANUAL_REVIEW' : d.decision).toBe(row.decision);

    if (row.extra?.taxTotal !== undefined) expect(departments.tax.details.totalArrearsFen).toBe(row.extra.taxTotal);
    if (row.extra?.topUp !== undefined) expect(departments.medical.details.topUpAmountFen).toBe(row.extra.topUp);
    if (row.extra?.withdrawal !== undefined) expect(departments.housingFund.details.withdrawalAmountFen).toBe(row.extra.withdrawal);
    if (row.extra?.statutory !== undefined) expect(departments.hr.details.statutoryRetirementMonth).toBe(row.extra.statutory);
    else if (row.type === 'normal') expect(departments.hr.details.statutoryRetirementMonth).toBe(row.month);
  });

  it('a person in no department is refused by HR and medical', () => {
    const c = citizens[0]!;
    const row = rows[0]!;
    const application = applicationFor(c, row);
    expect(checkHr({ record: undefined, application, idBirthDate: c.birthDate, today: '2027-03-15' }).reasons[0]!.code).toBe('NO_INSURANCE_RECORD');
    expect(checkMedical({ record: undefined, gender: c.gender }).outcome).toBe('FAIL');
    expect(checkTax({ record: undefined }).outcome).toBe('PASS');
    expect(checkHousingFund({ record: undefined, withdraw: true }).outcome).toBe('NOT_APPLICABLE');
  });
});
