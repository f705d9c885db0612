/**
 * CPU of a process and by thread, read from /proc (Linux), for the bench's figures and its breakdown of where a case's CPU goes. Threads are grouped by
 * their name with its numbering dropped (Jetty's `qtp…-7`, the JIT's `C1 CompilerThre`, V8's `V8Worker`, libuv's
 * `libuv-worker`), so a group is one kind of work: on 2026-12-08 this showed V8's helper threads (GC and concurrent
 * compiling) at about a sixth of a case's CPU and DynamoDB Local's C1 compiler still busy after a 2-case warm-up,
 * which neither `process.cpuUsage()` nor a CPU profile shows.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime in ticks (USER_HZ = 100) from a /proc stat line; the name in parentheses may hold spaces. */
function cpuTicksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** utime + stime of a whole process (its ended threads too), in seconds; undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    return cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) / 100;
  } catch {
    return undefined;
  }
}

/** utime + stime in ticks (USER_HZ = 100) per thread group of a process; empty where /proc cannot be read. */
export function threadTicks(pid: number | 'self'): Map<string, number> {
  const groups = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return groups;
  }
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const name = threadGroup(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
    groups.set(name, (groups.get(name) ?? 0) + cpuTicksOf(stat));
  }
  return groups;
}

/** A thread's name without the numbers that tell threads of one kind apart. */
export function threadGroup(comm: string): string {
  return (
    comm
      .replace(/[-\d]+$/, '')
      .replace(/\d{4,}/g, '')
      .trim() || comm
  );
}

/** Milliseconds a case per group between two readings, largest first; groups under half a millisecond are left out. */
export function msPerCaseByGroup(before: Map<string, number>, after: Map<string, number>, cases: number): [string, number][] {
  return [...after]
    .map(([group, ticks]): [string, number] => [group, ((ticks - (before.get(group) ?? 0)) * 10) / cases])
    .filter(([, ms]) => ms >= 0.5)
    .sort(([, a], [, b]) => b - a)
    .map(([group, ms]) => [group, Math.round(ms)]);
}
