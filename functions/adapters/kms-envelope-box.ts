import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { gcmOpen, gcmSeal } from './aes-gcm.ts';
import type { SecretBox } from './secret-box.ts';
import { traced } from '../shared/observability.ts';

const PREFIX = 'v1.env.';

export interface EnvelopeBoxOptions {
  /** The KMS encryption context of every data key: the key policy and the grants may require it. */
  purpose: string;
  /** How long one data key seals (ms); a box that opens keeps the keys it decrypted for as long. */
  keyAgeMs?: number;
  now?: () => number;
}

interface DataKey {
  plaintext: Buffer;
  sealedKey: string;
  until: number;
}

/**
 * The AWS hosting's box for what one step hands the next within a run (functions/steps/case-snapshot.ts): AES-256-GCM
 * under a KMS data key, the data key's ciphertext carried with each value. Written here rather than with the AWS
 * Encryption SDK: the values live for the minutes of one run and never leave it, so its message format, signatures
 * and keyrings (and their second stack of clients) would only add weight to every check's cold start. What is ours:
 * a data key is reused for `keyAgeMs`, so a case costs no KMS call at all in the steady state, where KMS Encrypt and
 * Decrypt for each of a case's checks would cost six requests a case. The context is bound as GCM's additional
 * data (the case number), so a value handed along for one case does not open for another.
 */
export function kmsEnvelopeBox(keyId: string, opts: EnvelopeBoxOptions, client = traced(new KMSClient({}))): SecretBox {
  const keyAgeMs = opts.keyAgeMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const kmsContext = { purpose: opts.purpose };
  let current: DataKey | undefined;
  const opened = new Map<string, DataKey>();

  async function sealingKey(): Promise<DataKey> {
    if (current && current.until > now()) return current;
    const out = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: kmsContext }));
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    current = { plaintext: Buffer.from(out.Plaintext), sealedKey: Buffer.from(out.CiphertextBlob).toString('base64url'), until: now() + keyAgeMs };
    return current;
  }

  async function openingKey(sealedKey: string): Promise<Buffer> {
    const known = opened.get(sealedKey);
    if (known && known.until > now()) return known.plaintext;
    const out = await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: Buffer.from(sealedKey, 'base64url'), EncryptionContext: kmsContext }));
    if (!out.Plaintext) throw new Error('KMS returned no plaintext');
    for (const [k, v] of opened) if (v.until <= now()) opened.delete(k);
    const key = { plaintext: Buffer.from(out.Plaintext), sealedKey, until: now() + keyAgeMs };
    opened.set(sealedKey, key);
    return key.plaintext;
  }

  return {
    async seal(plaintext, context) {
      const key = await sealingKey();
      return `${PREFIX}${key.sealedKey}.${gcmSeal(key.plaintext, plaintext, context)}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a value sealed under a KMS data key');
      const [sealedKey, ...rest] = sealed.slice(PREFIX.length).split('.');
      if (!sealedKey || rest.length !== 3) throw new Error('malformed sealed value');
      return gcmOpen(await openingKey(sealedKey), rest.join('.'), context);
    },
  };
}
