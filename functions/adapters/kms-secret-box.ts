import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { SecretBox } from './secret-box.ts';
import { traced } from '../shared/observability.ts';

const PREFIX = 'v1.kms.';

/**
 * The AWS hosting: each secret encrypted directly under the product's KMS key (a webhook secret is far below
 * KMS's 4 KB limit, so no data key is needed), with the context as KMS encryption context — CloudTrail shows it
 * on every decrypt, and the key policy can require it.
 */
export function kmsSecretBox(keyId: string, client = traced(new KMSClient({}))): SecretBox {
  return {
    async seal(plaintext, context) {
      const out = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: context }));
      if (!out.CiphertextBlob) throw new Error('KMS returned no ciphertext');
      return `${PREFIX}${Buffer.from(out.CiphertextBlob).toString('base64')}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a secret sealed by KMS');
      const out = await client.send(
        new DecryptCommand({ KeyId: keyId, CiphertextBlob: Buffer.from(sealed.slice(PREFIX.length), 'base64'), EncryptionContext: context }),
      );
      if (!out.Plaintext) throw new Error('KMS returned no plaintext');
      return Buffer.from(out.Plaintext).toString('utf8');
    },
  };
}
