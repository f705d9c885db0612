/**
 * A parked wait keeps its deadline across a restart. The embedded engine runs executions in memory and
 * re-drives open cases when it starts again; the pre-review wait must still time out when it first would
 * have, not a whole timeout after the restart.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LOAN = demo.get('441900196608190252'); // 刘伟: statutory 2027-01
const TIMEOUT_S = 20;

describe('wait deadlines across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-waits-'));
  let stack: TestStack | undefined;
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the pre-review wait is flagged overdue at its first deadline, although the product restarted meanwhile', async () => {
    stack = await startTestStack({ dataDir, clockToday: '2026-12-10', waitTimeoutSeconds: TIMEOUT_S });
    const token = await stack.client.token('citizen', { idNumber: LOAN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: LOAN.idNumber, name: LOAN.name, phone: LOAN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    // The name on the form differs from the booking: the case waits for a pre-review decision.
    const form = applicationFor({ ...LOAN, name: '刘 伟' }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW');
    const waitingSince = Date.now();
    const kept = readdirSync(join(dataDir, 'waits')).filter((f) => f.startsWith(`${caseNumber}.WaitForPreReview`));
    expect(kept).toHaveLength(1);
    const keptDeadline = () => JSON.parse(readFileSync(join(dataDir, 'waits', kept[0]!), 'utf8')).deadline as number;
    const deadlineBefore = keptDeadline();

    await new Promise((r) => setTimeout(r, (TIMEOUT_S / 2) * 1000));
    await stack.stop();
    stack = await startTestStack({ dataDir, clockToday: '2026-12-10', waitTimeoutSeconds: TIMEOUT_S });
    const restartedAt = Date.now();
    // The re-driven execution reaches the wait again and keeps the deadline it had.
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW');
    expect(keptDeadline()).toBe(deadlineBefore);

    let flaggedAt = 0;
    while (Date.now() - waitingSince < 4 * TIMEOUT_S * 1000) {
      if ((await stack.runtime.cases.get(caseNumber))?.overdue) {
        flaggedAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(flaggedAt).toBeGreaterThan(0);
    // On a fresh timer it could not be flagged before restart + timeout.
    expect(flaggedAt).toBeLessThan(restartedAt + TIMEOUT_S * 1000);
    // Not early either: the wait lasted its timeout, less the moments before PRE_REVIEW was seen.
    expect(flaggedAt - waitingSince).toBeGreaterThan(TIMEOUT_S * 1000 - 1500);
    const after = await stack.client.get(`/v1/cases/${caseNumber}`, token);
    expect(after.body.status).toBe('PRE_REVIEW');
  }, 120_000);
});
