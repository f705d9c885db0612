import { loadOrCreateKey } from '../shared/local-key-file.ts';
import { gcmOpen, gcmSeal } from './aes-gcm.ts';
import type { SecretBox } from './secret-box.ts';

const PREFIX = 'v1.local.';

/**
 * The embedded hosting's stand-in for KMS: AES-256-GCM (Node's own crypto) under a key generated at first
 * start in the data directory, readable by this user only. What it seals cannot be read back without that file.
 */
export function localSecretBox(keyFile: string): SecretBox {
  const key = loadOrCreateKey(keyFile);
  return {
    async seal(plaintext, context) {
      return `${PREFIX}${gcmSeal(key, plaintext, context)}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a secret sealed by this hosting');
      return gcmOpen(key, sealed.slice(PREFIX.length), context);
    },
  };
}
