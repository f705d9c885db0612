/**
 * Keeps a secret the product must read back (a webhook's signing secret) encrypted at rest: the table holds
 * only what `seal` returns. The context is bound to the ciphertext (KMS encryption context, or AES-GCM's
 * additional data), so a sealed secret copied onto another subscription does not open.
 */
export interface SecretBox {
  seal(plaintext: string, context: Record<string, string>): Promise<string>;
  open(sealed: string, context: Record<string, string>): Promise<string>;
}

/** The context as one stable string: keys sorted, so the same context always authenticates the same way. */
export function contextText(context: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(context)
      .sort()
      .map((k) => [k, context[k]]),
  );
}
