import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { contextText, type SecretBox } from './secret-box.ts';

const PREFIX = 'v1.local.';

/**
 * The embedded hosting's stand-in for KMS: AES-256-GCM (Node's own crypto) under a key generated at first
 * start in the data directory, readable by this user only. What it seals cannot be read back without that file.
 */
export function localSecretBox(keyFile: string): SecretBox {
  const key = loadOrCreateKey(keyFile);
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(contextText(context)));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a secret sealed by this hosting');
      const [iv, tag, body] = sealed
        .slice(PREFIX.length)
        .split('.')
        .map((p) => Buffer.from(p, 'base64url'));
      if (!iv || !tag || !body) throw new Error('malformed sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(contextText(context)));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
  };
}

function loadOrCreateKey(keyFile: string): Buffer {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    // 'wx': two processes starting at once cannot both write a key; the loser reads the winner's.
    try {
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = readFileSync(keyFile);
  if (key.length !== 32) throw new Error(`${keyFile} is not a 32-byte key`);
  return key;
}
