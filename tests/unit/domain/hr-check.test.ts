import { describe, expect, it } from 'vitest';
import { checkHr } from '../../../functions/domain/hr-check.ts';
import { makeApplication, makeHrRecord } from './helpers.ts';

const TODAY = '2026-11-24';

type Row = {
  name: string;
  app: Parameters<typeof makeApplication>[0];
  record: Parameters<typeof makeHrRecord>[0];
  idBirthDate?: string;
  outcome: string;
  codes: string[];
  statutory: string;
};

// Man born 1966-10-12 (original 60): statutory 60y6m → 2027-04; original-age month 2026-10;
// flexible window [2026-10, 2027-04) early, (2027-04, 2030-04] late. Minimum 180 months until 2029, 186 in 2030.
const MAN = { gender: 'male', birthDate: '1966-10-12', originalRetirementAge: 60 } as const;
// Special job man born 1971-03-11: age 55 in 2026-03; statutory: 74 months after 1965-01 → 19th step → 61y7m → 2032-10. Worker woman born 1980-02-14: age 45 in 2025-02.
const SJ_MAN = { gender: 'male', birthDate: '1971-03-11', originalRetirementAge: 60 } as const;
const SJ_MAN_REC = { personnelFileBirthDate: '1971-03-11', specialJobMonths: 132, contributionMonths: 396 };
// Man born 1976-03-11: age 50 in 2026-03; statutory: 134 months after 1965-01 → 34th step → 62y10m → 2039-01.
const DIS_MAN = { gender: 'male', birthDate: '1976-03-11', originalRetirementAge: 60 } as const;
const DIS_MAN_REC = { personnelFileBirthDate: '1976-03-11', contributionMonths: 240, disabilityCertified: true };
const W50 = { gender: 'female', birthDate: '1980-02-14', originalRetirementAge: 50 } as const;
const W50_REC = { originalRetirementAge: 50, personnelFileBirthDate: '1980-02-14', contributionMonths: 260 } as const;
// Worker woman born 1984-11-05: statutory 55y0m → 2039-11; original-age month 2034-11; earliest flexible 2036-11;
// minimum in 2036 = 15 + 7 × 0.5 = 18.5 years = 222 months.
const W50_CAP = { gender: 'female', birthDate: '1984-11-05', originalRetirementAge: 50 } as const;
const W50_CAP_REC = { originalRetirementAge: 50, personnelFileBirthDate: '1984-11-05', contributionMonths: 300 } as const;

const rows: Row[] = [
  { name: 'normal at the statutory month', app: { ...MAN, requestedMonth: '2027-04' }, record: {}, outcome: 'PASS', codes: [], statutory: '2027-04' },
  { name: 'normal after the statutory month', app: { ...MAN, requestedMonth: '2027-09' }, record: {}, outcome: 'PASS', codes: [], statutory: '2027-04' },
  {
    name: 'normal one month early',
    app: { ...MAN, requestedMonth: '2027-03' },
    record: {},
    outcome: 'FAIL',
    codes: ['RETIREMENT_AGE_NOT_REACHED'],
    statutory: '2027-04',
  },
  {
    name: 'flexible-early at the original age',
    app: { ...MAN, type: 'flexible-early', requestedMonth: '2026-10' },
    record: {},
    outcome: 'PASS',
    codes: [],
    statutory: '2027-04',
  },
  {
    name: 'flexible-early below the original age',
    app: { ...MAN, type: 'flexible-early', requestedMonth: '2026-09' },
    record: {},
    outcome: 'FAIL',
    codes: ['RETIREMENT_AGE_NOT_REACHED'],
    statutory: '2027-04',
  },
  {
    name: 'flexible-early at the statutory month',
    app: { ...MAN, type: 'flexible-early', requestedMonth: '2027-04' },
    record: {},
    outcome: 'FAIL',
    codes: ['FLEXIBLE_WINDOW_EXCEEDED'],
    statutory: '2027-04',
  },
  {
    name: 'flexible-early more than 3 years early (woman 50 at the cap)',
    app: { ...W50_CAP, type: 'flexible-early', requestedMonth: '2036-10' },
    record: W50_CAP_REC,
    outcome: 'FAIL',
    codes: ['FLEXIBLE_WINDOW_EXCEEDED'],
    statutory: '2039-11',
  },
  {
    name: 'flexible-early exactly 3 years early with 222 months',
    app: { ...W50_CAP, type: 'flexible-early', requestedMonth: '2036-11' },
    record: { ...W50_CAP_REC, contributionMonths: 222 },
    outcome: 'PASS',
    codes: [],
    statutory: '2039-11',
  },
  {
    name: 'flexible-early with 221 months (2036 minimum 18.5 years)',
    app: { ...W50_CAP, type: 'flexible-early', requestedMonth: '2036-11' },
    record: { ...W50_CAP_REC, contributionMonths: 221 },
    outcome: 'FAIL',
    codes: ['CONTRIBUTION_YEARS_SHORT'],
    statutory: '2039-11',
  },
  {
    name: 'flexible-late at +36 months',
    app: { ...MAN, type: 'flexible-late', requestedMonth: '2030-04', employerAgreement: true },
    record: { contributionMonths: 186 },
    outcome: 'PASS',
    codes: [],
    statutory: '2027-04',
  },
  {
    name: 'flexible-late at +37 months',
    app: { ...MAN, type: 'flexible-late', requestedMonth: '2030-05', employerAgreement: true },
    record: {},
    outcome: 'FAIL',
    codes: ['FLEXIBLE_WINDOW_EXCEEDED'],
    statutory: '2027-04',
  },
  {
    name: 'flexible-late at the statutory month',
    app: { ...MAN, type: 'flexible-late', requestedMonth: '2027-04', employerAgreement: true },
    record: {},
    outcome: 'FAIL',
    codes: ['FLEXIBLE_WINDOW_EXCEEDED'],
    statutory: '2027-04',
  },
  {
    // The statutory year's minimum applies to a late retiree (2027: 180), not the year chosen (2030: 186).
    name: 'flexible-late into 2030 with 185 months (2027 needs 180)',
    app: { ...MAN, type: 'flexible-late', requestedMonth: '2030-01', employerAgreement: true },
    record: { contributionMonths: 185 },
    outcome: 'PASS',
    codes: [],
    statutory: '2027-04',
  },
  {
    name: 'flexible-late into 2030 with 179 months (2027 needs 180)',
    app: { ...MAN, type: 'flexible-late', requestedMonth: '2030-01', employerAgreement: true },
    record: { contributionMonths: 179 },
    outcome: 'FAIL',
    codes: ['CONTRIBUTION_YEARS_SHORT'],
    statutory: '2027-04',
  },
  {
    name: 'special job at 55 with 132 months',
    app: { ...SJ_MAN, type: 'special-job', requestedMonth: '2026-03' },
    record: SJ_MAN_REC,
    outcome: 'PASS',
    codes: [],
    statutory: '2032-10',
  },
  {
    name: 'special job with exactly 120 months',
    app: { ...SJ_MAN, type: 'special-job', requestedMonth: '2026-03' },
    record: { ...SJ_MAN_REC, specialJobMonths: 120 },
    outcome: 'PASS',
    codes: [],
    statutory: '2032-10',
  },
  {
    name: 'special job a month before 55 and 119 job months',
    app: { ...SJ_MAN, type: 'special-job', requestedMonth: '2026-02' },
    record: { ...SJ_MAN_REC, specialJobMonths: 119 },
    outcome: 'FAIL',
    codes: ['RETIREMENT_AGE_NOT_REACHED', 'SPECIAL_JOB_YEARS_SHORT'],
    statutory: '2032-10',
  },
  {
    name: 'special job woman at 45',
    app: { ...W50, type: 'special-job', requestedMonth: '2025-02' },
    record: { ...W50_REC, specialJobMonths: 150 },
    outcome: 'PASS',
    codes: [],
    statutory: '2032-09',
  },
  {
    name: 'disability woman at 45, certified',
    app: { ...W50, type: 'disability', requestedMonth: '2025-02' },
    record: { ...W50_REC, disabilityCertified: true },
    outcome: 'PASS',
    codes: [],
    statutory: '2032-09',
  },
  {
    name: 'disability not certified and a month before 45',
    app: { ...W50, type: 'disability', requestedMonth: '2025-01' },
    record: W50_REC,
    outcome: 'FAIL',
    codes: ['DISABILITY_NOT_CERTIFIED', 'RETIREMENT_AGE_NOT_REACHED'],
    statutory: '2032-09',
  },
  // man born 1971-03-11 is 50 in 2021-03
  {
    name: 'disability man at 50',
    app: { ...DIS_MAN, type: 'disability', requestedMonth: '2026-03' },
    record: DIS_MAN_REC,
    outcome: 'PASS',
    codes: [],
    statutory: '2039-01',
  },
  {
    name: 'disability man at 49y11m',
    app: { ...DIS_MAN, type: 'disability', requestedMonth: '2026-02' },
    record: DIS_MAN_REC,
    outcome: 'FAIL',
    codes: ['RETIREMENT_AGE_NOT_REACHED'],
    statutory: '2039-01',
  },
  {
    name: 'pension already drawn and 144 months: both reasons',
    app: { ...MAN },
    record: { receivingPension: true, contributionMonths: 144 },
    outcome: 'FAIL',
    codes: ['DUPLICATE_PENSION', 'CONTRIBUTION_YEARS_SHORT'],
    statutory: '2027-04',
  },
  // ID says 1966-12-01 (statutory 2027-06); the file says 1965-12-01: 11 months after 1965-01 → 3rd step → 60y3m → 2026-03
  {
    name: 'file birth date differs: evaluated with the file',
    app: { ...MAN, birthDate: '1966-12-01', requestedMonth: '2026-03' },
    idBirthDate: '1966-12-01',
    record: { personnelFileBirthDate: '1965-12-01' },
    outcome: 'MANUAL',
    codes: ['BIRTH_DATE_MISMATCH'],
    statutory: '2026-03',
  },
  {
    name: 'file birth date differs and too early by the file',
    app: { ...MAN, birthDate: '1966-12-01', requestedMonth: '2026-02' },
    idBirthDate: '1966-12-01',
    record: { personnelFileBirthDate: '1965-12-01' },
    outcome: 'FAIL',
    codes: ['RETIREMENT_AGE_NOT_REACHED', 'BIRTH_DATE_MISMATCH'],
    statutory: '2026-03',
  },
  // woman born 1971-08-03: HR says 55 (statutory 2027-01); with the form's 50 she would be past 50 since 2021-08
  {
    name: "HR's original age governs over the form's",
    app: { gender: 'female', birthDate: '1971-08-03', originalRetirementAge: 50, requestedMonth: '2026-12' },
    record: { originalRetirementAge: 55, personnelFileBirthDate: '1971-08-03' },
    outcome: 'FAIL',
    codes: ['RETIREMENT_AGE_NOT_REACHED'],
    statutory: '2027-01',
  },
];

describe('checkHr', () => {
  it.each(rows)('$name → $outcome $codes', (row) => {
    const application = makeApplication(row.app);
    const r = checkHr({
      record: makeHrRecord(row.record),
      application,
      idBirthDate: row.idBirthDate ?? application.applicant.birthDate,
      today: TODAY,
    });
    expect(r.outcome).toBe(row.outcome);
    expect(r.reasons.map((x) => x.code)).toEqual(row.codes);
    expect(r.details.statutoryRetirementMonth).toBe(row.statutory);
    expect(r.details.retirementMonth).toBe(application.retirement.requestedMonth);
  });

  it('no record → NO_INSURANCE_RECORD', () => {
    const r = checkHr({ record: undefined, application: makeApplication({}), idBirthDate: '1966-10-12', today: TODAY });
    expect(r.outcome).toBe('FAIL');
    expect(r.reasons.map((x) => x.code)).toEqual(['NO_INSURANCE_RECORD']);
  });

  it('states the statutory month in plain Chinese', () => {
    const r = checkHr({ record: makeHrRecord(), application: makeApplication({ requestedMonth: '2027-03' }), idBirthDate: '1966-10-12', today: TODAY });
    expect(r.reasons[0]!.message).toBe('尚未达到法定退休年龄，法定退休时间为 2027年04月。');
  });

  it('a contribution shortfall gives the months short and both remedies', () => {
    const r = checkHr({
      record: makeHrRecord({ contributionMonths: 144 }),
      application: makeApplication({}),
      idBirthDate: '1966-10-12',
      today: TODAY,
    });
    const msg = r.reasons.find((x) => x.code === 'CONTRIBUTION_YEARS_SHORT')!.message;
    expect(msg).toContain('还差 36 个月');
    expect(msg).toContain('延长缴费');
    expect(msg).toContain('一次性补缴');
    expect(r.details).toMatchObject({ minimumContributionMonths: 180, contributionMonths: 144, contributionShortMonths: 36 });
  });

  it('PASS carries the basics and notes an original-age mismatch', () => {
    const r = checkHr({
      record: makeHrRecord(),
      application: makeApplication({ originalRetirementAge: 55 }),
      idBirthDate: '1966-10-12',
      today: TODAY,
    });
    expect(r.outcome).toBe('PASS');
    expect(r.details).toMatchObject({
      statutoryRetirementAge: { years: 60, months: 6 },
      minimumContributionMonths: 180,
      contributionMonths: 408,
      contributionYears: 34,
      personalAccountFen: 17136000,
      originalRetirementAgeMismatch: { form: 55, record: 60 },
    });
  });
});
