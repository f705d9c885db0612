import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kmsEnvelopeBox } from '../../../functions/adapters/kms-envelope-box.ts';

const KEY = 'arn:aws:kms:ap-east-1:111122223333:key/snapshots';
const PURPOSE = 'case-steps-snapshot';

/** A stand-in for KMS that keeps the data keys it generated, so a second box (another Lambda) can open them. */
function fakeKms() {
  const kms = mockClient(KMSClient);
  const issued = new Map<string, Uint8Array>();
  kms.on(GenerateDataKeyCommand).callsFake(() => {
    const plaintext = randomBytes(32);
    const blob = randomBytes(48);
    issued.set(blob.toString('hex'), plaintext);
    return { Plaintext: plaintext, CiphertextBlob: blob };
  });
  kms.on(DecryptCommand).callsFake((input: { CiphertextBlob: Uint8Array }) => {
    const plaintext = issued.get(Buffer.from(input.CiphertextBlob).toString('hex'));
    if (!plaintext) throw Object.assign(new Error('InvalidCiphertextException'), { name: 'InvalidCiphertextException' });
    return { Plaintext: plaintext };
  });
  return kms;
}

describe('the AWS hosting’s box for what one step hands the next (KMS data keys)', () => {
  let kms: ReturnType<typeof fakeKms>;
  let now: number;
  const box = () => kmsEnvelopeBox(KEY, { purpose: PURPOSE, keyAgeMs: 60_000, now: () => now }, new KMSClient({ region: 'ap-east-1' }));
  beforeEach(() => {
    kms = fakeKms();
    now = 1_000_000;
  });
  afterEach(() => kms.restore());

  it('gives back in another process what one sealed, for any text and case, and never holds the text in the clear', async () => {
    const sealer = box();
    const opener = box();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 8 }), fc.stringMatching(/^RT\d{8}[0-9A-Z]{6}$/), async (text, caseNumber) => {
        const sealed = await sealer.seal(text, { caseNumber });
        expect(sealed).toMatch(/^v1\.env\./);
        expect(sealed).not.toContain(text);
        expect(await opener.open(sealed, { caseNumber })).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('asks KMS once for a data key while it is young, and the other side once to open it, with the purpose as encryption context', async () => {
    const sealer = box();
    const opener = box();
    for (let i = 0; i < 5; i++)
      expect(await opener.open(await sealer.seal(`view ${i}`, { caseNumber: `RT2026120800000${i}` }), { caseNumber: `RT2026120800000${i}` })).toBe(`view ${i}`);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(1);
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({ KeyId: KEY, KeySpec: 'AES_256', EncryptionContext: { purpose: PURPOSE } });
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input).toMatchObject({ KeyId: KEY, EncryptionContext: { purpose: PURPOSE } });

    now += 60_001;
    const later = await sealer.seal('later', { caseNumber: 'RT20261208AAAAAA' });
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(2);
    expect(await opener.open(later, { caseNumber: 'RT20261208AAAAAA' })).toBe('later');
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(2);
  });

  it('does not open for another case, nor when altered, nor what it did not seal', async () => {
    const sealed = await box().seal('{"idNumber":"110101196505150012"}', { caseNumber: 'RT20261208AAAAAA' });
    await expect(box().open(sealed, { caseNumber: 'RT20261208BBBBBB' })).rejects.toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[5]!, 'base64url');
    body[0]! ^= 1;
    parts[5] = body.toString('base64url');
    await expect(box().open(parts.join('.'), { caseNumber: 'RT20261208AAAAAA' })).rejects.toThrow();
    await expect(box().open('v1.local.a.b.c', { caseNumber: 'RT20261208AAAAAA' })).rejects.toThrow(/not a value sealed under a KMS data key/);
    await expect(box().open('v1.env.a.b', { caseNumber: 'RT20261208AAAAAA' })).rejects.toThrow(/malformed/);
  });
});
