/**
 * Finding the case again, in a real Chromium against the real embedded stack, on a 390 px phone and a desk:
 * signing in lands on 我的办件 with the open case first; a half-filled form survives a reload and a new tab
 * at the same page (kept on the device until sent); a new tab is not treated as a stranger; another
 * person's case never shows. Every page passes axe-core.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURES, type TestStack } from '../integration/harness.ts';
import { type CitizenBrowser, expectAccessible, shot, signIn } from './citizen-browser.ts';
import { stackAndBrowser } from './stack-and-browser.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130');
const WANG = demo.get('441900196609300193');
const ADDRESS = '广东省东莞市南城街道示例路 8 号';

describe('browser: 我的办件 — finding the case again', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  let withdrawn: string;
  let open: string;

  stackAndBrowser({ clockToday: '2027-03-20' }, (s, browser) => {
    stack = s;
    b = browser;
    page = browser.page;
  });
  // After the stack is up (hooks run in the order they are declared): the cases the pages show.
  beforeAll(async () => {
    // 陈志明 booked once before and withdrew; now he has one case open, booked elsewhere (by the platform).
    const { client } = stack;
    const chen = await client.token('citizen', { idNumber: CHEN.idNumber });
    const platform = await client.token('platform', { name: 'gov-platform' });
    const book = async (token: string) =>
      (
        await client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
          'Idempotency-Key': crypto.randomUUID(),
        })
      ).body.caseNumber as string;
    withdrawn = await book(chen);
    expect((await client.post(`/v1/cases/${withdrawn}/withdrawal`, {}, chen)).status).toBe(202);
    open = await book(platform);
  }, 120_000);

  const formScreen = () => page.locator('#screen-form');
  const stepHeading = (p = page) => p.locator('#form-step-h');
  const openCard = (p = page) => p.locator(`.case-card.open[data-case="${open}"]`);

  it('signing in lands on 我的办件: the open case first, with its next step; the closed one below', async () => {
    // A stranger's 首页 and the sign-in page first.
    await page.goto(`${stack.baseUrl}/#home`);
    await expect.poll(() => page.locator('#go-start').textContent()).toBe('开始办理退休');
    expect(await page.locator('#home-returning').textContent()).toContain('我的办件');
    await shot(page, 'cases-0-home-stranger');
    await expectAccessible(page, 'home, signed out');
    await page.goto(`${stack.baseUrl}/#login`);
    await expect.poll(() => page.getByText('开发用的登录').isVisible()).toBe(true);
    await expectAccessible(page, 'sign-in page');
    await signIn(page, stack.baseUrl, CHEN);
    await expect.poll(() => page.locator('#screen-cases').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).hash).toBe('#cases');
    await expect.poll(() => openCard().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await openCard().locator('.case-number').textContent()).toBe(open);
    expect(await openCard().locator('.case-status strong').textContent()).toBe('已预约');
    expect(await openCard().locator('.next-step').textContent()).toContain('下一步：填写申请表');
    // The open case comes before the closed one.
    const cards = await page.locator('#cases-body [data-case]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.case));
    expect(cards).toEqual([open, withdrawn]);
    expect(await page.locator(`.case-list li[data-case="${withdrawn}"] .case-status`).textContent()).toBe('已撤回');
    expect(await page.locator('#cases-body').textContent()).not.toMatch(/null|undefined/);
    await shot(page, 'cases-1-signed-in', true);
    await expectAccessible(page, '我的办件');
  }, 60_000);

  it('a half-filled form survives a reload at the same page, with what was typed', async () => {
    await openCard().getByRole('button', { name: '填写申请表' }).click();
    await expect.poll(() => stepHeading().textContent(), { timeout: 15_000 }).toBe('您的基本信息');
    await formScreen().getByLabel('现在的住址').fill(ADDRESS);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('怎样退休');
    await formScreen()
      .getByRole('radio', { name: /推迟退休/ })
      .check();

    await page.reload();
    await expect.poll(() => stepHeading().textContent(), { timeout: 15_000 }).toBe('怎样退休');
    expect(await page.locator('.step-count').textContent()).toBe('第 2 步，共 5 步');
    expect(
      await formScreen()
        .getByRole('radio', { name: /推迟退休/ })
        .isChecked(),
    ).toBe(true);
    expect(await page.locator('#form-source').textContent()).toContain('已接着您上次填写的内容');
    await shot(page, 'cases-2-form-after-reload');
    await expectAccessible(page, 'form after reload');
    await page.getByRole('button', { name: '上一步' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('您的基本信息');
    expect(await formScreen().getByLabel('现在的住址').inputValue()).toBe(ADDRESS);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('怎样退休');
    expect(b.errors).toEqual([]);
  }, 60_000);

  it('a new tab is not a stranger: 首页 offers 我的办件, which resumes the form at the exact page', async () => {
    const tab = b.watch(await b.context.newPage());
    await tab.goto(`${stack.baseUrl}/`);
    const start = tab.locator('#go-start');
    await expect.poll(() => start.textContent()).toBe('我的办件（接着办理）');
    expect(await tab.getByText('开始办理退休').count()).toBe(0);
    await shot(tab, 'cases-3-new-tab-home');
    await expectAccessible(tab, 'home, signed in, new tab');
    await start.click();
    const card = openCard(tab);
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await card.locator('.next-step').textContent()).toMatch(/上次填到第 2 步“怎样退休”/);
    await shot(tab, 'cases-4-new-tab-cases');
    await expectAccessible(tab, '我的办件 with a draft');
    await card.getByRole('button', { name: '接着填写申请表' }).click();
    await expect.poll(() => stepHeading(tab).textContent(), { timeout: 15_000 }).toBe('怎样退休');
    expect(
      await tab
        .locator('#screen-form')
        .getByRole('radio', { name: /推迟退休/ })
        .isChecked(),
    ).toBe(true);
    // The same form opened straight in another tab: the same page too.
    const direct = b.watch(await b.context.newPage());
    await direct.goto(`${stack.baseUrl}/#form`);
    await expect.poll(() => stepHeading(direct).textContent(), { timeout: 15_000 }).toBe('怎样退休');
    await direct.close();
    await tab.close();
    expect(b.errors).toEqual([]);
  }, 60_000);

  it('on a desk: 我的办件 reads the same and passes axe', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.baseUrl}/#cases`);
    await expect.poll(() => openCard().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(page, 'cases-desk');
    await expectAccessible(page, '我的办件 on a desk');
    await page.setViewportSize({ width: 390, height: 844 });
  }, 30_000);

  it('another person signing in on the same phone sees none of it, and goes to booking', async () => {
    await signIn(page, stack.baseUrl, WANG);
    await expect.poll(() => page.locator('#screen-book').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#status').textContent()).toContain('您还没有办件');
    await shot(page, 'cases-5-no-case-booking');
    await expectAccessible(page, 'booking, after 我的办件 found no case');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ro.draft.')))).toEqual([]);
    await page.goto(`${stack.baseUrl}/#cases`);
    await expect.poll(() => page.locator('#screen-book').isVisible(), { timeout: 15_000 }).toBe(true);
    const holders = await page.evaluate(
      (n) =>
        Array.from(document.querySelectorAll('main *'))
          .filter((e) => e.children.length === 0 && e.textContent?.includes(n))
          .map((e) => e.id || e.className || e.tagName),
      open,
    );
    expect(holders).toEqual([]);
    expect(await page.content()).not.toContain(open);
    expect(await page.content()).not.toContain(CHEN.idNumber);
    expect(b.errors).toEqual([]);
  }, 60_000);

  it('signing out removes the draft from the device', async () => {
    await signIn(page, stack.baseUrl, CHEN);
    await expect.poll(() => openCard().isVisible(), { timeout: 15_000 }).toBe(true);
    await openCard().getByRole('button', { name: '填写申请表' }).click();
    await expect.poll(() => stepHeading().textContent(), { timeout: 15_000 }).toBe('您的基本信息');
    await formScreen().getByLabel('现在的住址').fill(ADDRESS);
    expect(await page.evaluate((n) => localStorage.getItem(`ro.draft.${n}`), open)).toContain('示例路 8 号');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => page.locator('#screen-home').isVisible()).toBe(true);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ro.')))).toEqual([]);
    expect(await page.locator('#go-start').textContent()).toBe('开始办理退休');
    await expectAccessible(page, 'home after signing out');
    expect(b.errors).toEqual([]);
  }, 60_000);
});
