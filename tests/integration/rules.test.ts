/**
 * The dated rules through the real stack: a city file of the product's rules shape (POLICY_CITY_FILE) gives
 * its own medical total before 2030 and the province's takes over for a retirement from 2030-01
 * (粤医保规〔2022〕6号 第六条); an employee's flexible-late retirement needs the employer's agreement
 * (办法 第三条); and `npm start` refuses a city file that does not fit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../support/id-numbers.ts';
import { applicationFor, bookAndSubmit, startTestStack, type TestStack } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'rules-it-'));
const source = 'DEMO DEFAULT: a test city';
// The test city's own total before 2030: men 25 years (300 months), women 20.
const CITY = { medical: { requiredMonths: [{ validFrom: '2026-01-01', value: { male: 300, female: 240 }, source }] } };

// Men born 1966-10: statutory 60y6m → 2027-04; flexible late up to 2030-04. 408 months of pension, 330 of medical.
const man = (name: string, seq: number) => {
  const birthDate = `1966-10-${String(seq).padStart(2, '0')}`;
  return {
    idNumber: makeIdNumber('441900', birthDate, seq, 'male'),
    name,
    gender: 'male',
    birthDate,
    phone: `1370000${String(seq).padStart(4, '0')}`,
    hr: {
      originalRetirementAge: 60,
      personnelFileBirthDate: birthDate,
      contributionMonths: 408,
      insuredCity: '441900',
      receivingPension: false,
      specialJobMonths: 0,
      disabilityCertified: false,
      employer: '东莞市示例制造有限公司',
      averageIndexedWageRatio: 1,
      personalAccountFen: 12_000_000,
    },
    tax: { arrears: [] },
    medical: { contributionMonths: 330, localContributionMonths: 200 },
    housingFund: { accountNo: `DG${seq}`, status: 'active', balanceFen: 5_000_000, outstandingLoanFen: 0 },
  };
};
const before2030 = man('宇文德', 11);
const from2030 = man('慕容诚', 12);
const noAgreement = man('令狐直', 13);
const agreed = man('东方和', 14);
const settled = (c: any) => ['COMPLETED', 'MANUAL_REVIEW', 'EXPIRED'].includes(c.status);

describe('dated rules through the real stack', () => {
  let stack: TestStack;

  beforeAll(async () => {
    const fixtures = join(dir, 'people.json');
    writeFileSync(fixtures, JSON.stringify({ version: 1, citizens: [before2030, from2030, noAgreement, agreed] }));
    const city = join(dir, 'city.json');
    writeFileSync(city, JSON.stringify(CITY));
    // Read once, when the stack builds its runtime (functions/shared/policy-config.ts); this file runs in its own process.
    process.env.POLICY_CITY_FILE = city;
    stack = await startTestStack({ fixturesPath: fixtures, clockToday: '2029-11-15' });
  });
  afterAll(() => stack?.close());

  async function submit(person: ReturnType<typeof man>, requestedMonth: string, employerAgreement?: boolean) {
    const token = await stack.client.token('citizen', { idNumber: person.idNumber });
    const retirement = { type: 'flexible-late', requestedMonth, originalRetirementAge: 60, ...(employerAgreement === undefined ? {} : { employerAgreement }) };
    const caseNumber = await bookAndSubmit(stack.client, token, person, retirement);
    return stack.client.waitForCase(caseNumber, token, settled);
  }

  it("a retirement in 2029-12 is checked against the city's own total: 330 of 300 months", async () => {
    const c = await submit(before2030, '2029-12', true);
    expect(c.departments.medical.outcome).toBe('PASS');
    expect(c.departments.medical.details.requiredMonths).toBe(300);
    expect(c.decision).toBe('APPROVED');
  });

  it("a retirement in 2030-01 against the province's: 330 of 360, 30 months to top up", async () => {
    const c = await submit(from2030, '2030-01', true);
    expect(c.departments.medical.outcome).toBe('CONDITIONAL');
    expect(c.departments.medical.reasons.map((r: any) => r.code)).toEqual(['MEDICAL_YEARS_SHORT']);
    expect(c.departments.medical.details).toMatchObject({ requiredMonths: 360, shortMonths: 30, topUpMonths: 30 });
  });

  it('an employee who has not stated the employer agreed to flexible late retirement is refused, saying why', async () => {
    const c = await submit(noAgreement, '2030-02');
    expect(c.departments.hr.outcome).toBe('FAIL');
    expect(c.departments.hr.reasons.map((r: any) => r.code)).toEqual(['FLEXIBLE_LATE_AGREEMENT_MISSING']);
    expect(c.decision).toBe('REJECTED');
  });

  it('with the agreement the same request passes HR', async () => {
    const c = await submit(agreed, '2030-02', true);
    expect(c.departments.hr.outcome).toBe('PASS');
    expect(c.departments.hr.details.employerAgreement).toBe(true);
  });

  it('employerAgreement that is not a boolean is a 400 naming the field', async () => {
    const person = man('公孙正', 15);
    const token = await stack.client.token('citizen', { idNumber: person.idNumber });
    const booking = await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booking.status).toBe(201);
    const body = applicationFor(person, { type: 'flexible-late', requestedMonth: '2030-02', originalRetirementAge: 60 });
    const res = await stack.client.post(
      `/v1/cases/${booking.body.caseNumber}/application`,
      { ...body, retirement: { ...body.retirement, employerAgreement: 'yes' } },
      token,
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('retirement.employerAgreement');
  });
});

describe('npm start and a city file', () => {
  it('refuses to start on a file that does not fit, naming the file and the value', () => {
    const bad = join(dir, 'bad-city.json');
    writeFileSync(bad, JSON.stringify({ medical: { topUpBaseFen: 720000 } }));
    const run = spawnSync(process.execPath, ['infra/local/start.ts'], {
      env: { ...process.env, POLICY_CITY_FILE: bad, DATA_DIR: join(dir, 'data'), PORT: '0', DEV_MODE: 'true' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`refusing to start: POLICY_CITY_FILE ${bad} does not fit the policy rules`);
    expect(run.stderr).toContain('medical.topUpBaseFen');
    // Said plainly: a person mends the file, no stack trace to read through.
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
