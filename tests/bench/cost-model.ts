/**
 * The arithmetic of `npm run cost`: what one completed case uses (counted on the embedded stack) and
 * what its wait for the form adds (from the synthesized workflow), priced line by line per 1,000 cases.
 * Pure: no I/O, so a test can check it on a fixed counting.
 */
import type { Prices } from './prices.ts';

export interface Usage {
  transitions: number;
  /** Express executions (the department checks): one request each. */
  expressRequests: number;
  /** Their billed duration (rounded up to 100 ms) times billed memory (64 MB chunks), in GB-seconds. */
  expressGbSeconds: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  kmsSigns: number;
  s3Puts: number;
  s3Gets: number;
  apiRequests: number;
}

export interface WaitForForm {
  /** How often the wait for the form wakes to look at the deadline; undefined: only at the deadline itself. */
  wakeEverySeconds?: number;
  /** What one wake-up uses (transitions of the loop, its invocations and their requests). */
  perWake: Usage;
}

export type Lines = { transitions: number; express: number; lambda: number; dynamodb: number; kms: number; s3: number; api: number };

export const ZERO_USAGE: Usage = {
  transitions: 0,
  expressRequests: 0,
  expressGbSeconds: 0,
  lambdaInvocations: 0,
  lambdaGbSeconds: 0,
  dynamoReadUnits: 0,
  dynamoWriteUnits: 0,
  kmsSigns: 0,
  s3Puts: 0,
  s3Gets: 0,
  apiRequests: 0,
};

export function addUsage(a: Usage, b: Usage, times = 1): Usage {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof Usage)[]) out[k] += b[k] * times;
  return out;
}

/** Wake-ups while the form is awaited for `waitedSeconds` (a wake exactly at the form's arrival does not happen). */
export function wakesWhileWaiting(wait: WaitForForm, waitedSeconds: number): number {
  if (wait.wakeEverySeconds === undefined) return 0;
  return Math.max(0, Math.ceil(waitedSeconds / wait.wakeEverySeconds) - 1);
}

/** Dollars per 1,000 cases, by line. */
export function linesFor(u: Usage, p: Prices): Lines {
  const per1000 = (usd: number) => usd * 1000;
  return {
    transitions: per1000(u.transitions * p.stateTransition.usd),
    express: per1000(u.expressRequests * p.expressRequest.usd + u.expressGbSeconds * p.expressGbSecond.usd),
    lambda: per1000(u.lambdaInvocations * p.lambdaRequest.usd + u.lambdaGbSeconds * p.lambdaArmGbSecond.usd),
    dynamodb: per1000(u.dynamoReadUnits * p.dynamoReadUnit.usd + u.dynamoWriteUnits * p.dynamoWriteUnit.usd),
    kms: per1000(u.kmsSigns * p.kmsSign.usd),
    s3: per1000(u.s3Puts * p.s3Put.usd + u.s3Gets * p.s3Get.usd),
    api: per1000(u.apiRequests * p.httpApiRequest.usd),
  };
}

export const totalOf = (l: Lines): number => Object.values(l).reduce((a, b) => a + b, 0);

/**
 * A case whose form is sent at the end of day `formDay` after booking: the counted completed case plus
 * every wake of the wait for the form until then.
 */
export function costOfCase(completed: Usage, wait: WaitForForm, formDay: number, p: Prices): { usage: Usage; lines: Lines; totalUsd: number } {
  const usage = addUsage(completed, wait.perWake, wakesWhileWaiting(wait, formDay * 86_400));
  const lines = linesFor(usage, p);
  return { usage, lines, totalUsd: totalOf(lines) };
}
