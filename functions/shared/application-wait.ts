import type { Clock } from '../adapters/clock.ts';
import { endOfChinaDay } from '../adapters/clock.ts';

/** Seconds the workflow waits for the one form: until the end of the deadline day, at least 1 (an ASL timeout must be ≥ 1). */
export function applicationWaitSeconds(deadline: string, clock: Clock): number {
  return Math.max(1, Math.ceil((endOfChinaDay(deadline).getTime() - clock.now().getTime()) / 1000));
}
