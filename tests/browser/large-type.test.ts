/**
 * Large type and easy tapping, in a real Chromium against the real embedded stack: the type follows the
 * browser's text size (no fixed pixel root); 长辈版 makes it larger and stays on across a reload; every
 * link, button and choice is at least 44 × 44 px on a 390 px phone and on a desktop; 12333 is a tel: link;
 * English is one tap away and stays chosen. axe-core finds no violation in large type or in English.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, expectAccessible, keepSignIn, launchCitizenBrowser, SHOTS } from './citizen-browser.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LI = demo.get('441900197107150222'); // 李春梅: approved with a medical top-up; 2026-12

const TAP = 44;

describe('browser: large type, big tap targets, tap-to-call and English', () => {
  let stack: TestStack;
  let context: BrowserContext;
  let b: CitizenBrowser;
  let page: Page;
  let caseNumber = '';
  let token = '';

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-11-02' });
    token = await stack.client.token('citizen', { idNumber: LI.idNumber });
    caseNumber = await bookAndSubmit(stack.client, token, LI, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 55 });
    await stack.client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED', 45_000);
    b = await launchCitizenBrowser();
    context = b.context;
    page = b.page;
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await stack?.close();
  });

  const rootPx = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
  const bodyTextPx = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.querySelector('#screen-home .lead')!).fontSize));

  /** Every visible thing a finger taps, narrower or shorter than 44 px: "what (w×h)". */
  const smallTargets = () =>
    page.evaluate((min) => {
      const out: string[] = [];
      const targets = document.querySelectorAll('a[href], button, summary, select, input:not([type=hidden]), textarea, label.choice');
      for (const el of Array.from(targets)) {
        if (el.closest('[hidden]') || (el as HTMLElement).offsetParent === null) continue;
        // A radio or checkbox is tapped through its label, which is measured instead.
        if (el instanceof HTMLInputElement && ['radio', 'checkbox'].includes(el.type) && el.closest('label')) continue;
        for (const r of Array.from(el.getClientRects())) {
          if (r.width < min - 0.5 || r.height < min - 0.5)
            out.push(
              `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" (${Math.round(r.width)}×${Math.round(r.height)})`,
            );
        }
      }
      return out;
    }, TAP);

  const signInWithCase = () => keepSignIn(page, stack.baseUrl, { token, idNumber: LI.idNumber, name: LI.name, caseNumber });

  it('the type follows the browser’s text size', async () => {
    await page.goto(`${stack.baseUrl}/#home`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await page.reload();
    const atDefault = await rootPx();
    const leadAtDefault = await bodyTextPx();
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    await page.reload();
    // 24 / 16 = 1.5: the root and the text it sets scale with the browser's setting.
    expect(await rootPx()).toBeCloseTo(atDefault * 1.5, 1);
    expect(await bodyTextPx()).toBeCloseTo(leadAtDefault * 1.5, 1);
    // Even at the browser's default the pages are large: body text at least 18 px.
    expect(leadAtDefault).toBeGreaterThanOrEqual(18);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await cdp.detach();
  }, 60_000);

  it('长辈版 makes the type larger and stays on after a reload', async () => {
    await page.goto(`${stack.baseUrl}/#home`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const normal = await rootPx();
    const toggle = page.getByRole('button', { name: /长辈版/ });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await rootPx()).toBeGreaterThanOrEqual(normal * 1.2);
    await page.reload();
    expect(await page.getByRole('button', { name: /长辈版/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await rootPx()).toBeGreaterThanOrEqual(normal * 1.2);
    await page.screenshot({ path: join(SHOTS, 'large-type-home-390.png') });
    await expectAccessible(page, 'home in large type');

    // On the progress page, in large type, the result card is still readable and accessible.
    await signInWithCase();
    await page.goto(`${stack.baseUrl}/#progress`);
    await expect.poll(() => page.getByTestId('next-steps').textContent(), { timeout: 15_000 }).toContain('每月基本养老金');
    await page.screenshot({ path: join(SHOTS, 'large-type-progress-390.png') });
    await expectAccessible(page, 'progress in large type');
    await page.getByRole('button', { name: /长辈版/ }).click();
    expect(await page.evaluate(() => localStorage.getItem('ro.largeType'))).toBeNull();
    expect(b.errors).toEqual([]);
  }, 60_000);

  it('every tap target is at least 44 × 44 px, on a phone and on a desktop, in normal and large type', async () => {
    await signInWithCase();
    for (const large of [false, true]) {
      for (const [w, hgt] of [
        [390, 844],
        [1280, 800],
      ] as const) {
        await page.setViewportSize({ width: w, height: hgt });
        for (const screen of ['home', 'calc', 'login', 'book', 'progress']) {
          await page.goto(`${stack.baseUrl}/#${screen}`);
          await page.evaluate((on) => (on ? localStorage.setItem('ro.largeType', '1') : localStorage.removeItem('ro.largeType')), large);
          await page.reload();
          if (screen === 'progress') await expect.poll(() => page.locator('button.download').count(), { timeout: 15_000 }).toBeGreaterThan(0);
          if (screen === 'book') await page.locator('summary').click();
          expect(await smallTargets(), `${screen} at ${w} px${large ? ', large type' : ''}`).toEqual([]);
          if (screen === 'progress') {
            // The two dialogs of the footer, open.
            await page.getByRole('button', { name: '办不成事？告诉我们' }).click();
            expect(await smallTargets(), `办不成事 at ${w} px`).toEqual([]);
            await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
            await page.getByRole('button', { name: '评价服务' }).click();
            await expect.poll(() => page.getByRole('dialog').getByRole('radio').count(), { timeout: 15_000 }).toBe(5);
            expect(await smallTargets(), `评价服务 at ${w} px`).toEqual([]);
            await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
          }
        }
      }
    }
    await page.evaluate(() => localStorage.removeItem('ro.largeType'));
    await page.setViewportSize({ width: 390, height: 844 });
  }, 120_000);

  it('12333 is a tap-to-call link on every page', async () => {
    for (const screen of ['home', 'calc', 'login', 'progress']) {
      await page.goto(`${stack.baseUrl}/#${screen}`);
      const call = page.locator('footer a[href="tel:12333"]');
      expect(await call.isVisible(), screen).toBe(true);
      expect(await call.textContent()).toContain('12333');
    }
  });

  it('English is one tap away, covers the chrome and the result card, and stays chosen', async () => {
    await signInWithCase();
    await page.goto(`${stack.baseUrl}/#progress`);
    await expect.poll(() => page.getByTestId('next-steps').textContent(), { timeout: 15_000 }).toContain('每月基本养老金');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.getByTestId('next-steps').textContent()).toContain('Monthly basic pension');
    expect(await page.getByTestId('duty-medical-top-up').textContent()).toContain('Top up your medical insurance');
    expect(await page.locator('footer').textContent()).toContain('Could not get it done? Tell us');
    expect(await page.getByRole('button', { name: 'Large type' }).isVisible()).toBe(true);
    // Every screen speaks English now (tests/browser/english-screens.test.ts walks them): none is marked Chinese.
    expect(await page.locator('#screen-calc').getAttribute('lang')).toBeNull();
    expect(await page.locator('#screen-calc h1').textContent()).toBe('Work out my retirement month');
    expect(await page.locator('#screen-progress').getAttribute('lang')).toBeNull();
    await page.reload();
    await expect.poll(() => page.getByTestId('next-steps').textContent(), { timeout: 15_000 }).toContain('Monthly basic pension');
    await page.screenshot({ path: join(SHOTS, 'english-progress-390.png') });
    await expectAccessible(page, 'progress in English');
    await page.getByRole('button', { name: '中文' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#screen-calc h1').textContent()).toBe('算一算我哪个月退休');
    await expect.poll(() => page.getByTestId('next-steps').textContent()).toContain('每月基本养老金');
    expect(b.errors).toEqual([]);
  }, 60_000);
});
