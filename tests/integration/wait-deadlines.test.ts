/**
 * A parked wait keeps its deadline across a restart. The embedded engine runs executions in memory and
 * re-drives open cases when it starts again; the wait for the form must still wake when it first would
 * have, not a whole timeout after the restart (here it wakes past the application deadline, so the case expires).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';
import { chinaDate } from '../../functions/adapters/clock.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LOAN = demo.get('441900196608190252'); // 刘伟
const TIMEOUT_S = 20;

describe('wait deadlines across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-waits-'));
  let stack: TestStack | undefined;
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the wait for the form wakes at its first deadline, although the product restarted meanwhile', async () => {
    stack = await startTestStack({ dataDir, clockToday: '2026-12-10', waitTimeoutSeconds: TIMEOUT_S });
    const token = await stack.client.token('citizen', { idNumber: LOAN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: LOAN.idNumber, name: LOAN.name, phone: LOAN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    await expect.poll(() => readdirSync(join(dataDir, 'waits')).filter((f) => f.startsWith(`${caseNumber}.WaitForApplication`))).toHaveLength(1);
    const waitingSince = Date.now();
    const kept = readdirSync(join(dataDir, 'waits')).filter((f) => f.startsWith(`${caseNumber}.WaitForApplication`));
    const keptDeadline = () => JSON.parse(readFileSync(join(dataDir, 'waits', kept[0]!), 'utf8')).deadline as number;
    const deadlineBefore = keptDeadline();

    await new Promise((r) => setTimeout(r, (TIMEOUT_S / 2) * 1000));
    await stack.stop();
    // Restarted after the application deadline (30 days): the next wake-up expires the case.
    stack = await startTestStack({ dataDir, clockToday: '2027-01-20', waitTimeoutSeconds: TIMEOUT_S });
    const restartedAt = Date.now();
    await expect.poll(() => stack!.engine.isRunning(caseNumber)).toBe(true);
    expect(keptDeadline()).toBe(deadlineBefore);

    let expiredAt = 0;
    while (Date.now() - waitingSince < 4 * TIMEOUT_S * 1000) {
      if ((await stack.runtime.cases.get(caseNumber))?.status === 'EXPIRED') {
        expiredAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(expiredAt).toBeGreaterThan(0);
    // On a fresh timer it could not wake before restart + timeout.
    expect(expiredAt).toBeLessThan(restartedAt + TIMEOUT_S * 1000);
    // Not early either: the wait lasted its timeout, less the moments before the wait was seen.
    expect(expiredAt - waitingSince).toBeGreaterThan(TIMEOUT_S * 1000 - 1500);
  }, 120_000);

  it('waits for the form with one timer, to the start of the day after the application deadline, not a wake-up every few hours', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retireone-waits-once-'));
    const clockToday = '2026-12-10';
    const own = await startTestStack({ dataDir: dir, clockToday });
    try {
      const person = demo.get('441900196610120130');
      const token = await own.client.token('citizen', { idNumber: person.idNumber });
      const booked = await own.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
        'Idempotency-Key': crypto.randomUUID(),
      });
      expect(booked.status).toBe(201);
      const caseNumber: string = booked.body.caseNumber;
      const waitFile = () => readdirSync(join(dir, 'waits')).filter((f) => f.startsWith(`${caseNumber}.WaitForApplication`));
      await expect.poll(waitFile).toHaveLength(1);
      const kept = JSON.parse(readFileSync(join(dir, 'waits', waitFile()[0]!), 'utf8')).deadline as number;
      // The product's clock is CLOCK_TODAY with the time of day running: the timer is in real time.
      const shiftMs = Date.parse(`${clockToday}T00:00:00+08:00`) - Date.parse(`${chinaDate(new Date())}T00:00:00+08:00`);
      const passes = Date.parse(`${booked.body.applicationDeadline}T00:00:00+08:00`) + 86_400_000;
      expect(Math.abs(kept - (passes - shiftMs))).toBeLessThan(2000);
      expect(own.engine.isRunning(caseNumber)).toBe(true);
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
