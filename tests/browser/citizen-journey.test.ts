/**
 * The citizen pages and the staff console, driven in a real Chromium against the real embedded stack
 * (which also serves web/). Chromium comes from the Debian package (/usr/bin/chromium); playwright-core
 * only drives it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, launchCitizenBrowser } from './citizen-browser.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const SCREENSHOT = '/tmp/retireone-progress.png';
const WITHDRAW_SCREENSHOT = '/tmp/retireone-withdraw-dialog.png';
const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // 陈志明: all pass, statutory 2027-04
const LIU = demo.get('441900196608190252'); // 刘伟: housing loan outstanding → fund MANUAL, statutory 2027-01

describe('browser: citizen pages and staff console', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-20' });
    // A persistent profile (downloads accepted, as Playwright's default), errors collected by the shared launcher.
    b = await launchCitizenBrowser();
    page = b.page;
    pageErrors = b.errors;
  });

  /** The development sign-in, as a citizen types it. */
  async function signIn(person: { name: string; idNumber: string }) {
    const login = page.locator('#screen-login');
    await login.getByLabel('姓名').fill(person.name);
    await login.getByLabel('身份证号码').fill(person.idNumber);
    await page.getByRole('button', { name: '登录' }).click();
  }

  async function bookOnline(person: { phone: string }) {
    await page.locator('#screen-book').getByLabel('手机号码').fill(person.phone);
    await page.getByRole('button', { name: '确认预约' }).click();
  }

  afterAll(async () => {
    await b?.close();
    await stack?.close();
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
    await signIn(CHEN);

    // (c) book online: the case number is shown large
    await bookOnline(CHEN);
    const number = page.getByTestId('case-number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^RT20270320[0-9A-Z]{6}$/);
    const caseNumber = (await number.textContent())!;
    expect(await page.getByText('请记住您的办件编号').isVisible()).toBe(true);
    expect(await page.locator('#booked-deadline').textContent()).toMatch(/前提交申请表/);

    // (d) the one form, prefilled, one question group per page (tests/browser/paged-form.test.ts goes page by page)
    await page.getByRole('link', { name: /填写申请表/ }).click();
    const form = page.locator('#screen-form');
    const stepHeading = page.locator('#form-step-h');
    await expect.poll(() => form.getByLabel('姓名').inputValue(), { timeout: 15_000 }).toBe(CHEN.name);
    expect(await form.getByLabel('身份证号码').inputValue()).toBe(CHEN.idNumber);

    // Sent on incomplete: the page's problem stands next to its field, and the page does not move on.
    await page.getByRole('button', { name: '下一步' }).click();
    const addressError = page.locator('.field[data-path="applicant.address"] .error');
    await expect.poll(() => addressError.isVisible()).toBe(true);
    expect(await addressError.textContent()).toContain('住址');
    expect(await form.getByLabel('现在的住址').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#app-form .error-summary').isVisible()).toBe(true);

    await form.getByLabel('现在的住址').fill('广东省东莞市南城街道示例路 1 号');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => stepHeading.textContent()).toBe('怎样退休');
    expect(await form.getByRole('radio', { name: /按时退休/ }).isChecked()).toBe(true);
    expect(await form.getByLabel('想从哪个月开始退休').inputValue()).toBe('2027-04');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => stepHeading.textContent()).toBe('养老金发到哪里');
    expect(await form.getByLabel('银行卡号').inputValue()).toBe(CHEN.bankAccount.accountNo);
    expect(await form.getByLabel('开户银行').inputValue()).toBe(CHEN.bankAccount.bankName);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => stepHeading.textContent()).toBe('住房公积金');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => stepHeading.textContent()).toBe('请核对后提交');
    await form.getByLabel('我承诺以上信息真实、准确。').check();
    await form.getByLabel(/我同意使用上面标明/).check();
    await page.getByRole('button', { name: '提交申请' }).click();

    // (e) progress, followed by polling until the sealed answer is there
    await expect.poll(() => page.locator('#p-number').textContent(), { timeout: 15_000 }).toBe(caseNumber);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 45_000, interval: 500 }).toMatch(/已办结/);
    expect(await page.locator('#p-status').textContent()).toBe('已办结：批准退休');
    const download = page.locator('button.download').first();
    await expect.poll(() => download.isVisible()).toBe(true);
    expect(await page.locator('.dept').count()).toBe(5); // the four and 卫健, which the demo city takes part in
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
      for (const y of [844, 1688])
        await page.screenshot({ path: `/tmp/retireone-progress-${y}.png`, fullPage: true, clip: { x: 0, y, width: 390, height: 844 } });
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('staff console: a case waiting for manual review is in the queue; a supervisor decides; the case completes', async () => {
    const { client } = stack;
    stack.setToday('2026-12-20');
    const citizen = await client.token('citizen', { idNumber: LIU.idNumber });
    const booking = await client.post('/v1/bookings', { idNumber: LIU.idNumber, name: LIU.name, phone: LIU.phone, channel: 'online' }, citizen, {
      'Idempotency-Key': crypto.randomUUID(),
    });
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

    // 访问记录: a supervisor sees who opened the case, in plain words, read when the section is opened.
    // Someone else's attempt to read the case is refused, and recorded.
    const stranger = await client.token('citizen', { idNumber: CHEN.idNumber });
    expect((await client.get(`/v1/cases/${caseNumber}`, stranger)).status).toBe(404);
    const audit = page.locator('#c-audit');
    expect(await audit.isVisible()).toBe(true);
    expect(await audit.getAttribute('open')).toBeNull();
    await audit.getByText('访问记录', { exact: true }).click();
    const auditRows = page.locator('#c-audit-body tr');
    await expect.poll(() => auditRows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const auditText = await page.locator('#c-audit-body').textContent();
    expect(auditText).toContain('查看办件');
    expect(auditText).toContain('审核主管');
    expect(auditText).toContain('主管王');
    expect(auditText).toContain('提交申请');
    expect(await page.locator('#c-audit-body tr[data-action="read-case"]').count()).toBeGreaterThanOrEqual(1);
    const denied = page.locator('#c-audit-body tr.denied[data-action="read-case:denied"]');
    expect(await denied.count()).toBe(1);
    expect(await denied.textContent()).toContain('查看办件被拒绝');
    if (process.env.SCREENSHOT_PARTS) {
      await audit.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/retireone-staff-audit.png' });
    }
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

  it('staff console: a pre-review officer does not see the 访问记录', async () => {
    const { client } = stack;
    const citizen = await client.token('citizen', { idNumber: LIU.idNumber });
    const booking = await client.post('/v1/bookings', { idNumber: LIU.idNumber, name: LIU.name, phone: LIU.phone, channel: 'online' }, citizen, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booking.status).toBe(201);
    const caseNumber = booking.body.caseNumber as string;

    await page.goto(`${stack.baseUrl}/staff/`);
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('radio', { name: '预审员' }).check();
    await page.getByLabel('工作人员姓名或工号').fill('预审李');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.locator('#view-queue').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${stack.baseUrl}/staff/#case/${caseNumber}`);
    await expect.poll(() => page.locator('#c-number').textContent(), { timeout: 15_000 }).toBe(caseNumber);
    await expect.poll(() => page.locator('#c-status').textContent(), { timeout: 15_000 }).toBe('已预约');
    expect(await page.locator('#c-audit').isVisible()).toBe(false);
    expect(await page.getByText('访问记录', { exact: true }).count()).toBe(1); // in the DOM, but hidden
    expect(await page.getByText('访问记录', { exact: true }).isVisible()).toBe(false);

    // Tidy up: withdraw, so LIU has no open case.
    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, citizen)).status).toBe(202);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('citizen: withdraws a booked case with a reason, sees 已撤回, and books again', async () => {
    const base = stack.baseUrl;
    stack.setToday('2027-03-20');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#home`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${base}/#login`);
    await expect.poll(() => page.locator('#screen-login').isVisible()).toBe(true);
    await signIn(CHEN);

    // 我的办件: his case of the first journey is closed; book a new one → the case number.
    await page.getByRole('link', { name: '预约新的办件' }).click();
    await bookOnline(CHEN);
    const number = page.getByTestId('case-number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^RT\d{8}[0-9A-Z]{6}$/);
    const first = (await number.textContent())!;

    // Progress: 已预约, with 撤回申请 and its plain explanation.
    await page.goto(`${base}/#progress`);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 15_000 }).toBe('已预约');
    const open = page.getByRole('button', { name: '撤回申请' });
    await expect.poll(() => open.isVisible()).toBe(true);
    expect(await page.locator('#p-withdraw').textContent()).toContain('撤回后本办件结束，您可以重新预约');

    // The confirmation: a modal dialog; 不撤回 closes it and nothing happens.
    await open.click();
    const dialog = page.getByRole('dialog', { name: '确定要撤回申请吗？' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wd-reason');
    await page.getByRole('button', { name: '不撤回，返回' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.locator('#p-status').textContent()).toBe('已预约');

    await open.click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel(/撤回原因/).fill('想晚一点再办');
    await page.screenshot({ path: WITHDRAW_SCREENSHOT });
    const [withdrawal] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${first}/withdrawal`)),
      dialog.getByRole('button', { name: '确定撤回' }).click(),
    ]);
    expect(withdrawal.status()).toBe(202);
    expect(withdrawal.request().postDataJSON()).toEqual({ reason: '想晚一点再办' });

    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 15_000 }).toBe('已撤回');
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.locator('#p-withdraw').isVisible()).toBe(false);
    expect(await page.locator('#p-status-explain').textContent()).toContain('重新预约');
    expect(await page.locator('#p-timeline').textContent()).toContain('想晚一点再办');
    expect(await page.locator('#status').textContent()).toContain('已撤回');
    expect(await page.locator('.dept .badge').allTextContents()).toEqual(['不再办理', '不再办理', '不再办理', '不再办理']);
    if (process.env.SCREENSHOT_PARTS) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: '/tmp/retireone-withdrawn.png' });
    }

    // 重新预约 → a new booking, a new case number.
    await page.getByRole('button', { name: '重新预约' }).click();
    await expect.poll(() => page.locator('#screen-book').isVisible()).toBe(true);
    await bookOnline(CHEN);
    await expect.poll(() => page.locator('#screen-booked').isVisible(), { timeout: 15_000 }).toBe(true);
    const second = (await number.textContent())!;
    expect(second).toMatch(/^RT\d{8}[0-9A-Z]{6}$/);
    expect(second).not.toBe(first);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('citizen: a withdrawal refused (409) is explained in plain words', async () => {
    const base = stack.baseUrl;
    const { client } = stack;
    await page.goto(`${base}/#progress`);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 15_000 }).toBe('已预约');
    const caseNumber = (await page.locator('#p-number').textContent())!;
    await page.getByRole('button', { name: '撤回申请' }).click();
    const dialog = page.getByRole('dialog', { name: '确定要撤回申请吗？' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Meanwhile the case moves on (withdrawn elsewhere): the API answers 409.
    const citizen = await client.token('citizen', { idNumber: CHEN.idNumber });
    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, citizen)).status).toBe(202);
    await dialog.getByRole('button', { name: '确定撤回' }).click();
    const problem = page.locator('#wd-problem');
    await expect.poll(() => problem.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await problem.textContent()).toContain('已经撤回了');
    expect(await dialog.getByRole('button', { name: '确定撤回' }).isVisible()).toBe(false);
    await dialog.getByRole('button', { name: '知道了，返回' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 15_000 }).toBe('已撤回');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
