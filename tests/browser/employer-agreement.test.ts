/**
 * The one form on a 390 px phone: choosing flexible late retirement (推迟退休) asks whether the employer agreed
 * (《国务院关于渐进式延迟法定退休年龄的办法》第三条), the answer is sent as retirement.employerAgreement, and the
 * question goes away for any other choice. The form passes axe-core with it shown.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../tmp/screenshots');
const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const HU = demo.get('441900197006180406'); // 胡美玲: statutory 2025-08, flexible late up to 2028-08; her employer agreed

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-deps.sh (npm test does) to install Debian's chromium`);

describe('browser: the employer agreement on the one form', () => {
  let stack: TestStack;
  let context: BrowserContext;
  let profileDir: string;
  let page: Page;
  const pageErrors: string[] = [];
  const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startTestStack({ clockToday: '2026-07-15' });
    profileDir = mkdtempSync(join(tmpdir(), 'retireone-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  async function expectAccessible(what: string) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const r = await (window as any).axe.run(document);
      return r.violations.map((v: any) => `${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations, what).toEqual([]);
  }

  it('asks for the agreement only for flexible late retirement and sends it', async () => {
    await page.goto(`${stack.baseUrl}/#login`);
    await expect.poll(() => page.getByText('开发用的登录').isVisible()).toBe(true);
    const login = page.locator('#screen-login');
    await login.getByLabel('姓名').fill(HU.name);
    await login.getByLabel('身份证号码').fill(HU.idNumber);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#screen-book').getByLabel('手机号码').fill(HU.phone);
    await page.getByRole('button', { name: '确认预约' }).click();
    const number = page.getByTestId('case-number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^RT\d{8}[0-9A-Z]{6}$/);
    const caseNumber = (await number.textContent())!;

    await page.getByRole('link', { name: /填写申请表/ }).click();
    await expect.poll(() => page.locator('#f-name').inputValue(), { timeout: 15_000 }).toBe(HU.name);
    const agreement = page.getByLabel(/单位已经同意我推迟退休/);
    expect(await agreement.isVisible()).toBe(false);

    await page.getByRole('radio', { name: /推迟退休/ }).check();
    await expect.poll(() => agreement.isVisible()).toBe(true);
    await page.locator('#f-agreement-part').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'employer-agreement-shown.png') });
    await expectAccessible('the form with the agreement question');

    await page.getByRole('radio', { name: /按时退休/ }).check();
    await expect.poll(() => agreement.isVisible()).toBe(false);
    await page.getByRole('radio', { name: /推迟退休/ }).check();
    await agreement.check();

    await page.getByLabel('现在的住址').fill('广东省东莞市南城街道示例路 1 号');
    await page.locator('#f-month').fill('2026-08');
    await page.getByLabel('我承诺以上信息真实、准确。').check();
    await page.getByLabel(/我同意人社、税务、医保、公积金/).check();
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
    expect(pageErrors).toEqual([]);
  });
});
