/**
 * `npm start`'s own entry point as a child process, killed with SIGKILL twice while a case's messages are being
 * written and drained, started again on the same data directory: every stage's message reaches the local SMS sink
 * exactly once, and the timeline says 已短信通知 on exactly those entries (as tests/integration/restart.test.ts does
 * restarts).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SENT_NOTE } from '../../functions/notifications/pending-sms.ts';
import { kill9, startProduct, startProductOnFreePort, stopProduct } from '../support/product-process.ts';
import { ApiClient, applicationFor } from './harness.ts';

const PERSON = { idNumber: '441900196610120130', name: '陈志明', gender: 'male', birthDate: '1966-10-12', phone: '13810102947' };

describe('text messages across kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-sms-restart-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('killed while the outbox drains, twice: each stage reaches the phone once, and the timeline says so once', async () => {
    const started = await startProductOnFreePort({ dataDir, latencyMs: 3000 });
    child = started.child;
    const { port } = started;
    const client = new ApiClient(`http://127.0.0.1:${port}`);
    const platform = await client.token('platform');
    const booking = await client.post('/v1/bookings', { idNumber: PERSON.idNumber, name: PERSON.name, phone: PERSON.phone, channel: 'online' }, platform, {
      'Idempotency-Key': 'sms-restart-1',
    });
    expect(booking.status).toBe(201);
    const caseNumber: string = booking.body.caseNumber;
    const form = applicationFor(PERSON, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, platform)).status).toBe(202);
    // The drain runs every second: the first kill lands while the two new messages are pending or going out.
    await new Promise((r) => setTimeout(r, 900));
    await kill9(child);

    child = await startProduct({ dataDir, port, latencyMs: 3000 });
    let token = await client.token('platform');
    await client.waitForCase(caseNumber, token, (c) => c.status === 'CHECKING', 30_000);
    await new Promise((r) => setTimeout(r, 1200));
    await kill9(child);

    child = await startProduct({ dataDir, port, latencyMs: 0 });
    token = await client.token('platform');
    await client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 30_000);
    const kinds = async () =>
      ((await client.get(`/v1/dev/messages?to=${PERSON.phone}`)).body.messages as any[]).filter((m) => m.caseNumber === caseNumber).map((m) => m.kind);
    const end = Date.now() + 15_000;
    while (!(await kinds()).includes('documents-ready') && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    // A few more drain rounds: nothing may follow.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await kinds()).toEqual(['booked', 'submitted', 'decided', 'documents-ready']);
    const done = (await client.get(`/v1/cases/${caseNumber}`, token)).body;
    expect(done.timeline.filter((t: any) => t.note.endsWith(SENT_NOTE)).map((t: any) => t.status)).toEqual(['BOOKED', 'SUBMITTED', 'SEALING', 'COMPLETED']);
    expect(done.timeline.filter((t: any) => t.note.includes(`${SENT_NOTE}${SENT_NOTE}`))).toEqual([]);

    await stopProduct(child);
    child = undefined;
  }, 180_000);
});
