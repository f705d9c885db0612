/**
 * A full disk under DATA_DIR. The product runs on a tmpfs of its own (this test mounts one: it needs root,
 * as CI has), the disk is filled to the last byte while cases are in flight, and then space returns.
 * Meanwhile: readiness says 503, requests get 503 with Retry-After (never 500), the process stays up and
 * no object is left truncated. The workflow runs its production retry schedule, which rides out a full
 * disk of seconds; afterwards every case completes with one whole set of documents.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLocalS3Client, startS3Local } from '../../infra/local/s3-local.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const PEOPLE = ['441900196610120130', '441900197606210189', '441900196611020238'].map((id) => demo.get(id));
const FORMS = [
  { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 },
  { type: 'normal', requestedMonth: '2027-03', originalRetirementAge: 50 },
  { type: 'normal', requestedMonth: '2027-05', originalRetirementAge: 60 },
] as const;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

/** Writes zeros until the file system refuses: the disk is full to its last block. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
}

describe('a full disk', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'retireone-disk-'));
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');
  let stack: TestStack;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=192m,mode=0700', 'tmpfs', mountPoint]);
    stack = await startTestStack({ dataDir, clockToday: '2027-03-20', retryIntervalMs: undefined, reconcileIntervalMs: 1000 });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('is 503 while full, crashes nothing, truncates nothing, and every case completes once space returns', async () => {
    const { client } = stack;
    const tokens = await Promise.all(PEOPLE.map((p) => client.token('citizen', { idNumber: p.idNumber })));
    const book = (i: number) =>
      client.post('/v1/bookings', { idNumber: PEOPLE[i].idNumber, name: PEOPLE[i].name, phone: PEOPLE[i].phone, channel: 'online' }, tokens[i], {
        'Idempotency-Key': `disk-${i}`,
      });
    const submit = (i: number, caseNumber: string) => client.post(`/v1/cases/${caseNumber}/application`, applicationFor(PEOPLE[i], FORMS[i]), tokens[i]);

    const first = await book(0);
    const second = await book(1);
    expect([first.status, second.status]).toEqual([201, 201]);
    // The first case is in flight (checks, sealing) when the disk fills; the second still waits for its form.
    expect((await submit(0, first.body.caseNumber)).status).toBe(202);
    fill(filler);

    expect((await client.get('/health')).status).toBe(503);
    const refusedBooking = await book(2);
    expect(refusedBooking.status).toBe(503);
    expect(Number(refusedBooking.headers.get('retry-after'))).toBeGreaterThan(0);
    const refusedForm = await submit(1, second.body.caseNumber);
    expect(refusedForm.status).toBe(503);
    await new Promise((r) => setTimeout(r, 3000));
    // Still up, still answering.
    expect((await client.get('/health')).status).toBe(503);
    expect(files(join(dataDir, 's3')).filter((f) => f.endsWith('.partial'))).toEqual([]);

    rmSync(filler);
    const readyBy = Date.now() + 30_000;
    while ((await client.get('/health')).status !== 200 && Date.now() < readyBy) await new Promise((r) => setTimeout(r, 200));
    expect((await client.get('/health')).status).toBe(200);

    const third = await book(2);
    expect(third.status).toBe(201);
    expect((await submit(1, second.body.caseNumber)).status).toBe(202);
    expect((await submit(2, third.body.caseNumber)).status).toBe(202);
    const cases = [first.body.caseNumber, second.body.caseNumber, third.body.caseNumber];
    const done = await Promise.all(cases.map((n, i) => client.waitForCase(n, tokens[i], (c) => c.status === 'COMPLETED', 120_000)));

    // Every stored object is whole (its bytes hash to its name) and is an issued document of its case.
    const issued = done.flatMap((c) => c.documents.map((d: any) => `${c.caseNumber}/${d.documentId}/${d.sha256}`));
    expect(done.map((c) => c.documents.length > 0)).toEqual([true, true, true]);
    const stored = files(join(dataDir, 's3')).filter((f) => f.endsWith('._S3rver_object'));
    const storedNames = stored.map((f) => {
      const m = /documents\/(RT\w+)\/([^/]+)\/([0-9a-f]{64})\.pdf\._S3rver_object$/.exec(f);
      expect(m, f).not.toBeNull();
      expect(createHash('sha256').update(readFileSync(f)).digest('hex')).toBe(m![3]);
      return `${m![1]}/${m![2]}/${m![3]}`;
    });
    expect(storedNames.sort()).toEqual(issued.sort());
  }, 240_000);

  it('the S3 stand-in refuses a write it cannot finish, keeps nothing of it, and takes it once there is room', async () => {
    const s3 = await startS3Local({ dataDir: join(mountPoint, 'alone') });
    try {
      const client = makeLocalS3Client(s3.endpoint);
      await client.send(new CreateBucketCommand({ Bucket: 'full-disk' }));
      const body = new Uint8Array(512 * 1024).fill(7);
      const put = () => client.send(new PutObjectCommand({ Bucket: 'full-disk', Key: 'documents/x.pdf', Body: body, ContentLength: body.byteLength }));
      fill(filler);
      const refused = await put().then(
        () => undefined,
        (err: any) => err.$metadata?.httpStatusCode,
      );
      expect(refused).toBe(500);
      // This process (which hosts the stand-in) is still here, and nothing of the object is.
      expect(files(s3.directory).filter((f) => f.includes('x.pdf'))).toEqual([]);
      rmSync(filler);
      await put();
      const got = await client.send(new GetObjectCommand({ Bucket: 'full-disk', Key: 'documents/x.pdf' }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(body))).toBe(true);
    } finally {
      rmSync(filler, { force: true });
      await s3.stop();
    }
  }, 60_000);
});
