import * as pkijs from 'pkijs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CmsSigner } from '../../../functions/sealing/cms-signer.ts';
import { ensureDevPki, type DevPki } from '../../../functions/sealing/dev-pki.ts';
import { localSealSigner } from '../../../functions/sealing/local-signer.ts';
import { sealNotice } from '../../../functions/sealing/seal-pdf.ts';
import { verifySealedPdf } from '../../../functions/sealing/verify-pdf.ts';
import { approvedWithTopUp, tempDir } from './fixtures.ts';

let pki: DevPki;
let renewed: DevPki;

beforeAll(async () => {
  pki = await ensureDevPki(tempDir('cms-pki'));
  renewed = await ensureDevPki(tempDir('cms-pki-renewed'));
});
afterEach(() => vi.restoreAllMocks());

describe('the CMS signer', () => {
  it("parses a chain once, however many papers' signers it makes", () => {
    const parse = vi.spyOn(pkijs.Certificate, 'fromBER');
    const port = localSealSigner(pki, 'hr');
    const length = port.certificateChainDer().length;
    expect(length).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) new CmsSigner(localSealSigner(pki, 'hr'));
    expect(parse).toHaveBeenCalledTimes(length);
    // Another chain (another body's seal, a renewed certificate) is parsed for itself.
    new CmsSigner(localSealSigner(pki, 'medical'));
    expect(parse).toHaveBeenCalledTimes(length + localSealSigner(pki, 'medical').certificateChainDer().length);
  });

  it('a renewed certificate signs with itself, not with the one parsed before it', async () => {
    const before = await sealNotice(approvedWithTopUp, localSealSigner(pki));
    const after = await sealNotice(approvedWithTopUp, localSealSigner(renewed));
    expect(await verifySealedPdf(before.pdf, [pki.caCertDer])).toMatchObject({ signatureValid: true, chainTrusted: true });
    expect(await verifySealedPdf(after.pdf, [renewed.caCertDer])).toMatchObject({ signatureValid: true, chainTrusted: true });
    expect((await verifySealedPdf(after.pdf, [pki.caCertDer])).chainTrusted).toBe(false);
  });
});
