import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../../functions/sealing/dev-pki.ts';
import { kmsSealSigner } from '../../../functions/sealing/kms-signer.ts';
import { localSealSigner } from '../../../functions/sealing/local-signer.ts';
import { sealNotice } from '../../../functions/sealing/seal-pdf.ts';
import { verifySealedPdf } from '../../../functions/sealing/verify-pdf.ts';
import { approvedWithTopUp, tempDir } from './fixtures.ts';

let pki: DevPki;
beforeAll(async () => {
  pki = await ensureDevPki(tempDir('pki'));
});

it('asks KMS for a RAW ECDSA_SHA_256 signature and puts its DER answer into a seal that verifies', async () => {
  // Stand-in for KMS: the dev key signs, returning DER exactly as KMS does.
  const local = localSealSigner(pki);
  const kms = mockClient(KMSClient);
  kms.on(SignCommand).callsFake(async (input) => ({ Signature: await local.signEcdsaSha256(input.Message) }));

  const signer = kmsSealSigner(new KMSClient({ region: 'cn-north-1' }), 'arn:aws-cn:kms:cn-north-1:1:key/seal', [pki.sealCertDer, pki.caCertDer]);
  const { pdf } = await sealNotice(approvedWithTopUp, signer);

  const calls = kms.commandCalls(SignCommand);
  expect(calls).toHaveLength(1);
  expect(calls[0]!.args[0].input).toMatchObject({ KeyId: 'arn:aws-cn:kms:cn-north-1:1:key/seal', MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' });
  expect(calls[0]!.args[0].input.Message?.[0]).toBe(0x31); // DER SET OF signed attributes
  expect(await verifySealedPdf(pdf, [pki.caCertDer])).toMatchObject({ signatureValid: true, chainTrusted: true, reasons: [] });
  kms.restore();
});
