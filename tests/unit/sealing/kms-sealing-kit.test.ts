import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ISSUING_BODIES, ISSUING_BODY_NAMES, type IssuingBody } from '../../../schemas/notice.ts';
import { ensureDevPki, sealCommonName, type DevPki } from '../../../functions/sealing/dev-pki.ts';
import { buildKmsSealingKit } from '../../../functions/sealing/kms-sealing-kit.ts';
import { localSealSigner } from '../../../functions/sealing/local-signer.ts';
import { sealNotice } from '../../../functions/sealing/seal-pdf.ts';
import { verifySealedPdf } from '../../../functions/sealing/verify-pdf.ts';
import { approvedWithTopUp, tempDir } from './fixtures.ts';

const keyArn = (body: IssuingBody) => `arn:aws-cn:kms:cn-north-1:111122223333:key/seal-${body}`;
const env = {
  BUCKET_NAME: 'retireone-documents',
  SEAL_KMS_KEY_IDS: JSON.stringify(Object.fromEntries(ISSUING_BODIES.map((b) => [b, keyArn(b)]))),
  SEAL_ISSUER_NAMES: JSON.stringify({ medical: '东莞市医疗保障局' }),
};

let pki: DevPki;
const kms = mockClient(KMSClient);
const s3 = mockClient(S3Client);

beforeAll(async () => {
  pki = await ensureDevPki(tempDir('pki'));
});
afterEach(() => {
  kms.reset();
  s3.reset();
});

/** KMS stand-in: each key ARN signs with that body's locally generated key, answering DER exactly as KMS does. */
function kmsSignsWithLocalKeys() {
  kms.on(SignCommand).callsFake(async (input) => {
    const body = ISSUING_BODIES.find((b) => keyArn(b) === input.KeyId);
    if (!body) throw Object.assign(new Error('not found'), { name: 'NotFoundException' });
    return { Signature: await localSealSigner(pki, body).signEcdsaSha256(input.Message), KeyId: input.KeyId, SigningAlgorithm: 'ECDSA_SHA_256' };
  });
}

/** S3 stand-in holding pki/<body>.chain.pem and pki/seal-ca.pem. */
function bucketHoldsChains() {
  s3.on(GetObjectCommand).callsFake(async (input) => {
    const body = ISSUING_BODIES.find((b) => input.Key === `pki/${b}.chain.pem`);
    const pem = input.Key === 'pki/seal-ca.pem' ? pki.caCertPem : body ? pki.seals[body].certPem + pki.caCertPem : undefined;
    if (!pem) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
    return { Body: { transformToString: async () => pem } as never };
  });
}

describe('kmsSealingKit', () => {
  it.each(ISSUING_BODIES)('seals with the %s key in KMS and that body’s certificate from S3; the PDF verifies', async (body) => {
    kmsSignsWithLocalKeys();
    bucketHoldsChains();
    const kit = await buildKmsSealingKit({ env, kms: new KMSClient({ region: 'cn-north-1' }), s3: new S3Client({ region: 'cn-north-1' }) });
    const { pdf } = await sealNotice(approvedWithTopUp, kit.seals[body].signer);

    const sign = kms.commandCalls(SignCommand);
    expect(sign).toHaveLength(1);
    expect(sign[0]!.args[0].input).toMatchObject({ KeyId: keyArn(body), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' });
    const result = await verifySealedPdf(pdf, kit.trustedCaDer);
    expect(result).toMatchObject({ signatureValid: true, chainTrusted: true, reasons: [] });
    expect(result.signerSubject).toContain(`CN=${sealCommonName(body)}`);
    expect(kit.seals[body].issuer).toBe(body === 'medical' ? '东莞市医疗保障局' : ISSUING_BODY_NAMES[body]);
  });

  it('reads the chains from S3 once per container, not once per document', async () => {
    vi.resetModules();
    const { kmsSealingKit } = await import('../../../functions/sealing/kms-sealing-kit.ts');
    bucketHoldsChains();
    const deps = { env, kms: new KMSClient({ region: 'cn-north-1' }), s3: new S3Client({ region: 'cn-north-1' }) };
    const [a, b] = await Promise.all([kmsSealingKit(deps), kmsSealingKit(deps)]);
    expect(await kmsSealingKit(deps)).toBe(a);
    expect(b).toBe(a);
    expect(
      s3
        .commandCalls(GetObjectCommand)
        .map((c) => c.args[0].input.Key)
        .sort(),
    ).toEqual(['pki/health.chain.pem', 'pki/housing-fund.chain.pem', 'pki/hr.chain.pem', 'pki/medical.chain.pem', 'pki/one-stop.chain.pem', 'pki/seal-ca.pem']);
  });

  it('a key missing for one body fails at start rather than sealing with the wrong key', async () => {
    bucketHoldsChains();
    // zod names the missing key in its issue path.
    const partial = { ...env, SEAL_KMS_KEY_IDS: JSON.stringify({ 'one-stop': keyArn('one-stop'), hr: keyArn('hr'), medical: keyArn('medical') }) };
    await expect(buildKmsSealingKit({ env: partial, s3: new S3Client({ region: 'cn-north-1' }) })).rejects.toThrow(/housing-fund/);
  });

  it('a chain object without a certificate is refused', async () => {
    s3.on(GetObjectCommand).resolves({ Body: { transformToString: async () => 'not a pem' } as never });
    await expect(buildKmsSealingKit({ env, s3: new S3Client({ region: 'cn-north-1' }) })).rejects.toThrow(/holds no PEM certificate/);
  });

  it('a seal from a KMS key whose certificate does not match is refused by verification', async () => {
    // The hr chain served for the one-stop key: KMS signs with one key, the certificate names another.
    kmsSignsWithLocalKeys();
    s3.on(GetObjectCommand).callsFake(async (input) => ({
      Body: { transformToString: async () => (input.Key === 'pki/seal-ca.pem' ? pki.caCertPem : pki.seals.hr.certPem + pki.caCertPem) } as never,
    }));
    const kit = await buildKmsSealingKit({ env, kms: new KMSClient({ region: 'cn-north-1' }), s3: new S3Client({ region: 'cn-north-1' }) });
    const { pdf } = await sealNotice(approvedWithTopUp, kit.seals['one-stop'].signer);
    expect((await verifySealedPdf(pdf, kit.trustedCaDer)).reasons).toEqual(['SIGNATURE_INVALID']);
  });
});

it('without SEAL_KMS_KEY_IDS (the verification functions) it reads only the CA and cannot seal', async () => {
  bucketHoldsChains();
  const kit = await buildKmsSealingKit({ env: { BUCKET_NAME: 'retireone-documents' }, s3: new S3Client({ region: 'cn-north-1' }) });
  expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).toEqual(['pki/seal-ca.pem']);
  expect(Buffer.from(kit.trustedCaDer[0]!).equals(Buffer.from(pki.caCertDer))).toBe(true);
  expect(() => kit.seals.hr).toThrow(/no seal keys/);
});
