import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../../functions/shared/logger.ts';

/**
 * When each parked wait (a `.waitForTaskToken` state with a timeout) must give up, kept on disk.
 *
 * Step Functions keeps a waiting execution's timer itself. The embedded engine runs executions in memory
 * and re-drives open cases after a restart, so without this a restart would start every 6-hour and 7-day
 * wait afresh. A wait that is re-entered before it ended keeps its first deadline; one that ended (the
 * signal came, or it timed out) is forgotten, so the next wait of that state gets a deadline of its own.
 */
export class WaitDeadlines {
  private readonly memory = new Map<string, number>();
  private readonly dir?: string;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    this.dir = join(dataDir, 'waits');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** The deadline (epoch ms) of the wait of `state` on `caseNumber`: the stored one, or now + `timeoutMs`. */
  begin(caseNumber: string, state: string, timeoutMs: number, now = Date.now()): number {
    const key = `${caseNumber}.${state}`;
    const known = this.memory.get(key) ?? this.read(key);
    if (known !== undefined) {
      this.memory.set(key, known);
      return known;
    }
    const deadline = now + timeoutMs;
    this.memory.set(key, deadline);
    this.write(key, deadline);
    return deadline;
  }

  end(caseNumber: string, state: string): void {
    const key = `${caseNumber}.${state}`;
    this.memory.delete(key);
    if (!this.dir) return;
    try {
      rmSync(this.file(key), { force: true });
    } catch (err) {
      logger.warn({ err, key }, 'could not forget a wait deadline');
    }
  }

  private file(key: string): string {
    return join(this.dir!, `${key}.json`);
  }

  private read(key: string): number | undefined {
    if (!this.dir) return undefined;
    try {
      const { deadline } = JSON.parse(readFileSync(this.file(key), 'utf8')) as { deadline?: unknown };
      return typeof deadline === 'number' && Number.isFinite(deadline) ? deadline : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Written aside and renamed, so a crash or a full disk never leaves half a deadline. If it cannot be
   * written the wait still keeps its deadline in memory; only a restart before it ends would reset it.
   */
  private write(key: string, deadline: number): void {
    if (!this.dir) return;
    const target = this.file(key);
    const aside = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(aside, JSON.stringify({ deadline, at: new Date().toISOString() }), { mode: 0o600 });
      renameSync(aside, target);
    } catch (err) {
      logger.warn({ err, key }, 'could not keep a wait deadline on disk');
      try {
        rmSync(aside, { force: true });
      } catch {
        // Nothing more to do: the aside file is ignored, it never has the name a deadline is read from.
      }
    }
  }
}
