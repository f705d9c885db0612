/**
 * The one form on a 390 px phone: choosing flexible late retirement (推迟退休) asks on the same page whether the
 * employer agreed (《国务院关于渐进式延迟法定退休年龄的办法》第三条), the answer is sent as
 * retirement.employerAgreement and shown on the check page, and the question goes away for any other choice.
 * The page passes axe-core with it shown.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURES, type TestStack } from '../integration/harness.ts';
import { type CitizenBrowser, expectAccessible, shot, signIn } from './citizen-browser.ts';
import { stackAndBrowser } from './stack-and-browser.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const HU = demo.get('441900197006180406'); // 胡美玲: statutory 2025-08, flexible late up to 2028-08; her employer agreed

describe('browser: the employer agreement on the one form', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;

  stackAndBrowser({ clockToday: '2026-07-15' }, (s, browser) => {
    stack = s;
    b = browser;
    page = browser.page;
  });

  const form = () => page.locator('#screen-form');
  const heading = () => page.locator('#form-step-h');
  const next = () => page.getByRole('button', { name: '下一步' }).click();

  it('asks for the agreement only for flexible late retirement, shows it on the check page and sends it', async () => {
    await signIn(page, stack.baseUrl, HU);
    await expect.poll(() => page.locator('#screen-book').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.locator('#screen-book').getByLabel('手机号码').fill(HU.phone);
    await page.getByRole('button', { name: '确认预约' }).click();
    const number = page.getByTestId('case-number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^RT\d{8}[0-9A-Z]{6}$/);
    const caseNumber = (await number.textContent())!;
    await page.getByRole('link', { name: /填写申请表/ }).click();
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('您的基本信息');
    await form().getByLabel('现在的住址').fill('广东省东莞市南城街道示例路 1 号');
    await next();

    await expect.poll(() => heading().textContent()).toBe('怎样退休');
    const agreement = page.getByLabel(/单位已经同意我推迟退休/);
    expect(await agreement.isVisible()).toBe(false);
    await page.getByRole('radio', { name: /推迟退休/ }).check();
    await expect.poll(() => agreement.isVisible()).toBe(true);
    await agreement.scrollIntoViewIfNeeded();
    await shot(page, 'employer-agreement-shown');
    await expectAccessible(page, 'the retirement page with the agreement question');

    await page.getByRole('radio', { name: /按时退休/ }).check();
    await expect.poll(() => agreement.isVisible()).toBe(false);
    await page.getByRole('radio', { name: /推迟退休/ }).check();
    await agreement.check();
    await form().getByLabel('想从哪个月开始退休').selectOption('2026-08');
    await next();
    await expect.poll(() => heading().textContent()).toBe('养老金发到哪里');
    await next();
    await expect.poll(() => heading().textContent()).toBe('住房公积金');
    await page.getByRole('radio', { name: '暂不取出' }).check();
    await next();

    await expect.poll(() => heading().textContent()).toBe('请核对后提交');
    expect(await page.locator('.check-row[data-field="retirement.employerAgreement"] .check-value').textContent()).toBe('是');
    await form()
      .getByLabel(/我同意使用上面标明/)
      .check();
    await form().getByLabel('我承诺以上信息真实、准确。').check();
    const [applied] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${caseNumber}/application`)),
      page.getByRole('button', { name: '提交申请' }).click(),
    ]);
    expect(applied.status()).toBe(202);
    expect(applied.request().postDataJSON().retirement).toEqual({
      type: 'flexible-late',
      requestedMonth: '2026-08',
      originalRetirementAge: 55,
      employerAgreement: true,
    });
    expect(b.errors).toEqual([]);
  }, 120_000);
});
