import { HttpProblem } from './problem.ts';

/** The `Idempotency-Key` header, if sent; a present but unusable key is a 400 rather than silently ignored. */
export function idempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new HttpProblem(400, 'Invalid request', 'The Idempotency-Key header must be 1 to 128 visible ASCII characters.', [
      { path: 'Idempotency-Key', message: 'must be 1 to 128 visible ASCII characters' },
    ]);
  }
  return key;
}
