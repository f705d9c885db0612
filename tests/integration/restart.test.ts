/**
 * `npm start`'s own entry point as a child process: killed with SIGKILL mid-case, started again on the
 * same data directory, the case completes with its documents issued once; no Java process outlives a stop.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kill9, startProduct, startProductOnFreePort, stopProduct } from '../support/product-process.ts';
import { ApiClient, applicationFor } from './harness.ts';

const PERSON = { idNumber: '441900196610120130', name: '陈志明', gender: 'male', birthDate: '1966-10-12', phone: '13810102947' };

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
    // Slow departments keep the case in its parallel checks long enough to kill it there.
    const started = await startProductOnFreePort({ dataDir, latencyMs: 3000 });
    child = started.child;
    const { port } = started;
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

    await kill9(child);
    expect(await until(() => javaFor(dataDir).length === 0, 5000)).toBe(true);

    child = await startProduct({ dataDir, port, latencyMs: 0 });
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

    await stopProduct(child);
    child = undefined;
    expect(await until(() => javaFor(dataDir).length === 0, 5000)).toBe(true);
  }, 120_000);
});
