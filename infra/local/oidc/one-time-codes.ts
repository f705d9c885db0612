import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_TTL_MS = 5 * 60_000;
export const CODE_ATTEMPTS = 5;

export type CodeCheck =
  | { ok: true; idNumber: string }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'expired' | 'used-up' | 'none' };

interface Pending {
  idNumber: string;
  digest: Buffer;
  expiresAt: number;
  attemptsLeft: number;
}

const digest = (code: string) => createHash('sha256').update(code).digest();

/**
 * Six-digit sign-in codes, one per sign-in attempt (the provider's interaction id): valid 5 minutes,
 * 5 tries, then gone. Only a digest is kept. In memory, like the provider's interactions they belong to.
 */
export class OneTimeCodes {
  readonly #pending = new Map<string, Pending>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** A new code for this interaction; any earlier one for it stops working. */
  issue(interactionId: string, idNumber: string): string {
    this.#sweep();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.#pending.set(interactionId, { idNumber, digest: digest(code), expiresAt: this.#now() + CODE_TTL_MS, attemptsLeft: CODE_ATTEMPTS });
    return code;
  }

  pendingFor(interactionId: string): string | undefined {
    return this.#pending.get(interactionId)?.idNumber;
  }

  check(interactionId: string, code: string): CodeCheck {
    const p = this.#pending.get(interactionId);
    if (!p) return { ok: false, reason: 'none' };
    if (this.#now() > p.expiresAt) {
      this.#pending.delete(interactionId);
      return { ok: false, reason: 'expired' };
    }
    if (/^\d{6}$/.test(code) && timingSafeEqual(digest(code), p.digest)) {
      this.#pending.delete(interactionId);
      return { ok: true, idNumber: p.idNumber };
    }
    p.attemptsLeft -= 1;
    if (p.attemptsLeft <= 0) {
      this.#pending.delete(interactionId);
      return { ok: false, reason: 'used-up' };
    }
    return { ok: false, reason: 'wrong', attemptsLeft: p.attemptsLeft };
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, p] of this.#pending) if (now > p.expiresAt) this.#pending.delete(id);
  }
}
