/**
 * The embedded hosting's V8 settings are one list (infra/local/node-flags.ts): the npm scripts that run the product
 * pass exactly it, and it bounds the young generation of every isolate, worker threads included (the seal worker and
 * the department stand-ins are where most of the garbage is made).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_NODE_FLAGS } from '../../../infra/local/node-flags.ts';

const scripts = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).scripts as Record<string, string>;

/** Makes short-lived garbage, on the main thread and on a worker, and prints the largest young generation each reached (MB). */
const GARBAGE = `
const { Worker, isMainThread, parentPort } = require('node:worker_threads');
const v8 = require('node:v8');
function churn() {
  let keep = [];
  let max = 0;
  for (let round = 0; round < 40; round++) {
    for (let i = 0; i < 100000; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 50000) keep = []; }
    max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
  }
  return max / 2 ** 20;
}
if (isMainThread) {
  const main = churn();
  const w = new Worker(__filename);
  w.on('message', (worker) => console.log(JSON.stringify({ main, worker })));
} else parentPort.postMessage(churn());
`;

function youngGenerationMb(flags: readonly string[]): { main: number; worker: number } {
  const dir = mkdtempSync(join(tmpdir(), 'retireone-node-flags-'));
  try {
    const file = join(dir, 'garbage.cjs');
    writeFileSync(file, GARBAGE);
    const run = spawnSync(process.execPath, [...flags, file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the embedded hosting’s V8 settings', () => {
  it.each(['start', 'bench', 'cost'])('npm run %s runs node with exactly them', (name) => {
    expect(scripts[name]).toContain(`node ${EMBEDDED_NODE_FLAGS.join(' ')} `);
  });

  it('bound the young generation of the main thread and of a worker thread, which V8 would let grow far larger', () => {
    const semiSpaceMb = Number(/^--max-semi-space-size=(\d+)$/.exec(EMBEDDED_NODE_FLAGS.find((f) => f.startsWith('--max-semi-space-size='))!)![1]);
    const bounded = youngGenerationMb(EMBEDDED_NODE_FLAGS);
    const unbounded = youngGenerationMb([]);
    // The new space is two semi-spaces; V8 may count a page more while it grows them.
    expect(bounded.main).toBeLessThanOrEqual(3 * semiSpaceMb);
    expect(bounded.worker).toBeLessThanOrEqual(3 * semiSpaceMb);
    expect(unbounded.main).toBeGreaterThan(bounded.main * 4);
    expect(unbounded.worker).toBeGreaterThan(bounded.worker * 4);
  });
});
