/**
 * The product runs from wherever it is unpacked, and a start that fails leaves nothing running.
 * - Seen: a copy under a directory named `HEAD~1` did not start: DynamoDB Local's launcher, the workflow files and the
 *   web pages were found by a file URL's `pathname`, which keeps `~` (and spaces, and Chinese) percent-encoded.
 * - Seen: the bench, which catches a failed start, then hung: the S3 stand-in and the department stand-ins had
 *   started beside the DynamoDB Local that failed, and nothing stopped them.
 * - Seen: a start on a port already taken ended in an uncaught 'error' event, with DynamoDB Local, the stand-ins and
 *   the seal thread all started; a failure after the parts were up did not stop them.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack.ts';
import { dynamoDbLocalProcess } from '../support/dynamodb-process.ts';
import { startProduct, startProductOnFreePort, stopProduct } from '../support/product-process.ts';
import { DEMO_FIXTURES } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIPPED = new Set(['node_modules', '.git', 'tmp', '.data', 'cdk.out', 'coverage']);

/** Runs `use` while another server listens on a port of this machine, and closes that server after. */
async function whilePortTaken(use: (port: number) => Promise<void>): Promise<void> {
  const taken = createServer();
  await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
  try {
    await use((taken.address() as AddressInfo).port);
  } finally {
    await new Promise((ok) => taken.close(ok));
  }
}

/** Every DynamoDB Local JVM seen serving the directory while watching for `ms`. */
async function dynamoDbLocalsSeenFor(dataDir: string, ms: number): Promise<number[]> {
  const seen = new Set<number>();
  for (const until = Date.now() + ms; Date.now() < until; ) {
    const java = dynamoDbLocalProcess(dataDir);
    if (java) seen.add(java.pid);
    await new Promise((r) => setTimeout(r, 100));
  }
  return [...seen];
}

/**
 * What a started part holds in this process: servers, child processes and pipes (its live handles, by kind), and
 * worker threads (its tasks named so, since a pool's threads are unreferenced handles that the first list omits).
 */
function partHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  const count = (kind: string) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  for (const kind of process.getActiveResourcesInfo()) if (['TCPServerWrap', 'ProcessWrap', 'PipeWrap'].includes(kind)) count(kind);
  for (const task of readdirSync('/proc/self/task')) if (readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim() === 'WorkerThread') count('WorkerThread');
  return counts;
}

describe('unusual paths', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'retireone-paths-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('starts from a directory whose name has a space, a tilde and Chinese, and serves its API and pages', async () => {
    const root = join(scratch, 'retire one~退休一件事');
    cpSync(ROOT, root, { recursive: true, filter: (src) => !SKIPPED.has(src.slice(ROOT.length).split('/')[0] ?? '') });
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    const dataDir = join(scratch, 'data 数据~1');
    const { child: product, port } = await startProductOnFreePort({ dataDir, latencyMs: 0, root });
    try {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('退休');
    } finally {
      await stopProduct(product);
    }
  }, 120_000);

  it('a start that fails stops what it had started beside it', async () => {
    const dataDir = join(scratch, 'failing');
    mkdirSync(dataDir);
    // The S3 stand-in cannot make its directory; DynamoDB Local and the department stand-ins start meanwhile.
    writeFileSync(join(dataDir, 's3'), 'not a directory');
    await expect(startLocalStack({ dataDir, port: 0, fixturesPath: DEMO_FIXTURES })).rejects.toThrow();
    // The failure is thrown only once DynamoDB Local's JVM has started and been stopped again: in the seconds after,
    // during which a JVM left starting would come up and answer on until this process exits, there is none.
    expect(await dynamoDbLocalsSeenFor(dataDir, 5_000)).toEqual([]);
  }, 60_000);

  it('a start on a port already taken says so, and stops every part it had started', async () => {
    const dataDir = join(scratch, 'port taken');
    const before = partHandles();
    await whilePortTaken(async (port) => {
      await expect(startLocalStack({ dataDir, port, fixturesPath: DEMO_FIXTURES })).rejects.toThrow(/EADDRINUSE/);
    });
    expect(await dynamoDbLocalsSeenFor(dataDir, 2_000)).toEqual([]);
    // No server (the S3 stand-in's), thread (the department stand-ins', the seal pool's) or child process is left.
    expect(partHandles()).toEqual(before);
  }, 60_000);

  it('npm start on a port already taken tells the person so in one line, and exits', async () => {
    const dataDir = join(scratch, 'npm start, port taken');
    await whilePortTaken(async (port) => {
      await expect(startProduct({ dataDir, port, latencyMs: 0 })).rejects.toThrow(
        new RegExp(`exited 1: [^]*port ${port} is already in use: stop what listens there, or start on another port`),
      );
    });
    expect(await dynamoDbLocalsSeenFor(dataDir, 2_000)).toEqual([]);
  }, 90_000);
});
