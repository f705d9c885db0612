import { describe, expect, it } from 'vitest';
import { msPerCaseByGroup, threadGroup, threadTicks } from '../../bench/thread-cpu.ts';

describe('thread CPU groups (the bench’s breakdown)', () => {
  it.each([
    ['qtp2139168000-1', 'qtp'],
    ['qtp2139168000-27', 'qtp'],
    ['C1 CompilerThre', 'C1 CompilerThre'],
    ['SQLiteQueue[sha', 'SQLiteQueue[sha'],
    ['pool-2-thread-3', 'pool-2-thread'],
    ['Scheduler-45245', 'Scheduler'],
    ['V8Worker', 'V8Worker'],
    ['libuv-worker', 'libuv-worker'],
    ['MainThread', 'MainThread'],
  ])('%s is counted with %s', (comm, group) => {
    expect(threadGroup(comm)).toBe(group);
  });

  it('gives milliseconds a case per group, largest first, leaving out what is under half a millisecond', () => {
    const before = new Map([
      ['MainThread', 100],
      ['V8Worker', 50],
      ['libuv-worker', 7],
    ]);
    const after = new Map([
      ['MainThread', 160],
      ['V8Worker', 80],
      ['libuv-worker', 7],
      ['WorkerThread', 90],
    ]);
    // 60 ticks of 10 ms over 20 cases = 30 ms a case; a group born during the run counts from zero.
    expect(msPerCaseByGroup(before, after, 20)).toEqual([
      ['WorkerThread', 45],
      ['MainThread', 30],
      ['V8Worker', 15],
    ]);
  });

  it('reads this process’s own threads, the main one among them', () => {
    const groups = threadTicks('self');
    expect(groups.size).toBeGreaterThan(0);
    expect([...groups.values()].every((ticks) => Number.isInteger(ticks) && ticks >= 0)).toBe(true);
  });
});
