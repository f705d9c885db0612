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
import { DEMO_SCENARIOS as rows, type Row } from '../../support/demo-scenarios.ts';
import { checkHr } from '../../../functions/domain/hr-check.ts';
import { checkTax } from '../../../functions/domain/tax-check.ts';
import { checkMedical } from '../../../functions/domain/medical-check.ts';
import { checkHousingFund } from '../../../functions/domain/housing-fund-check.ts';
import { checkHealth } from '../../../functions/domain/health-check.ts';
import { decide } from '../../../functions/domain/decide.ts';
import { preReview } from '../../../functions/domain/pre-review.ts';
import { DEMO_RULES } from '../../support/rules.ts';

const citizens: CitizenRecord[] = FixtureFile.parse(JSON.parse(readFileSync(new URL('../../../fixtures/citizens.json', import.meta.url), 'utf8'))).citizens;

const byId = new Map(citizens.map((c) => [c.idNumber, c]));

function applicationFor(c: CitizenRecord, row: Row): Application {
  return {
    applicant: { idNumber: c.idNumber, name: c.name, gender: c.gender, birthDate: c.birthDate, phone: c.phone, address: '广东省东莞市示例路1号' },
    retirement: {
      type: row.type,
      requestedMonth: row.month,
      originalRetirementAge: c.hr.originalRetirementAge,
      ...(row.employerAgreement ? { employerAgreement: true } : {}),
    },
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
      hr: checkHr({ record: c.hr, application, idBirthDate: c.birthDate, today, rules: DEMO_RULES }),
      tax: checkTax({ record: c.tax }),
      medical: checkMedical({ record: c.medical, gender: c.gender, retirementMonth: row.month, today, rules: DEMO_RULES }),
      housingFund: checkHousingFund({ record: c.housingFund, withdraw: true }),
      health: checkHealth({
        record: c.health ? { onlyChildParent: c.health.onlyChildParent ?? false } : undefined,
        retirementMonth: row.month,
        rules: DEMO_RULES,
      }),
    };
    for (const key of ['hr', 'tax', 'medical', 'housingFund', 'health'] as const) {
      expect({ key, outcome: departments[key].outcome, codes: departments[key].reasons.map((x) => x.code) }).toEqual({
        key,
        outcome: row.out[key] ?? 'NOT_APPLICABLE',
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
    expect(checkMedical({ record: undefined, gender: c.gender, retirementMonth: row.month, today: '2027-03-15', rules: DEMO_RULES }).outcome).toBe('FAIL');
    expect(checkTax({ record: undefined }).outcome).toBe('PASS');
    expect(checkHousingFund({ record: undefined, withdraw: true }).outcome).toBe('NOT_APPLICABLE');
  });
});
