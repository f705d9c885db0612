import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../../functions/sealing/dev-pki.ts';
import { localSealSigner } from '../../../functions/sealing/local-signer.ts';
import { sealNotice } from '../../../functions/sealing/seal-pdf.ts';
import type { SealSigner } from '../../../functions/sealing/signer-port.ts';
import { verifySealedPdf } from '../../../functions/sealing/verify-pdf.ts';
import { approvedWithTopUp, nssDbTrusting, rejected, run, tempDir, writeTemp } from './fixtures.ts';

let pki: DevPki;
let otherPki: DevPki;
let nssDir: string;
const work = tempDir('seal');

beforeAll(async () => {
  pki = await ensureDevPki(tempDir('pki'));
  otherPki = await ensureDevPki(tempDir('pki-other'));
  nssDir = nssDbTrusting(pki.caCertPem);
});

const cases = [
  { label: 'APPROVED with a CONDITIONAL medical top-up', data: approvedWithTopUp, decisionText: '准予退休', outcomeText: '附条件通过' },
  { label: 'REJECTED', data: rejected, decisionText: '不予批准', outcomeText: '不通过' },
];

describe.each(cases)('sealed notice: $label', ({ data, decisionText, outcomeText }) => {
  let pdf: Uint8Array;
  let sha256: string;
  let file: string;
  // Whole seconds: CMS signingTime (UTCTime) has no fractions. Must fall inside the fresh dev cert's validity.
  const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);

  beforeAll(async () => {
    ({ pdf, sha256 } = await sealNotice(data, localSealSigner(pki), { signingTime }));
    file = writeTemp(work, `${data.caseNumber}.pdf`, pdf);
  });

  it('reports the SHA-256 of the bytes it returns', () => {
    expect(sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
  });

  it('is a valid ETSI.CAdES.detached signature covering the whole file, per pdfsig', () => {
    const out = run('pdfsig', [file]);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Total document signed');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('Signer Certificate Common Name: 退休一件事 一站式服务 电子印章');
  });

  it('chains to the seal CA once NSS trusts it', () => {
    expect(run('pdfsig', [file])).not.toContain('Certificate is Trusted');
    expect(run('pdfsig', ['-nssdir', nssDir, file])).toContain('Certificate is Trusted');
  });

  it('verifies with our own verifier', async () => {
    expect(await verifySealedPdf(pdf, [pki.caCertDer])).toEqual({
      signatureValid: true,
      chainTrusted: true,
      signerSubject: 'CN=退休一件事 一站式服务 电子印章, O=退休一件事(开发环境), C=CN',
      signingTime: signingTime.toISOString(),
      reasons: [],
    });
  });

  it('carries the extractable Chinese text the citizen needs', () => {
    const text = run('pdftotext', [file, '-']);
    for (const s of [
      '退休审批结果通知书',
      data.caseNumber,
      data.documentId,
      data.applicant.name,
      data.applicant.idNumberMasked,
      decisionText,
      outcomeText,
      '扫码验证真伪',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toMatch(/\d{17}[\dX]/); // never a full ID number
  });

  it('embeds only a subset of the CJK font and stays small', () => {
    expect(run('pdffonts', [file])).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes yes yes/m);
    expect(pdf.length).toBeLessThan(80 * 1024);
  });
});

it('a notice too long for one page flows onto more pages and is still sealed', async () => {
  const reasons = Array.from({ length: 6 }, () => ({
    code: 'DEPARTMENT_UNAVAILABLE' as const,
    message: '部门系统暂时无法返回结果，已转由工作人员人工核查，核查结果将以短信方式通知您本人。',
    remedy: '无需再次提交材料；如需咨询，请拨打 12333 或到就近社保经办机构窗口办理。',
  }));
  const long = { ...approvedWithTopUp, departments: approvedWithTopUp.departments.map((d) => ({ ...d, reasons })) };
  const { pdf } = await sealNotice(long, localSealSigner(pki));
  const file = writeTemp(work, 'long.pdf', pdf);
  expect(run('pdfinfo', [file])).toMatch(/^Pages:\s+[2-9]$/m);
  expect(run('pdftotext', [file, '-'])).toMatch(/第\s*2\s*页/);
  expect(run('pdfsig', [file])).toContain('Signature is Valid');
});

describe('tampering', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    ({ pdf } = await sealNotice(approvedWithTopUp, localSealSigner(pki)));
  });

  it('a flipped byte inside the signed range is caught by pdfsig and by verifySealedPdf', async () => {
    const tampered = new Uint8Array(pdf);
    const offset = pdf.length - 2000; // inside the second signed range (after /Contents)
    tampered[offset] = tampered[offset]! ^ 0x01;
    expect(run('pdfsig', [writeTemp(work, 'tampered.pdf', tampered)])).not.toContain('Signature is Valid');
    const result = await verifySealedPdf(tampered, [pki.caCertDer]);
    expect(result.signatureValid).toBe(false);
    expect(result.reasons).toContain('DIGEST_MISMATCH');
  });

  it('appending bytes after signing is BYTE_RANGE_INCOMPLETE', async () => {
    const appended = new Uint8Array([...pdf, ...new TextEncoder().encode('\n% appended\n')]);
    const result = await verifySealedPdf(appended, [pki.caCertDer]);
    expect(result).toMatchObject({ signatureValid: false, reasons: ['BYTE_RANGE_INCOMPLETE'] });
  });

  it('a signature that does not match the signed attributes is SIGNATURE_INVALID', async () => {
    const honest = localSealSigner(pki);
    const lying: SealSigner = {
      certificateChainDer: () => honest.certificateChainDer(),
      signEcdsaSha256: (message) => honest.signEcdsaSha256(new Uint8Array([...message, 0])),
    };
    const { pdf: forged } = await sealNotice(approvedWithTopUp, lying);
    expect(run('pdfsig', [writeTemp(work, 'forged.pdf', forged)])).not.toContain('Signature is Valid');
    expect(await verifySealedPdf(forged, [pki.caCertDer])).toMatchObject({
      signatureValid: false,
      reasons: ['SIGNATURE_INVALID'],
    });
  });
});

describe('trust and absence', () => {
  it('a seal from another CA is UNTRUSTED_CERTIFICATE even though it ships its own root', async () => {
    const { pdf } = await sealNotice(approvedWithTopUp, localSealSigner(otherPki));
    expect(await verifySealedPdf(pdf, [pki.caCertDer])).toMatchObject({
      signatureValid: true,
      chainTrusted: false,
      reasons: ['UNTRUSTED_CERTIFICATE'],
    });
  });

  it('our seal checked against a different CA is UNTRUSTED_CERTIFICATE', async () => {
    const { pdf } = await sealNotice(approvedWithTopUp, localSealSigner(pki));
    expect(await verifySealedPdf(pdf, [otherPki.caCertDer])).toMatchObject({
      chainTrusted: false,
      reasons: ['UNTRUSTED_CERTIFICATE'],
    });
    expect((await verifySealedPdf(pdf, [])).reasons).toEqual(['UNTRUSTED_CERTIFICATE']);
  });

  it('a signing time before the seal certificate existed is UNTRUSTED_CERTIFICATE', async () => {
    const { pdf } = await sealNotice(approvedWithTopUp, localSealSigner(pki), { signingTime: new Date('2001-01-01T00:00:00Z') });
    expect(await verifySealedPdf(pdf, [pki.caCertDer])).toMatchObject({
      signatureValid: true,
      chainTrusted: false,
      signingTime: '2001-01-01T00:00:00.000Z',
      reasons: ['UNTRUSTED_CERTIFICATE'],
    });
  });

  it('a PDF without a signature is NO_SIGNATURE', async () => {
    const plain = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
    expect(await verifySealedPdf(plain, [pki.caCertDer])).toEqual({
      signatureValid: false,
      chainTrusted: false,
      reasons: ['NO_SIGNATURE'],
    });
  });
});
