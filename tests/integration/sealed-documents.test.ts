/**
 * Sealed documents through the real embedded stack: every paper a case gets, each under its issuing body's
 * own seal; pdfsig trusts them once NSS trusts the dev seal CA; their text carries the figures the case
 * record holds; public verification tells an original from a tampered, re-signed or never-issued copy.
 * Expected figures are computed here from the case record JSON (GET /v1/cases) and the policy numbers,
 * never from the renderer.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../functions/domain/policy.ts';
import { ensureDevPki } from '../../functions/sealing/dev-pki.ts';
import { localSealSigner } from '../../functions/sealing/local-signer.ts';
import { sealDocument } from '../../functions/sealing/seal-pdf.ts';
import { documentsFromCase } from '../../functions/documents/index.ts';
import { handler as sealStep } from '../../functions/steps/seal.ts';
import { nssDbTrusting, run, tempDir } from '../unit/sealing/fixtures.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const person = (id: string) => demo.find((c) => c.idNumber === id);
const LI = person('441900197107150222'); // 李春梅: approved, medical top-up, fund withdrawn
const WANG = person('441900196609300193'); // 王建华: rejected, tax arrears
const LIN = person('441900197108030169'); // 林秀英: approved, a one-child parent (卫健's reward notice)
const FORM_BANK_ACCOUNT = '6222190000000001'; // what harness.applicationFor submits

const work = tempDir('sealed-it');
const money = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const squash = (s: string) => s.replace(/\s+/g, '');

function pdftext(bytes: Uint8Array, name: string): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  // -raw: content-stream order, so a table cell's wrapped lines stay together.
  return squash(run('pdftotext', ['-raw', file, '-']));
}

function pdfsig(bytes: Uint8Array, nssDir: string, name: string): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  return run('pdfsig', ['-nssdir', nssDir, file]);
}

describe('sealed documents end to end', () => {
  let stack: TestStack;
  let nssDir: string;
  let approved: any;
  let rejected: any;
  let oneChild: any;
  let liToken: string;
  let wangToken: string;
  const pdfs = new Map<string, Uint8Array>();

  async function complete(p: any, month: string, today: string): Promise<[any, string]> {
    stack.setToday(today);
    const token = await stack.client.token('citizen', { idNumber: p.idNumber });
    const caseNumber = await bookAndSubmit(stack.client, token, p, {
      type: 'normal',
      requestedMonth: month,
      originalRetirementAge: p.hr.originalRetirementAge,
    });
    const c = await stack.client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED', 30_000);
    for (const d of c.documents) {
      const res = await stack.client.get(`/v1/cases/${caseNumber}/documents/${d.documentId}`, token);
      expect(res.status).toBe(200);
      pdfs.set(d.documentId, res.bytes);
    }
    return [c, token];
  }

  beforeAll(async () => {
    stack = await startTestStack();
    nssDir = nssDbTrusting(readFileSync(join(stack.dataDir, 'pki', 'seal-ca.cert.pem'), 'utf8'));
    [approved, liToken] = await complete(LI, '2026-12', '2026-11-15');
    [rejected, wangToken] = await complete(WANG, '2027-03', '2027-02-15');
    [oneChild] = await complete(LIN, '2027-01', '2026-12-15');
  }, 120_000);
  afterAll(() => stack?.close());

  it('an approved case gets one paper per issuing body; a rejected case one 不予批准通知', () => {
    const n = approved.caseNumber;
    expect(approved.decision).toBe('APPROVED');
    expect(approved.departments.medical.outcome).toBe('CONDITIONAL');
    expect(approved.departments.housingFund.outcome).toBe('PASS');
    expect(approved.documents.map((d: any) => [d.documentId, d.title])).toEqual([
      [`${n}-01`, '退休审批结果通知书'],
      [`${n}-02`, '基本养老金核定表'],
      [`${n}-03`, '医保补缴通知书'],
      [`${n}-04`, '公积金提取及销户凭证'],
    ]);
    expect(approved.departments.health.outcome).toBe('NOT_APPLICABLE');
    expect(rejected.decision).toBe('REJECTED');
    expect(rejected.documents.map((d: any) => [d.documentId, d.title])).toEqual([[`${rejected.caseNumber}-01`, '不予批准通知']]);
    // A one-child parent gets the health commission's reward notice as a fifth paper (李春梅 above is not one).
    const m = oneChild.caseNumber;
    expect(oneChild.departments.health.outcome).toBe('PASS');
    expect(oneChild.documents.map((d: any) => [d.documentId, d.title])).toEqual([
      [`${m}-01`, '退休审批结果通知书'],
      [`${m}-02`, '基本养老金核定表'],
      [`${m}-03`, '医保退休待遇确认书'],
      [`${m}-04`, '公积金提取及销户凭证'],
      [`${m}-05`, '独生子女父母退休奖励核定通知'],
    ]);
  });

  it('every paper: the hash the case records, "Signature is Valid", "Certificate is Trusted", its body’s own seal', () => {
    const seals: Record<string, string> = {
      '01': '退休一件事 一站式服务 电子印章',
      '02': '退休一件事 人力资源和社会保障局 电子印章',
      '03': '退休一件事 医疗保障局 电子印章',
      '04': '退休一件事 住房公积金管理中心 电子印章',
      '05': '退休一件事 卫生健康局 电子印章',
    };
    for (const c of [approved, rejected, oneChild]) {
      for (const d of c.documents) {
        const bytes = pdfs.get(d.documentId)!;
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
        const out = pdfsig(bytes, nssDir, d.documentId);
        expect(out, d.documentId).toContain('Signature is Valid');
        expect(out, d.documentId).toContain('Certificate is Trusted');
        expect(out, d.documentId).toContain('Total document signed');
        expect(out).toContain(`Signer Certificate Common Name: ${seals[d.documentId.slice(-2)]}`);
      }
    }
  });

  it('every page of every paper shows the case number, the document number and the person', () => {
    for (const [c, p] of [
      [approved, LI],
      [rejected, WANG],
      [oneChild, LIN],
    ] as const) {
      for (const d of c.documents) {
        const text = pdftext(pdfs.get(d.documentId)!, d.documentId);
        for (const s of [c.caseNumber, d.documentId, p.name, d.title, '扫码验证真伪', '签章时间']) expect(text, `${d.documentId}: ${s}`).toContain(squash(s));
        expect(text).not.toMatch(/\d{17}[\dX]/); // never a full ID number
      }
    }
  });

  it('基本养老金核定表 prints the pension computed from the HR figures the case holds', () => {
    const x = approved.departments.hr.details;
    const wage = DEFAULT_POLICY.pension.cityAverageMonthlyWageFen;
    const basic = Math.round((wage * (1 + x.averageIndexedWageRatio) * x.contributionMonths) / 2400);
    const [by, bm] = x.birthDateUsed.split('-').map(Number);
    const [ry, rm] = x.retirementMonth.split('-').map(Number);
    const ageYears = Math.floor(((ry - by) * 12 + (rm - bm)) / 12);
    const divisor = DEFAULT_POLICY.pension.personalAccountDivisors[ageYears]!;
    const personal = Math.round(x.personalAccountFen / divisor);
    // 李春梅: 300 months, index 1, 12600000 fen, 55 → 170 months.
    expect([x.contributionMonths, ageYears, divisor]).toEqual([300, 55, 170]);
    const text = pdftext(pdfs.get(`${approved.caseNumber}-02`)!, 'pension');
    for (const s of [money(basic), money(personal), money(basic + personal), money(x.personalAccountFen), money(wage), `${divisor}个月`, '国发〔2005〕38号']) {
      expect(text, s).toContain(squash(s));
    }
  });

  it('医保补缴通知书 prints the months and the amount of the top-up the case holds', () => {
    const x = approved.departments.medical.details;
    expect(x.topUpAmountFen).toBe(3_744_000);
    const text = pdftext(pdfs.get(`${approved.caseNumber}-03`)!, 'medical');
    for (const s of [money(x.topUpAmountFen), `${x.topUpMonths} 个月`, ...approved.departments.medical.reasons.map((r: any) => r.message)]) {
      expect(text, s).toContain(squash(s));
    }
    // The one-stop notice agrees with it.
    expect(pdftext(pdfs.get(`${approved.caseNumber}-01`)!, 'notice')).toContain(squash(money(x.topUpAmountFen)));
  });

  it('公积金提取及销户凭证 prints the withdrawal, the masked accounts and the closure', () => {
    const x = approved.departments.housingFund.details;
    expect(x.closeAccount).toBe(true);
    const text = pdftext(pdfs.get(`${approved.caseNumber}-04`)!, 'fund');
    for (const s of [money(x.withdrawalAmountFen), `****${FORM_BANK_ACCOUNT.slice(-4)}`, `****${x.accountNo.slice(-4)}`, '已销户'])
      expect(text, s).toContain(squash(s));
    expect(text).not.toContain(FORM_BANK_ACCOUNT);
    expect(text).not.toContain(x.accountNo);
  });

  it('独生子女父母退休奖励核定通知 prints the reward the case holds, where it comes from, and that the figure is a demo default', () => {
    const x = oneChild.departments.health.details;
    expect(x.onlyChildParent).toBe(true);
    expect(x.rewardFen).toBeGreaterThan(0);
    const text = pdftext(pdfs.get(`${oneChild.caseNumber}-05`)!, 'health');
    const [y, m, d] = x.rewardEffectiveFrom.split('-').map(Number);
    for (const s of [
      money(x.rewardFen),
      `${y}年${m}月${d}日`,
      '2027年1月',
      '《广东省人口与计划生育条例》',
      '第三十六条第（一）项',
      '《中华人民共和国人口与计划生育法》第三十一条',
      `****${FORM_BANK_ACCOUNT.slice(-4)}`,
    ]) {
      expect(text, s).toContain(squash(s));
    }
    expect(x.rewardDemoDefault).toBe(true);
    expect(text).toContain('演示默认值');
    expect(text).not.toContain(FORM_BANK_ACCOUNT);
    // The one-stop notice lists the health commission with the same amount.
    const notice = pdftext(pdfs.get(`${oneChild.caseNumber}-01`)!, 'notice-health');
    expect(notice).toContain('卫生健康局');
    expect(notice).toContain(squash(money(x.rewardFen)));
  });

  it('不予批准通知 names every reason the case holds, with what to do about it', () => {
    const text = pdftext(pdfs.get(`${rejected.caseNumber}-01`)!, 'rejection');
    const reasons = Object.values(rejected.departments)
      .filter((d: any) => d.outcome === 'FAIL')
      .flatMap((d: any) => d.reasons);
    expect(reasons.map((r: any) => r.code)).toEqual(['TAX_ARREARS']);
    for (const r of reasons) expect(text).toContain(squash(r.message));
    expect(text).toContain(`${money(rejected.departments.tax.details.totalArrearsFen).slice(1)}元`);
    expect(text).toContain(squash('请联系单位或到税务窗口结清欠缴后再申请。'));
    expect(text).toContain('行政复议');
  });

  describe('POST /v1/verify', () => {
    const post = (bytes: Uint8Array | string, type = 'application/pdf') =>
      stack.client.request('POST', '/v1/verify', { raw: bytes, headers: { 'content-type': type } });

    it('the original is valid and named', async () => {
      for (const d of [...approved.documents, ...rejected.documents, ...oneChild.documents]) {
        const res = await post(pdfs.get(d.documentId)!);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ valid: true, documentId: d.documentId, reasons: [] });
      }
    });

    it('one flipped byte is DIGEST_MISMATCH', async () => {
      const bytes = Uint8Array.from(pdfs.get(`${approved.caseNumber}-03`)!);
      bytes[bytes.length - 2000]! ^= 0x01;
      expect((await post(bytes)).body).toEqual({ valid: false, reasons: ['DIGEST_MISMATCH'] });
      expect(pdfsig(bytes, nssDir, 'flipped')).not.toContain('Signature is Valid');
    });

    it('bytes appended after sealing are BYTE_RANGE_INCOMPLETE', async () => {
      const original = pdfs.get(`${approved.caseNumber}-01`)!;
      const appended = new Uint8Array([...original, ...new TextEncoder().encode('\n%%EOF\n')]);
      expect((await post(appended)).body).toEqual({ valid: false, reasons: ['BYTE_RANGE_INCOMPLETE'] });
    });

    async function paperData(caseNumber: string, documentId: string, issuedAt: string) {
      const record = (await stack.runtime.cases.get(caseNumber))!;
      const data = documentsFromCase(record, {
        issuedAt,
        verifyUrl: (id) => `${stack.runtime.publicBaseUrl}/verify/${id}`,
        issuers: Object.fromEntries(Object.entries((await stack.runtime.sealing()).seals).map(([b, s]) => [b, s.issuer])) as any,
      }).find((d) => d.documentId === documentId)!;
      return data;
    }

    it('the same paper re-signed under another CA is UNTRUSTED_CERTIFICATE (pdfsig: not trusted)', async () => {
      const doc = approved.documents[3];
      const data = await paperData(approved.caseNumber, doc.documentId, new Date().toISOString());
      const other = await ensureDevPki(tempDir('other-ca'));
      const { pdf } = await sealDocument(data, localSealSigner(other, 'housing-fund'));
      expect((await post(pdf)).body).toEqual({ valid: false, reasons: ['UNTRUSTED_CERTIFICATE'] });
      expect(pdfsig(pdf, nssDir, 'other-ca')).not.toContain('Certificate is Trusted');
    });

    it('a PDF validly sealed with our own seal but never issued is NOT_ISSUED', async () => {
      const pki = await ensureDevPki(join(stack.dataDir, 'pki'));
      const doc = approved.documents[3];
      // Same id, figures altered, then sealed with the genuine housing-fund key: a perfect forgery but for the record.
      const data = await paperData(approved.caseNumber, doc.documentId, new Date().toISOString());
      const forged = {
        ...data,
        blocks: data.blocks.map((b) =>
          b.kind === 'fields' ? { ...b, fields: b.fields.map((f) => (f.label === '提取金额' ? { ...f, value: '¥999999.00' } : f)) } : b,
        ),
      };
      const { pdf } = await sealDocument(forged, localSealSigner(pki, 'housing-fund'));
      expect(pdfsig(pdf, nssDir, 'forged')).toContain('Certificate is Trusted');
      expect((await post(pdf)).body).toEqual({ valid: false, reasons: ['NOT_ISSUED'] });
      // And under an id that names no document at all.
      const { pdf: unknown } = await sealDocument({ ...data, documentId: `${approved.caseNumber}-09` }, localSealSigner(pki, 'one-stop'));
      expect((await post(unknown)).body).toEqual({ valid: false, reasons: ['NOT_ISSUED'] });
    });

    it('a PDF without a signature is NO_SIGNATURE', async () => {
      const plain = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
      expect((await post(plain)).body).toEqual({ valid: false, reasons: ['NO_SIGNATURE'] });
    });

    it('another media type is 415, an empty body 400', async () => {
      const pdf = pdfs.get(`${approved.caseNumber}-01`)!;
      const wrong = await post(pdf, 'application/octet-stream');
      expect(wrong.status).toBe(415);
      expect(wrong.headers.get('content-type')).toContain('application/problem+json');
      expect((await stack.client.request('POST', '/v1/verify', { headers: { 'content-type': 'application/json' }, body: { x: 1 } })).status).toBe(415);
      expect((await post(new Uint8Array(0))).status).toBe(400);
    });
  });

  describe('GET /v1/verify/{documentId}', () => {
    it('answers for every issued paper, masked, and valid from the stored original', async () => {
      for (const d of approved.documents) {
        const res = await stack.client.get(`/v1/verify/${d.documentId}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          documentId: d.documentId,
          valid: true,
          sha256: d.sha256,
          sealedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          issuer: expect.stringContaining(
            { '01': '一站式服务', '02': '人力资源和社会保障局', '03': '医疗保障局', '04': '住房公积金管理中心' }[d.documentId.slice(-2) as '01'],
          ),
          caseNumberMasked: `${approved.caseNumber.slice(0, 10)}****${approved.caseNumber.slice(14)}`,
          title: d.title,
        });
        expect(JSON.stringify(res.body)).not.toContain(LI.name);
      }
    });

    it('404 for well-formed ids we never issued, 400 for malformed ones', async () => {
      for (const id of [`${approved.caseNumber}-09`, 'RT00000000AAAAAA-01']) {
        expect((await stack.client.get(`/v1/verify/${id}`)).status, id).toBe(404);
      }
      for (const id of ['not-an-id', '%E4%B8%AD']) expect((await stack.client.get(`/v1/verify/${id}`)).status, id).toBe(400);
    });

    it('the QR code’s page is served at /verify/{id}, with its script', async () => {
      const page = await stack.client.get(`/verify/${approved.caseNumber}-01`);
      expect(page.status).toBe(200);
      const html = Buffer.from(page.bytes).toString('utf8');
      expect(html).toContain('文书真伪核验');
      expect(html).toContain('/verify/verify.js');
      expect((await stack.client.get('/verify/verify.js')).status).toBe(200);
    });
  });

  it('running the seal step again issues nothing new: same ids, same hashes, same stored objects', async () => {
    for (const [c, token] of [
      [approved, liToken],
      [rejected, wangToken],
    ] as const) {
      const before = (await stack.runtime.cases.get(c.caseNumber))!.documents;
      const first = await sealStep({ caseNumber: c.caseNumber }, {} as never);
      const second = await sealStep({ caseNumber: c.caseNumber }, {} as never);
      expect(first).toEqual({ documentIds: c.documents.map((d: any) => d.documentId) });
      expect(second).toEqual(first);
      const after = (await stack.runtime.cases.get(c.caseNumber))!.documents;
      expect(after).toEqual(before);
      const view = (await stack.client.get(`/v1/cases/${c.caseNumber}`, token)).body;
      expect(view.documents).toEqual(c.documents);
    }
  });
});
