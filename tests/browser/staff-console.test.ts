/**
 * The pre-review team's working day in the staff console, in a real Chromium against the real embedded stack:
 * the queue with promised times and claims, the page to decide from (supplement, hand-over, decision), the
 * supervisors' dashboard, and the case page that keeps refreshing however the person signed in.
 * Screenshots at phone (390×844) and desktop (1280×800) width go to tests/browser/screenshots/ (not in git); at
 * each, axe-core finds no violation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, expectAccessible as accessible, launchCitizenBrowser, SHOTS } from './citizen-browser.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // approved when the form matches: 2027-04
const LIN = demo.get('441900197108030169'); // approved: 2027-01
const HUANG = demo.get('441900197606210189'); // approved: 2027-03
const RETIREMENT: Record<string, { type: string; requestedMonth: string; originalRetirementAge: number }> = {
  [CHEN.idNumber]: { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 },
  [LIN.idNumber]: { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 },
  [HUANG.idNumber]: { type: 'normal', requestedMonth: '2027-03', originalRetirementAge: 50 },
};

describe('browser: the pre-review team’s day in the staff console', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-01' });
    // The console is a desktop tool first: its screens are also tried at 390 px (shots below).
    b = await launchCitizenBrowser({ width: 1280, height: 800 });
    page = b.page;
    pageErrors = b.errors;
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await stack?.close();
  });

  async function book(person: any) {
    const token = await stack.client.token('citizen', { idNumber: person.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    return { caseNumber: booked.body.caseNumber as string, token };
  }

  /** Books and sends the form with the name spelt differently, so the case waits for a person at pre-review. */
  async function waitingAtPreReview(person: any) {
    const { caseNumber, token } = await book(person);
    const form = applicationFor({ ...person, name: `${person.name} 先生` }, RETIREMENT[person.idNumber]!);
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    return { caseNumber, token, form };
  }

  /** The development sign-in, from a fresh tab state. */
  async function signIn(role: 'pre-review' | 'supervisor', name: string, staffId?: string) {
    await page.goto(`${stack.baseUrl}/staff/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${stack.baseUrl}/staff/`);
    await page.getByRole('radio', { name: role === 'supervisor' ? '审核主管' : '预审员' }).check();
    await page.getByLabel('工作人员姓名或工号').fill(name);
    if (staffId) await page.getByLabel(/^工号/).fill(staffId);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.locator('#view-queue').isVisible(), { timeout: 15_000 }).toBe(true);
  }

  const expectAccessible = (what: string) => accessible(page, what);

  /** The page at phone width and at desktop width, whole, into tmp/screenshots/; accessible at both. */
  async function shots(name: string) {
    for (const [w, hgt] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      await page.waitForTimeout(150);
      // Nothing wider than the screen: the page never scrolls sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} at ${w} px scrolls sideways`).toBeLessThanOrEqual(0);
      await expectAccessible(`${name} at ${w} px`);
      await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`), fullPage: true });
      // A tall phone page is also kept in screen-sized parts, readable one at a time.
      if (w === 390) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 1; y < height && i <= 8; y += hgt, i++)
          await page.screenshot({
            path: join(SHOTS, `${name}-${w}-part${i}.png`),
            fullPage: true,
            clip: { x: 0, y, width: w, height: Math.min(hgt, height - y) },
          });
      }
    }
  }

  /** No English words a person would read (case numbers, staff ids and masked numbers are not words). */
  async function noEnglish(selector: string) {
    const text = (await page.locator(selector).innerText()).replace(/RT[0-9A-Z]{14}|S\d{4}|W\d{4}|[\d*X]{6,}/g, '');
    expect(text.match(/[A-Za-z]{3,}/g) ?? [], selector).toEqual([]);
  }

  const ALICE = 'S1001';
  const BOB = 'S2002';
  const WANG = 'W9001';
  let chenCase = '';
  let linCase = '';

  it('queue → claim → open the case → reveal the applicant → ask for a supplement', async () => {
    const { caseNumber } = await waitingAtPreReview(CHEN);
    chenCase = caseNumber;
    await signIn('pre-review', '张丽', ALICE);
    const row = page.locator(`tr[data-case="${caseNumber}"]`);
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.locator('td[data-label="认领人"]').textContent()).toContain('未认领');
    expect(await row.locator('td[data-label="承诺期限"]').textContent()).toMatch(/按时|即将到期/);
    expect(await row.locator('td[data-label="承诺期限"]').textContent()).toContain('工作日');
    await shots('1-queue');
    await noEnglish('#view-queue');

    await row.getByRole('button', { name: '认领' }).click();
    await expect.poll(() => row.locator('td[data-label="认领人"]').textContent(), { timeout: 15_000 }).toBe(`${ALICE}（我）`);
    // 我认领的: only what I hold.
    await page.getByText('我认领的').click();
    await expect.poll(() => page.locator('#queue-count').textContent()).toMatch(/显示 1 件|共 1 件/);
    expect(await row.isVisible()).toBe(true);
    await page.locator('.chip', { hasText: '全部' }).click();

    await row.getByRole('link', { name: caseNumber }).click();
    await expect.poll(() => page.locator('#c-number').textContent(), { timeout: 15_000 }).toBe(caseNumber);
    await expect.poll(() => page.locator('#c-assignee').textContent(), { timeout: 15_000 }).toContain(`${ALICE}（我）`);
    expect(await page.locator('#c-applicant').textContent()).toContain('陈**');
    expect(await page.locator('#c-form tr[data-path="applicant.name"]').textContent()).toContain('姓名');
    expect(await page.locator('#c-form tr[data-path="retirement.type"]').textContent()).toContain('按时退休');
    expect(await page.locator('#c-form tr[data-path="bankAccount.accountNo"]').textContent()).not.toContain('6222190000000001');
    expect(await page.locator('#c-prereview').textContent()).toContain('姓名与预约时不一致');
    expect(await page.locator('#c-sla').textContent()).toMatch(/预审承诺期限/);
    expect(await page.locator('#o-supplement').isVisible()).toBe(true);

    // 查看完整信息: shown, and the person is told it is recorded; the audit trail says so.
    const [reveal] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/staff/cases/${caseNumber}/applicant`)),
      page.getByRole('button', { name: '查看完整信息' }).click(),
    ]);
    expect(reveal.status()).toBe(200);
    await expect.poll(() => page.locator('#c-applicant').textContent()).toContain(CHEN.idNumber);
    expect(await page.locator('#c-reveal-note').textContent()).toContain('已记入访问记录');
    const supervisor = await stack.client.token('supervisor', { name: 'audit', staffId: 'A0001' });
    const audit = (await stack.client.get(`/v1/staff/cases/${caseNumber}/audit`, supervisor)).body as any[];
    expect(audit.filter((e) => e.action === 'reveal-applicant').map((e) => e.role)).toEqual(['pre-review']);
    await page.getByRole('button', { name: '隐藏完整信息' }).click();
    expect(await page.locator('#c-applicant').textContent()).not.toContain(CHEN.idNumber);

    // Ask for a supplement: the name. A Saturday as due date is refused under that field, in words.
    await page.getByRole('radio', { name: /请群众补正/ }).check();
    await page.locator('#s-fields').getByLabel('姓名', { exact: true }).check();
    await page.locator('#s-due').fill('2026-12-05');
    await page.getByLabel(/补正原因/).fill('姓名与身份证不一致，请按身份证填写');
    await shots('2-case-supplement-form');
    await page.getByRole('button', { name: '提交决定' }).click();
    const dueError = page.locator('.field[data-path="supplement.dueDate"] .error');
    await expect.poll(() => dueError.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await dueError.textContent()).toContain('工作日');
    expect(await page.locator('#decide-problem').textContent()).toContain('补正期限');
    await noEnglish('#decide-form');

    await page.locator('#s-due').fill('');
    const [asked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/staff/cases/${caseNumber}/reviews`) && r.request().method() === 'POST'),
      page.getByRole('button', { name: '提交决定' }).click(),
    ]);
    expect(asked.status()).toBe(202);
    expect(asked.request().postDataJSON()).toEqual({
      stage: 'pre-review',
      outcome: 'SUPPLEMENT',
      note: '姓名与身份证不一致，请按身份证填写',
      supplement: { fields: ['applicant.name'] },
    });
    await expect.poll(() => page.locator('#c-status').textContent(), { timeout: 15_000 }).toBe('等待群众补正');
    await expect.poll(() => page.locator('#c-supplements').textContent()).toContain('第 1 次补正');
    expect(await page.locator('#c-supplements').textContent()).toContain('要补正：姓名');
    expect(await page.locator('#c-sla').textContent()).toContain('等待群众补正');
    expect(await page.locator('#c-form tr.asked').count()).toBe(1);
    // Waiting for the citizen: only a refusal, after the due date, may be made — and the page says so.
    expect(await page.locator('#decide-closed').textContent()).toContain('期限过后仍未补正');
    expect(await page.locator('#o-pass').isVisible()).toBe(false);
    expect(await page.locator('#o-supplement').isVisible()).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shots('3-case-supplement-asked');
    await noEnglish('#view-case');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a second staff member sees the case claimed; a claim that lost the race is told who holds it', async () => {
    const { caseNumber } = await waitingAtPreReview(LIN);
    linCase = caseNumber;
    await signIn('pre-review', '李波', BOB);
    // The case claimed by alice (before): bob's queue names her, with no 认领 button.
    const chenRow = page.locator(`tr[data-case="${chenCase}"]`);
    await expect.poll(() => chenRow.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await chenRow.locator('td[data-label="认领人"]').textContent()).toBe(ALICE);
    expect(await chenRow.getByRole('button', { name: '认领' }).count()).toBe(0);

    // Bob opens LIN's case, unclaimed; alice claims it meanwhile; bob's 认领本件 is refused, in words.
    await page.goto(`${stack.baseUrl}/staff/#case/${caseNumber}`);
    await expect.poll(() => page.getByRole('button', { name: '认领本件' }).isVisible(), { timeout: 15_000 }).toBe(true);
    const alice = await stack.client.token('pre-review', { name: 'alice', staffId: ALICE });
    expect((await stack.client.post(`/v1/staff/cases/${caseNumber}/assignment`, { staffId: ALICE }, alice)).status).toBe(200);
    await page.getByRole('button', { name: '认领本件' }).click();
    await expect.poll(() => page.locator('#assign-problem').textContent(), { timeout: 15_000 }).toContain(`已由 ${ALICE} 认领`);
    await expect.poll(() => page.locator('#decide-closed').textContent(), { timeout: 15_000 }).toContain(`由 ${ALICE} 认领`);
    expect(await page.locator('#decide-form').isVisible()).toBe(false);
    await shots('4-case-claimed-by-colleague');
    await noEnglish('#view-case');
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('a supervisor hands the case over; the new assignee decides it and it completes', async () => {
    await signIn('supervisor', '王主管', WANG);
    await page.goto(`${stack.baseUrl}/staff/#case/${linCase}`);
    await expect.poll(() => page.locator('#c-assignee').textContent(), { timeout: 15_000 }).toContain(ALICE);
    expect(await page.locator('#handover-form').isVisible()).toBe(true);
    await page.getByLabel('转交给（工号）').fill(BOB);
    await page.getByRole('button', { name: '转交', exact: true }).click();
    await expect.poll(() => page.locator('#c-assignee').textContent(), { timeout: 15_000 }).toContain(`由 ${WANG} 转交`);
    expect(await page.locator('#c-assignee').textContent()).toContain(BOB);
    await shots('5-case-handed-over');

    await signIn('pre-review', '李波', BOB);
    await page.goto(`${stack.baseUrl}/staff/#case/${linCase}`);
    await expect.poll(() => page.locator('#c-assignee').textContent(), { timeout: 15_000 }).toContain(`${BOB}（我）`);
    await expect.poll(() => page.locator('#decide-form').isVisible()).toBe(true);
    await page.getByRole('radio', { name: '通过', exact: true }).check();
    await page.getByLabel(/说明/).fill('已电话核实：姓名按身份证，表上多写了称呼');
    await page.getByRole('button', { name: '提交决定' }).click();
    await expect.poll(() => page.locator('#c-status').textContent(), { timeout: 60_000, interval: 500 }).toBe('已办结：批准');
    expect(await page.locator('#c-reviews').textContent()).toContain('已电话核实');
    expect(await page.locator('#c-reviews').textContent()).toContain(BOB);
    // The promise is over: the card says it was kept, not how many days are left.
    await expect.poll(() => page.locator('#c-sla-kept').textContent(), { timeout: 15_000 }).toContain('已按时办结');
    expect(await page.locator('#c-sla').textContent()).not.toMatch(/剩 \d+ 个工作日/);
    await expect.poll(() => page.locator('#c-documents button').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shots('6-case-completed');
    await noEnglish('#view-case');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the dashboard: figures, the chart by status, 办不成事 and reminders', async () => {
    expect((await stack.client.post('/v1/feedback', { text: '网上填表时银行选不到农村信用社', contact: '13810102947', caseNumber: chenCase })).status).toBe(
      201,
    );
    await signIn('supervisor', '王主管', WANG);
    await page.getByRole('link', { name: '数据看板' }).click();
    await expect.poll(() => page.locator('#view-dashboard').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.locator('#d-tiles li').count(), { timeout: 15_000 }).toBe(6);
    expect(await page.locator('#status.error').count()).toBe(0);
    const stats = (await stack.client.get('/v1/staff/stats', await stack.client.token('supervisor', { staffId: WANG }))).body;
    expect(await page.locator('#d-tiles').textContent()).toContain('按时办结率');
    expect(await page.locator('#d-tiles').textContent()).toContain(stats.onTimeRate === null ? '—' : `${Math.round(stats.onTimeRate * 1000) / 10}%`);
    const completed = page.locator('#d-chart g[data-status="COMPLETED"]');
    expect(await completed.getAttribute('data-count')).toBe(String(stats.byStatus.COMPLETED));
    expect(await page.locator('#d-chart g[data-status="SUPPLEMENT_REQUESTED"] text').first().textContent()).toBe('等待群众补正');
    expect(await page.locator('#d-chart svg title').textContent()).toContain('已办结');
    await expect.poll(() => page.locator('#d-feedback').textContent(), { timeout: 15_000 }).toContain('农村信用社');
    expect(await page.locator('#d-feedback').textContent()).not.toContain('13810102947');
    expect((await page.locator('#d-notices li').count()) > 0 || (await page.locator('#d-notices-empty').isVisible())).toBe(true);
    await shots('7-dashboard');
    await noEnglish('#view-dashboard');
    // Pre-review officers have no dashboard tab.
    await signIn('pre-review', '李波', BOB);
    expect(await page.getByRole('link', { name: '数据看板' }).isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('the case page keeps refreshing after the queue’s first 10 seconds (no queue timer cancels it)', async () => {
    const { caseNumber, token } = await book(HUANG);
    const loads: number[] = [];
    const onRequest = (r: { url(): string; method(): string }) => {
      if (r.method() === 'GET' && new RegExp(`/cases/${caseNumber}$`).test(new URL(r.url()).pathname)) loads.push(Date.now());
    };
    page.on('request', onRequest);
    try {
      await signIn('pre-review', 'refresh');
      const signedIn = Date.now();
      // Opened from the queue, as a person does (the same page: no reload drops the queue's timers).
      const link = page.locator(`tr[data-case="${caseNumber}"] a`).first();
      await expect.poll(() => link.isVisible(), { timeout: 15_000 }).toBe(true);
      await link.click();
      await expect.poll(() => page.locator('#c-number').textContent(), { timeout: 15_000 }).toBe(caseNumber);
      // Past the queue's 10-second refresh, the page still asks for the case every few seconds.
      await page.waitForTimeout(Math.max(0, signedIn + 16_000 - Date.now()));
      expect(loads.filter((t) => t > signedIn + 11_500).length).toBeGreaterThanOrEqual(1);
    } finally {
      page.off('request', onRequest);
    }
    expect((await stack.client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, token)).status).toBe(202);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('a case completed late says by how many working days; dates reaching into 2027 say they count on the provisional calendar', async () => {
    // Waiting at pre-review from Tuesday 12-01 (the whole case promised by Tuesday 12-08), passed on Thursday 12-10.
    const { caseNumber } = await waitingAtPreReview(HUANG);
    stack.setToday('2026-12-10');
    const alice = await stack.client.token('pre-review', { name: '张丽', staffId: ALICE });
    const passed = await stack.client.post(`/v1/staff/cases/${caseNumber}/reviews`, { stage: 'pre-review', outcome: 'PASS', note: '已核实' }, alice);
    expect(passed.status).toBe(202);
    await signIn('supervisor', '王主管', WANG);
    await page.goto(`${stack.baseUrl}/staff/#case/${caseNumber}`);
    await expect.poll(() => page.locator('#c-status').textContent(), { timeout: 60_000, interval: 500 }).toMatch(/已办结/);
    await expect.poll(() => page.locator('#c-sla-kept').textContent(), { timeout: 15_000 }).toContain('超时办结，超 2 个工作日');
    expect(await page.locator('#c-sla').textContent()).toContain('用了 7 个工作日');
    expect(await page.locator('#c-deadline').textContent()).toMatch(/^办结时间：2026年12月10日/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shots('8-case-completed-late');
    await noEnglish('#view-case');

    // CHEN's case has waited for the citizen since 12-01: on 12-28 its promised dates have moved into 2027.
    stack.setToday('2026-12-28');
    await page.goto(`${stack.baseUrl}/staff/#case/${chenCase}`);
    await expect.poll(() => page.locator('#c-sla-provisional').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#c-sla-provisional').textContent()).toContain('暂定日历');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shots('9-case-provisional-calendar');
    await noEnglish('#view-case');
    await page.goto(`${stack.baseUrl}/staff/#queue`);
    const row = page.locator(`tr[data-case="${chenCase}"]`);
    await expect.poll(() => row.locator('.provisional').isVisible(), { timeout: 15_000 }).toBe(true);
    await shots('10-queue-provisional-calendar');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
