/**
 * The citizen pages and the staff console, driven in a real Chromium against the real embedded stack
 * (which also serves web/). Chromium comes from the Debian package (/usr/bin/chromium); playwright-core
 * only drives it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '/tmp/retireone-progress.png';
const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // 陈志明: all pass, statutory 2027-04
const LIU = demo.get('441900196608190252'); // 刘伟: housing loan outstanding → fund MANUAL, statutory 2027-01

// npm test installs Chromium (scripts/ensure-deps.sh); without it this suite fails rather than passing unseen.
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-deps.sh (npm test does) to install Debian's chromium`);

describe('browser: citizen pages and staff console', () => {
  let stack: TestStack;
  let context: BrowserContext;
  let profileDir: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-20' });
    profileDir = mkdtempSync(join(tmpdir(), 'retireone-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) pageErrors.push(m.text()); });
  });

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('calculator, sign-in, booking, the one form, progress and the sealed document', async () => {
    const base = stack.baseUrl;

    // (a) the calculator
    await page.goto(`${base}/#calc`);
    await page.getByRole('radio', { name: '男', exact: true }).check();
    await page.locator('#screen-calc').getByLabel('出生日期').fill('1966-10-12');
    await page.getByRole('button', { name: '计算' }).click();
    const month = page.getByTestId('statutory-month');
    await expect.poll(() => month.getAttribute('data-month')).toBe('2027-04');
    expect(await month.textContent()).toBe('2027年4月');

    // (b) sign in (development sign-in)
    await page.goto(`${base}/#login`);
    await expect.poll(() => page.getByText('开发用的登录').isVisible()).toBe(true);
    const login = page.locator('#screen-login');
    await login.getByLabel('姓名').fill(CHEN.name);
    await login.getByLabel('身份证号码').fill(CHEN.idNumber);
    await page.getByRole('button', { name: '登录' }).click();

    // (c) book online: the case number is shown large
    await page.locator('#screen-book').getByLabel('手机号码').fill(CHEN.phone);
    await page.getByRole('button', { name: '确认预约' }).click();
    const number = page.getByTestId('case-number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^RT20270320[0-9A-Z]{6}$/);
    const caseNumber = (await number.textContent())!;
    expect(await page.getByText('请记住您的办件编号').isVisible()).toBe(true);
    expect(await page.locator('#booked-deadline').textContent()).toMatch(/前提交申请表/);

    // (d) the one form, prefilled
    await page.getByRole('link', { name: /填写申请表/ }).click();
    await expect.poll(() => page.locator('#f-name').inputValue(), { timeout: 15_000 }).toBe(CHEN.name);
    expect(await page.locator('#f-account').inputValue()).toBe(CHEN.bankAccount.accountNo);
    expect(await page.locator('#f-bank').inputValue()).toBe(CHEN.bankAccount.bankName);
    expect(await page.locator('#f-id').inputValue()).toBe(CHEN.idNumber);

    // Sent incomplete: every field's problem stands next to that field.
    await page.getByRole('button', { name: '提交申请' }).click();
    const addressError = page.locator('.field[data-path="applicant.address"] .error');
    await expect.poll(() => addressError.isVisible()).toBe(true);
    expect(await addressError.textContent()).toContain('住址');
    expect(await page.locator('.field[data-path="commitments.informationTrue"] .error').isVisible()).toBe(true);
    expect(await page.locator('#f-address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#form-summary').isVisible()).toBe(true);

    await page.getByLabel('现在的住址').fill('广东省东莞市南城街道示例路 1 号');
    await page.getByRole('radio', { name: /按时退休/ }).check();
    await page.locator('#f-month').fill('2027-04');
    await page.getByLabel('我承诺以上信息真实、准确。').check();
    await page.getByLabel(/我同意人社、税务、医保、公积金/).check();
    await page.getByRole('button', { name: '提交申请' }).click();

    // (e) progress, followed by polling until the sealed answer is there
    await expect.poll(() => page.locator('#p-number').textContent(), { timeout: 15_000 }).toBe(caseNumber);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 45_000, interval: 500 }).toMatch(/已办结/);
    expect(await page.locator('#p-status').textContent()).toBe('已办结：批准退休');
    const download = page.locator('button.download').first();
    await expect.poll(() => download.isVisible()).toBe(true);
    expect(await page.locator('.dept').count()).toBe(4);
    expect(await page.locator('#p-timeline li').count()).toBeGreaterThanOrEqual(5);

    const [response, file] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/v1/cases/${caseNumber}/documents/`)),
      page.waitForEvent('download'),
      download.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const saved = await file.path();
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT });
    if (process.env.SCREENSHOT_PARTS) {
      for (const y of [844, 1688]) await page.screenshot({ path: `/tmp/retireone-progress-${y}.png`, fullPage: true, clip: { x: 0, y, width: 390, height: 844 } });
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('staff console: a case waiting for manual review is in the queue; a supervisor decides; the case completes', async () => {
    const { client } = stack;
    stack.setToday('2026-12-20');
    const citizen = await client.token('citizen', { idNumber: LIU.idNumber });
    const booking = await client.post('/v1/bookings', { idNumber: LIU.idNumber, name: LIU.name, phone: LIU.phone, channel: 'online' }, citizen, { 'Idempotency-Key': crypto.randomUUID() });
    expect(booking.status).toBe(201);
    const caseNumber = booking.body.caseNumber as string;
    const form = applicationFor(LIU, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, citizen)).status).toBe(202);
    await client.waitForCase(caseNumber, citizen, (c) => c.status === 'MANUAL_REVIEW', 30_000);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.baseUrl}/staff/`);
    await page.getByRole('radio', { name: '审核主管' }).check();
    await page.getByLabel('工作人员姓名或工号').fill('主管王');
    await page.getByRole('button', { name: '登录' }).click();

    const row = page.locator(`tr[data-case="${caseNumber}"]`);
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.textContent()).toContain('人工审核中');
    expect(await row.textContent()).toContain('住房公积金');

    await row.getByRole('link', { name: caseNumber }).click();
    const fund = page.locator('.dept[data-department="housingFund"] .badge');
    await expect.poll(() => fund.textContent(), { timeout: 15_000 }).toBe('需工作人员审核');
    expect(await page.getByRole('radio', { name: /人工审核/ }).isChecked()).toBe(true);
    expect(await page.locator('#d-department option').allTextContents()).toEqual(['住房公积金中心']);

    // The note is required.
    await page.getByRole('radio', { name: '通过', exact: true }).check();
    await page.getByRole('button', { name: '提交决定' }).click();
    await expect.poll(() => page.locator('.field[data-path="note"] .error').isVisible()).toBe(true);

    await page.getByLabel(/说明/).fill('已与本人电话确认：贷款以公积金余额结清后销户');
    await page.getByRole('button', { name: '提交决定' }).click();
    await expect.poll(() => page.locator('#c-status').textContent(), { timeout: 45_000, interval: 500 }).toBe('已办结：批准');
    const done = (await client.get(`/v1/cases/${caseNumber}`, citizen)).body;
    expect(done.status).toBe('COMPLETED');
    expect(done.decision).toBe('APPROVED');
    expect(done.departments.housingFund.reasons.map((r: any) => r.code)).toContain('STAFF_DECISION');
    expect(done.documents.length).toBeGreaterThanOrEqual(1);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
