/**
 * `npm start`'s own entry point as a child process: killed with SIGKILL mid-case, started again on the
 * same data directory, the case completes with its documents issued once; no Java process outlives a stop.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, applicationFor, DEMO_FIXTURES } from './harness.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PERSON = { idNumber: '441900196610120130', name: '陈志明', gender: 'male', birthDate: '1966-10-12', phone: '13810102947' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function start(dataDir: string, port: number, latencyMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['infra/local/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      CLOCK_TODAY: '2026-12-10',
      DEPARTMENT_LATENCY_MS: String(latencyMs),
      DEPARTMENT_FIXTURES: DEMO_FIXTURES,
      LOG_LEVEL: 'error',
      // start.ts is npm start's entry without npm's default; these runs mint dev tokens.
      DEV_MODE: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start within 60 s: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function javaFor(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe('restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-restart-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 mid-case, start again: the case completes with each document issued exactly once', async () => {
    const port = await freePort();
    // Slow departments keep the case in its parallel checks long enough to kill it there.
    child = await start(dataDir, port, 3000);
    const client = new ApiClient(`http://127.0.0.1:${port}`);
    const platform = await client.token('platform');
    const booking = await client.post('/v1/bookings', { idNumber: PERSON.idNumber, name: PERSON.name, phone: PERSON.phone, channel: 'online' }, platform, {
      'Idempotency-Key': 'restart-1',
    });
    expect(booking.status).toBe(201);
    const caseNumber = booking.body.caseNumber;
    const form = applicationFor(PERSON, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, platform)).status).toBe(202);
    await client.waitForCase(caseNumber, platform, (c) => c.status === 'CHECKING');

    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    expect(await until(() => javaFor(dataDir).length === 0, 5000)).toBe(true);

    child = await start(dataDir, port, 0);
    const token = await new ApiClient(`http://127.0.0.1:${port}`).token('platform');
    const done = await client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 30_000);
    expect(done.decision).toBe('APPROVED');
    expect(done.documents.length).toBeGreaterThanOrEqual(1);
    const ids = done.documents.map((d: any) => d.documentId);
    expect(new Set(ids).size).toBe(ids.length);
    // One stored object per document: a second sealing run would have left a second hash-named object.
    const stored = files(join(dataDir, 's3')).filter((f) => f.includes(`documents/${caseNumber}/`) && f.endsWith('.pdf._S3rver_object'));
    expect(stored).toHaveLength(ids.length);
    // The timeline never repeats a status: replayed steps changed nothing.
    const statuses = done.timeline.map((t: any) => t.status);
    expect(new Set(statuses).size).toBe(statuses.length);

    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;
    expect(await until(() => javaFor(dataDir).length === 0, 5000)).toBe(true);
  }, 120_000);
});
