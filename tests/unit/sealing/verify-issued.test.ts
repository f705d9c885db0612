import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../../functions/sealing/dev-pki.ts';
import { localSealSigner } from '../../../functions/sealing/local-signer.ts';
import { sealNotice } from '../../../functions/sealing/seal-pdf.ts';
import { documentIdInPdf, sha256Hex, storedDocumentValid, verifyIssuedPdf } from '../../../functions/sealing/verify-issued.ts';
import { approvedWithTopUp, tempDir } from './fixtures.ts';

let pki: DevPki;
let pdf: Uint8Array;
beforeAll(async () => {
  pki = await ensureDevPki(tempDir('pki'));
  ({ pdf } = await sealNotice(approvedWithTopUp, localSealSigner(pki)));
});

describe('verifyIssuedPdf', () => {
  it('reads the document id sealing wrote into the signed bytes', () => {
    expect(documentIdInPdf(pdf)).toBe(approvedWithTopUp.documentId);
    expect(documentIdInPdf(new TextEncoder().encode('%PDF-1.7\n'))).toBeUndefined();
  });

  it.each([
    [
      'recorded with these bytes',
      (id: string) => ({ documentId: id, sha256: sha256Hex(pdf) }),
      { valid: true, documentId: approvedWithTopUp.documentId, reasons: [] },
    ],
    ['recorded with other bytes', (id: string) => ({ documentId: id, sha256: '0'.repeat(64) }), { valid: false, reasons: ['NOT_ISSUED'] }],
    ['not recorded at all', () => undefined, { valid: false, reasons: ['NOT_ISSUED'] }],
  ] as const)('a genuine seal, %s', async (_label, find, expected) => {
    expect(await verifyIssuedPdf(pdf, [pki.caCertDer], async (id) => find(id))).toEqual(expected);
  });

  it('does not look the id up before the seal is proven ours', async () => {
    const other = await ensureDevPki(tempDir('other'));
    const lookups: string[] = [];
    const result = await verifyIssuedPdf(pdf, [other.caCertDer], async (id) => (lookups.push(id), { documentId: id, sha256: sha256Hex(pdf) }));
    expect(result).toEqual({ valid: false, reasons: ['UNTRUSTED_CERTIFICATE'] });
    expect(lookups).toEqual([]);
  });

  it('storedDocumentValid needs the bytes, the recorded hash, the seal and the same id', async () => {
    const record = { documentId: approvedWithTopUp.documentId, sha256: sha256Hex(pdf) };
    expect(await storedDocumentValid(pdf, record, [pki.caCertDer])).toBe(true);
    expect(await storedDocumentValid(undefined, record, [pki.caCertDer])).toBe(false);
    expect(await storedDocumentValid(pdf, { ...record, documentId: 'OTHER-01' }, [pki.caCertDer])).toBe(false);
    expect(await storedDocumentValid(pdf, record, [])).toBe(false);
  });
});
