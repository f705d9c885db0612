import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { contextText } from './secret-box.ts';

/**
 * AES-256-GCM with the context as additional data, as both boxes write it (local-secret-box.ts, kms-envelope-box.ts):
 * the IV, the tag and the ciphertext, each base64url, joined by dots. A context other than the one sealed with, or
 * any altered byte, fails to open.
 */
export function gcmSeal(key: Uint8Array, plaintext: string, context: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(contextText(context)));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** What gcmSeal sealed under `key` for `context`; throws on a malformed, altered or misdirected value. */
export function gcmOpen(key: Uint8Array, sealed: string, context: Record<string, string>): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(contextText(context)));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
