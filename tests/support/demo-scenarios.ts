/**
 * The 16 demo people and the outcome their rules give, worked out by hand (see the comment on each row).
 * Shared by the pure-rule test and the end-to-end test through the embedded stack.
 * Shared: men 60 → +1 month per 4 birth months from 1965-01; women 55 likewise from 1970-01; women 50 → +1 per
 * 2 birth months from 1975-01. Minimum pension contribution 180 months for retirements before 2030.
 * Medical: men 360 / women 300 months, 120 local; top-up 52000 fen per month (650000 × 0.08).
 */
import type { Application } from '../../schemas/application.ts';
import type { DepartmentAnswers, DepartmentKey, Outcome } from '../../schemas/department-result.ts';

export type Row = {
  id: string;
  type: Application['retirement']['type'];
  month: string;
  /** The four, and health (卫健) only for a one-child parent: everyone else's is NOT_APPLICABLE in the demo city. */
  out: DepartmentAnswers<Outcome>;
  codes: Partial<Record<DepartmentKey, string[]>>;
  decision: 'APPROVED' | 'REJECTED' | 'MANUAL_REVIEW';
  /** The form's retirement.employerAgreement (flexible late retirement of an employee needs it). */
  employerAgreement?: true;
  extra?: Record<string, unknown>;
};
export const ok = { hr: 'PASS', tax: 'PASS', medical: 'PASS', housingFund: 'PASS' } as const;

export const DEMO_SCENARIOS: Row[] = [
  // 陈志明 M 1966-10: 21 months after 1965-01 → +6 → 60y6m → 2027-04. 408 ≥ 180; medical 408/240; fund active.
  { id: '441900196610120130', type: 'normal', month: '2027-04', out: ok, codes: {}, decision: 'APPROVED' },
  // 林秀英 F55 1971-08: 19 months after 1970-01 → +5 → 55y5m → 2027-01. 372 ≥ 180; medical 372 ≥ 300.
  // A one-child parent: 卫健 PASS with the reward in force on 2027-01-01.
  { id: '441900197108030169', type: 'normal', month: '2027-01', out: { ...ok, health: 'PASS' }, codes: {}, decision: 'APPROVED' },
  // 黄丽娟 F50 1976-06: 17 months after 1975-01 → +9 → 50y9m → 2027-03. 330 ≥ 180; medical 330 ≥ 300; no fund account.
  { id: '441900197606210189', type: 'normal', month: '2027-03', out: { ...ok, housingFund: 'NOT_APPLICABLE' }, codes: {}, decision: 'APPROVED' },
  // 王建华 M 1966-09: 20 months → +6 → 2027-03. 3 months of arrears 3 × 182300 = 546900 fen → tax FAIL.
  {
    id: '441900196609300193',
    type: 'normal',
    month: '2027-03',
    out: { ...ok, tax: 'FAIL' },
    codes: { tax: ['TAX_ARREARS'] },
    decision: 'REJECTED',
    extra: { taxTotal: 546900 },
  },
  // 李春梅 F55 1971-07: 18 months → +5 → 55y5m → 2026-12. Medical 228 < 300 → 72 short; local 180 ok → top-up 72 × 52000.
  {
    id: '441900197107150222',
    type: 'normal',
    month: '2026-12',
    out: { ...ok, medical: 'CONDITIONAL' },
    codes: { medical: ['MEDICAL_YEARS_SHORT'] },
    decision: 'APPROVED',
    extra: { topUp: 3_744_000 },
  },
  // 赵国强 M 1966-11: 22 months → +6 → 2027-05. Medical local 96 < 120 → 24 short → 24 × 52000.
  {
    id: '441900196611020238',
    type: 'normal',
    month: '2027-05',
    out: { ...ok, medical: 'CONDITIONAL' },
    codes: { medical: ['MEDICAL_LOCAL_YEARS_SHORT'] },
    decision: 'APPROVED',
    extra: { topUp: 1_248_000 },
  },
  // 刘伟 M 1966-08: 19 months → +5 → 60y5m → 2027-01. Withdraws with a loan outstanding → fund MANUAL.
  {
    id: '441900196608190252',
    type: 'normal',
    month: '2027-01',
    out: { ...ok, housingFund: 'MANUAL' },
    codes: { housingFund: ['HOUSING_FUND_LOAN_OUTSTANDING'] },
    decision: 'MANUAL_REVIEW',
  },
  // 张桂兰 F55 1971-09: 20 months → +6 → 55y6m → 2027-03. Already drawing a pension → HR FAIL.
  { id: '441900197109090286', type: 'normal', month: '2027-03', out: { ...ok, hr: 'FAIL' }, codes: { hr: ['DUPLICATE_PENSION'] }, decision: 'REJECTED' },
  // 周海涛 M 1966-07: 18 months → +5 → 2026-12. 144 < 180 → HR FAIL (36 short). Medical 144 < 360 → 216 short.
  {
    id: '441900196607070291',
    type: 'normal',
    month: '2026-12',
    out: { ...ok, hr: 'FAIL', medical: 'CONDITIONAL' },
    codes: { hr: ['CONTRIBUTION_YEARS_SHORT'], medical: ['MEDICAL_YEARS_SHORT'] },
    decision: 'REJECTED',
    extra: { topUp: 11_232_000 },
  },
  // 吴小平 M: ID 1966-12 → form statutory 23 months → +6 → 2027-06. File says 1965-12 → 11 months → +3 → 2026-03;
  // 2027-06 ≥ 2026-03 so the age passes, but the mismatch needs a person → HR MANUAL.
  {
    id: '441900196612010314',
    type: 'normal',
    month: '2027-06',
    out: { ...ok, hr: 'MANUAL' },
    codes: { hr: ['BIRTH_DATE_MISMATCH'] },
    decision: 'MANUAL_REVIEW',
    extra: { statutory: '2026-03' },
  },
  // 郑大力 M 1971-03, special job 132 ≥ 120 months; 55 in 2026-03; 396 ≥ 180; medical 396 ≥ 360.
  { id: '441900197103110338', type: 'special-job', month: '2026-03', out: ok, codes: {}, decision: 'APPROVED' },
  // 孙玉珍 F50 1980-02, certified; 45 in 2025-02; 260 ≥ 180; medical 300/240 exactly enough.
  { id: '441900198002140364', type: 'disability', month: '2025-02', out: ok, codes: {}, decision: 'APPROVED' },
  // 马俊 M 1967-01: 24 months → +7 → 60y7m → 2027-08; earliest = max(2024-08, 2027-01) = 2027-01. 456 ≥ 180.
  { id: '441900196701260374', type: 'flexible-early', month: '2027-01', out: ok, codes: {}, decision: 'APPROVED' },
  // 胡美玲 F55 1970-06: 5 months → +2 → 55y2m → 2025-08; +12 → 2026-08 within (2025-08, 2028-08]. 400 ≥ 180.
  { id: '441900197006180406', type: 'flexible-late', month: '2026-08', employerAgreement: true, out: ok, codes: {}, decision: 'APPROVED' },
  // 高文斌 M 1966-06: 17 months → +5 → 60y5m → 2026-11. 444 ≥ 180; medical 444.
  { id: '441900196606050416', type: 'normal', month: '2026-11', out: ok, codes: {}, decision: 'APPROVED' },
  // 何淑芬 F50 1976-04: 15 months → +8 → 50y8m → 2026-12. 312 ≥ 180; medical 312/240; sealed fund, 1560000 fen paid out.
  { id: '44190019760428044X', type: 'normal', month: '2026-12', out: ok, codes: {}, decision: 'APPROVED', extra: { withdrawal: 1_560_000 } },
];
