/**
 * The progress page in a real Chromium on a 390 px phone against the real embedded stack, its clock faked
 * (Playwright's clock) so half-minutes pass at once: a case waiting for a person is read every 2 s while its status is
 * new, then every 30 s; a hidden page reads nothing and, shown again, reads at once; a staff decision still shows
 * within half a minute; a final case is not read again.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, type TestStack } from '../integration/harness.ts';
import { type CitizenBrowser, keepSignIn, shot } from './citizen-browser.ts';
import { stackAndBrowser } from './stack-and-browser.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // approved for 2027-04 once pre-review passes

/** Shows or hides the page as switching tabs does. */
async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

describe('browser: how often the progress page reads the case', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  stackAndBrowser({ clockToday: '2026-12-01' }, (s, browser) => {
    stack = s;
    b = browser;
  });

  it('quickly while a status is new or the machine works, every 30 s while a person acts, nothing while hidden', async () => {
    // A form whose name differs from the booking: the case waits at pre-review for a person.
    const token = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    const form = applicationFor(CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    form.applicant.name = `${CHEN.name} 先生`;
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => t.status === 'PRE_REVIEW'));

    const page = b.page;
    // Paused: the page's time moves only when the test moves it, whatever the machine's speed.
    await page.clock.install({ time: new Date('2026-12-01T10:00:00+08:00') });
    await page.clock.pauseAt(new Date('2026-12-01T10:00:01+08:00'));
    await keepSignIn(page, stack.baseUrl, { token, idNumber: CHEN.idNumber, name: CHEN.name, caseNumber });
    let reads = 0;
    page.on('requestfinished', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `/v1/cases/${caseNumber}`) reads++;
    });
    /** The page has read the case `n` times, and had (real) time to take in the last answer and set its next timer. */
    const readTimes = async (n: number) => {
      await expect.poll(() => reads).toBe(n);
      await page.waitForTimeout(250);
    };
    await page.goto(`${stack.baseUrl}/#progress`);
    await expect.poll(() => page.locator('#p-status-explain').textContent(), { timeout: 15_000 }).toContain('工作人员核实');
    await readTimes(1);

    // The status is new: read every 2 s for its first half-minute (the 16th read is at 30 s).
    for (let i = 2; i <= 16; i++) {
      await page.clock.runFor(2000);
      await readTimes(i);
    }
    // Then every 30 s: nothing for 29 s, one read at 30.
    await page.clock.runFor(29_000);
    await page.waitForTimeout(300);
    expect(reads).toBe(16);
    await page.clock.runFor(1000);
    await readTimes(17);

    // Hidden (another tab): two minutes without a read. Shown again: read at once.
    await setHidden(page, true);
    await page.clock.runFor(120_000);
    await page.waitForTimeout(300);
    expect(reads).toBe(17);
    await setHidden(page, false);
    await readTimes(18);

    // Staff pass the pre-review: the page shows it within half a minute, then follows the checks to the end.
    const staff = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const passed = await stack.client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'pre-review', outcome: 'PASS', note: '已核实' }, staff);
    expect(passed.status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED', 30_000);
    expect(await page.locator('#p-status-explain').textContent()).toContain('工作人员核实');
    await page.clock.runFor(30_000);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 15_000 }).toBe('已办结：批准退休');
    const final = reads;
    // Final: not read again.
    await page.clock.runFor(120_000);
    await page.waitForTimeout(300);
    expect(reads).toBe(final);
    await page.locator('#p-status-card').scrollIntoViewIfNeeded();
    await shot(page, 'progress-cadence-completed');
    expect(b.errors).toEqual([]);
  }, 120_000);
});
