import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmsSecretBox } from '../../../functions/adapters/kms-secret-box.ts';
import { localSecretBox } from '../../../functions/adapters/local-secret-box.ts';

const keyFile = () => join(mkdtempSync(join(tmpdir(), 'retireone-secretbox-')), 'keys', 'secrets.key');

describe('the embedded hosting’s secret box', () => {
  it('gives back what it sealed, for any text and context', async () => {
    const box = localSecretBox(keyFile());
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.dictionary(fc.string(), fc.string()), async (secret, context) => {
        expect(await box.open(await box.seal(secret, context), context)).toBe(secret);
      }),
      { numRuns: 200 },
    );
  });

  it('never holds a webhook secret in the clear', async () => {
    const box = localSecretBox(keyFile());
    const secretArb = fc.uint8Array({ minLength: 24, maxLength: 32 }).map((b) => `whsec_${Buffer.from(b).toString('base64')}`);
    await fc.assert(
      fc.asyncProperty(secretArb, async (secret) => {
        const sealed = await box.seal(secret, { subscription: 'wh_1' });
        expect(sealed).toMatch(/^v1\.local\./);
        expect(sealed).not.toContain(secret.slice(6, 18));
      }),
      { numRuns: 200 },
    );
  });

  it('does not open under another context (a secret moved onto another subscription), nor when tampered with', async () => {
    const box = localSecretBox(keyFile());
    const sealed = await box.seal('whsec_abc', { subscription: 'wh_1' });
    await expect(box.open(sealed, { subscription: 'wh_2' })).rejects.toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0]! ^= 1;
    parts[4] = body.toString('base64url');
    await expect(box.open(parts.join('.'), { subscription: 'wh_1' })).rejects.toThrow();
  });

  it('keeps its key across restarts in a file only this user may read; another key cannot open', async () => {
    const file = keyFile();
    const sealed = await localSecretBox(file).seal('whsec_abc', { subscription: 'wh_1' });
    expect(await localSecretBox(file).open(sealed, { subscription: 'wh_1' })).toBe('whsec_abc');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(localSecretBox(keyFile()).open(sealed, { subscription: 'wh_1' })).rejects.toThrow();
  });
});

describe('the AWS hosting’s secret box (KMS)', () => {
  it('encrypts under the configured key with the context as encryption context, and decrypts with both', async () => {
    const kms = mockClient(KMSClient);
    kms.on(EncryptCommand).resolves({ CiphertextBlob: Buffer.from('cipher-bytes') });
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from('whsec_abc') });
    const box = kmsSecretBox('alias/retireone-secrets', new KMSClient({ region: 'ap-east-1' }));

    const sealed = await box.seal('whsec_abc', { subscription: 'wh_1' });
    expect(sealed).toBe(`v1.kms.${Buffer.from('cipher-bytes').toString('base64')}`);
    const enc = kms.commandCalls(EncryptCommand)[0]!.args[0].input;
    expect(enc.KeyId).toBe('alias/retireone-secrets');
    expect(enc.EncryptionContext).toEqual({ subscription: 'wh_1' });
    expect(Buffer.from(enc.Plaintext!).toString('utf8')).toBe('whsec_abc');

    expect(await box.open(sealed, { subscription: 'wh_1' })).toBe('whsec_abc');
    const dec = kms.commandCalls(DecryptCommand)[0]!.args[0].input;
    expect(dec).toMatchObject({ KeyId: 'alias/retireone-secrets', EncryptionContext: { subscription: 'wh_1' } });
    expect(Buffer.from(dec.CiphertextBlob!).toString('utf8')).toBe('cipher-bytes');
    kms.restore();
  });

  it('refuses what it did not seal', async () => {
    const box = kmsSecretBox('k', new KMSClient({ region: 'ap-east-1' }));
    await expect(box.open('v1.local.x.y.z', { subscription: 'wh_1' })).rejects.toThrow(/not a secret sealed by KMS/);
  });
});
