/**
 * Whole cases through the real embedded stack: HTTP → handlers → DynamoDB Local → local Step Functions
 * (four parallel checks against the department stand-ins) → sealed PDF in the S3 server.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../support/demo-scenarios.ts';
import { makeIdNumber } from '../support/id-numbers.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const byId = new Map(demo.map((c) => [c.idNumber, c]));
const settled = (c: any) => ['COMPLETED', 'MANUAL_REVIEW', 'EXPIRED'].includes(c.status);

function pdfsig(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  // pdfsig exits 0 even when the digest does not match, so its text is what counts.
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? '');
  }
}

function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return `${prev}-15`;
}

describe('demo scenarios end to end', () => {
  let stack: TestStack;
  let staff: string;
  let supervisor: string;

  beforeAll(async () => {
    stack = await startTestStack();
    staff = await stack.client.token('pre-review', { name: '预审员甲' });
    supervisor = await stack.client.token('supervisor', { name: '科长乙' });
  });
  afterAll(() => stack?.close());

  for (const row of DEMO_SCENARIOS) {
    const person = byId.get(row.id);
    it(`${person.name} (${row.type} ${row.month}) → ${row.decision}`, async () => {
      const { client } = stack;
      stack.setToday(monthBefore(row.month));
      const token = await client.token('citizen', { idNumber: row.id });
      const caseNumber = await bookAndSubmit(client, token, person, {
        type: row.type,
        requestedMonth: row.month,
        originalRetirementAge: person.hr.originalRetirementAge,
        ...(row.employerAgreement ? { employerAgreement: true } : {}),
      });

      let c = await client.waitForCase(caseNumber, token, settled);
      for (const [dept, outcome] of Object.entries(row.out)) expect(c.departments[dept].outcome, dept).toBe(outcome);
      for (const [dept, codes] of Object.entries(row.codes))
        expect(c.departments[dept].reasons.map((r: any) => r.code)).toEqual(expect.arrayContaining(codes!));

      if (row.decision === 'MANUAL_REVIEW') {
        expect(c.status).toBe('MANUAL_REVIEW');
        expect(c.documents).toEqual([]);
        const queue = await client.get('/v1/staff/cases?status=MANUAL_REVIEW', staff);
        expect(queue.body.map((q: any) => q.caseNumber)).toContain(caseNumber);
        const review = await client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'manual', outcome: 'PASS', note: '已核实档案材料' }, supervisor);
        expect(review.status).toBe(202);
        c = await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED');
        expect(c.decision).toBe('APPROVED');
      } else {
        expect(c.status).toBe('COMPLETED');
        expect(c.decision).toBe(row.decision);
      }
      expect(c.timeline.map((t: any) => t.status)).toEqual(expect.arrayContaining(['BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'CHECKING', 'SEALING', 'COMPLETED']));

      expect(c.documents.length).toBeGreaterThanOrEqual(1);
      expect(c.documents[0].documentId).toBe(`${caseNumber}-01`);
      expect(c.documents[0].title).toBe(c.decision === 'APPROVED' ? '退休审批结果通知书' : '不予批准通知');
      for (const ref of c.documents) {
        const doc = await client.get(`/v1/cases/${caseNumber}/documents/${ref.documentId}`, token);
        expect(doc.status).toBe(200);
        expect(doc.headers.get('content-type')).toBe('application/pdf');
        expect(createHash('sha256').update(doc.bytes).digest('hex')).toBe(ref.sha256);
        expect(pdfsig(doc.bytes)).toContain('Signature is Valid');
      }
      // One number in every message: a message at every stage the case went through, all to the booked phone.
      const messages = await stack.runtime.outbox.forCase(caseNumber);
      const stages = ['booked', 'submitted', ...(row.decision === 'MANUAL_REVIEW' ? ['manual-review'] : []), 'decided', 'documents-ready'];
      expect(messages.map((m) => m.kind)).toEqual(stages);
      for (const m of messages) {
        expect(m.text).toContain(caseNumber);
        expect(m.to).toBe(person.phone);
      }
      if (row.extra?.topUp) expect(c.departments.medical.details.topUpAmountFen).toBe(row.extra.topUp);
      if (row.extra?.taxTotal) expect(c.departments.tax.details.totalArrearsFen).toBe(row.extra.taxTotal);
      if (row.extra?.withdrawal) expect(c.departments.housingFund.details.withdrawalAmountFen).toBe(row.extra.withdrawal);
    });
  }

  it('a sealed document with one flipped byte no longer verifies', async () => {
    const { client } = stack;
    const row = DEMO_SCENARIOS[0];
    const person = byId.get(row.id);
    const token = await client.token('citizen', { idNumber: row.id });
    const list = await client.get('/v1/staff/cases?status=COMPLETED', staff);
    const mine = list.body.find((x: any) => x.applicant.idNumber.endsWith(person.idNumber.slice(-4)));
    const c = (await client.get(`/v1/cases/${mine.caseNumber}`, token)).body;
    const doc = await client.get(`/v1/cases/${c.caseNumber}/documents/${c.documents[0].documentId}`, token);
    const tampered = Uint8Array.from(doc.bytes);
    // A byte inside the signed page content, well away from the signature's own /Contents.
    const at = tampered.length - 2000;
    tampered[at] = tampered[at] ^ 0x01;
    const out = pdfsig(tampered);
    expect(out).not.toContain('Signature is Valid');
  });
});

describe('people the stack has never seen', () => {
  // Generated here, in another city (440300), with their outcomes derived by hand from the rules.
  // Today is pinned to 2026-08-01; application window 2026-08 … 2027-02.
  let stack: TestStack;
  const people: any[] = [];
  const base = (name: string, gender: 'male' | 'female', birthDate: string, seq: number, origin: number) => ({
    idNumber: makeIdNumber('440300', birthDate, seq, gender),
    name,
    gender,
    birthDate,
    phone: `139${String(seq).padStart(8, '0')}`,
    hr: {
      originalRetirementAge: origin,
      personnelFileBirthDate: birthDate,
      contributionMonths: 300,
      insuredCity: '440300',
      receivingPension: false,
      specialJobMonths: 0,
      disabilityCertified: false,
      employer: '深圳市测试科技有限公司',
      averageIndexedWageRatio: 1.2,
      personalAccountFen: 12000000,
    },
    tax: { arrears: [] as any[] },
    medical: { contributionMonths: 380, localContributionMonths: 200 },
    housingFund: { accountNo: `SZ${seq}`, status: 'active', balanceFen: 5000000, outstandingLoanFen: 0 },
  });
  // Man born 1966-05: 16 months after 1965-01 → +5 → 60y5m → 2026-10. All records sufficient.
  const allPass = base('欧阳明远', 'male', '1966-05-20', 11, 60);
  // Woman (55) born 1971-05: 16 months after 1970-01 → +5 → 55y5m → 2026-10. Two months unpaid → tax FAIL.
  const arrears = {
    ...base('司马静', 'female', '1971-05-08', 22, 55),
    tax: {
      arrears: [
        { month: '2026-03', amountFen: 120000 },
        { month: '2026-04', amountFen: 130000 },
      ],
    },
  };
  // Woman (50) born 1976-02: 13 months after 1975-01 → +7 → 50y7m → 2026-09. Medical 250 of 300 → 50 months × 52000 fen.
  const medicalShort = { ...base('上官云', 'female', '1976-02-11', 33, 50), medical: { contributionMonths: 250, localContributionMonths: 200 } };
  // Man born 1966-04: 15 months → +4 → 60y4m → 2026-08. A housing loan outstanding → MANUAL.
  const loan = {
    ...base('诸葛亮平', 'male', '1966-04-02', 44, 60),
    housingFund: { accountNo: 'SZ44', status: 'active', balanceFen: 3000000, outstandingLoanFen: 900000 },
  };
  // Man born 1966-05 with no record anywhere → NO_INSURANCE_RECORD.
  const unknown = {
    idNumber: makeIdNumber('440300', '1966-05-01', 55, 'male'),
    name: '端木无名',
    gender: 'male',
    birthDate: '1966-05-01',
    phone: '13900000055',
  };
  people.push(allPass, arrears, medicalShort, loan);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unseen-'));
    const file = join(dir, 'people.json');
    writeFileSync(file, JSON.stringify({ version: 1, citizens: people }));
    stack = await startTestStack({ fixturesPath: file, clockToday: '2026-08-01' });
  });
  afterAll(() => stack?.close());

  const cases: [string, any, string, Record<string, string>, string][] = [
    ['all pass', allPass, '2026-10', { hr: 'PASS', tax: 'PASS', medical: 'PASS', housingFund: 'PASS' }, 'APPROVED'],
    ['tax arrears', arrears, '2026-10', { tax: 'FAIL' }, 'REJECTED'],
    ['medical top-up', medicalShort, '2026-09', { medical: 'CONDITIONAL', hr: 'PASS' }, 'APPROVED'],
    ['housing loan', loan, '2026-08', { housingFund: 'MANUAL' }, 'MANUAL_REVIEW'],
    ['no record anywhere', unknown, '2026-10', { hr: 'FAIL', housingFund: 'NOT_APPLICABLE' }, 'REJECTED'],
  ];
  for (const [label, person, month, outcomes, decision] of cases) {
    it(`${label} → ${decision}`, async () => {
      const { client } = stack;
      const token = await client.token('citizen', { idNumber: person.idNumber });
      const caseNumber = await bookAndSubmit(client, token, person, {
        type: 'normal',
        requestedMonth: month,
        originalRetirementAge: person.hr?.originalRetirementAge ?? 60,
      });
      const c = await client.waitForCase(caseNumber, token, settled);
      for (const [dept, outcome] of Object.entries(outcomes)) expect(c.departments[dept].outcome, dept).toBe(outcome);
      if (decision === 'MANUAL_REVIEW') expect(c.status).toBe('MANUAL_REVIEW');
      else expect(c.decision).toBe(decision);
      if (label === 'medical top-up') expect(c.departments.medical.details.topUpAmountFen).toBe(50 * 52_000);
      if (label === 'tax arrears') expect(c.departments.tax.details.totalArrearsFen).toBe(250_000);
      if (label === 'no record anywhere') expect(c.departments.hr.reasons.map((r: any) => r.code)).toContain('NO_INSURANCE_RECORD');
    });
  }
});
