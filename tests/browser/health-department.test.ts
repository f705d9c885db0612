/**
 * 卫健 on the pages, in a real Chromium against the real embedded stack: a one-child parent's progress page and the
 * staff console's case page show the health commission with the reward, a parent who is not one sees it as 无需办理,
 * at phone width (390 px) with no sideways scrolling and no axe-core violation. Screenshots go to
 * tests/browser/screenshots/ (not in git).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, expectAccessible, keepSignIn, SHOTS } from './citizen-browser.ts';
import { stackAndBrowser } from './stack-and-browser.ts';
import { bookAndSubmit, DEMO_FIXTURES, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LIN = demo.get('441900197108030169'); // one-child parent, statutory 2027-01
const CHEN = demo.get('441900196610120130'); // not one, statutory 2027-04

describe('browser: the health commission (卫健) on the citizen pages and the staff console', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  const done: Record<string, any> = {};

  stackAndBrowser({ clockToday: '2026-12-01' }, (s, browser) => {
    stack = s;
    b = browser;
    page = browser.page;
  });
  // After the stack is up (hooks run in the order they are declared): the cases the pages show.
  beforeAll(async () => {
    const platform = await stack.client.token('platform');
    for (const [p, month, age] of [
      [LIN, '2027-01', 55],
      [CHEN, '2027-04', 60],
    ] as const) {
      const caseNumber = await bookAndSubmit(stack.client, platform, p, { type: 'normal', requestedMonth: month, originalRetirementAge: age });
      done[p.idNumber] = await stack.client.waitForCase(caseNumber, platform, (x) => x.status === 'COMPLETED', 30_000);
    }
  }, 120_000);

  async function accessibleAt390(name: string, departments: string) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
    await expectAccessible(page, name);
    await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
    // The departments alone, readable at a glance.
    await page.locator(departments).screenshot({ path: join(SHOTS, `${name}-departments-390.png`) });
  }

  /** The citizen's progress page for their case, signed in as the pages sign in (token and case kept on the device). */
  async function progressOf(p: any) {
    const token = await stack.client.token('citizen', { idNumber: p.idNumber });
    await keepSignIn(page, stack.baseUrl, { token, idNumber: p.idNumber, name: p.name, caseNumber: done[p.idNumber].caseNumber });
    await page.goto(`${stack.baseUrl}/#progress`);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 15_000 }).toBe('已办结：批准退休');
  }

  it('a one-child parent sees 卫健 passed with the reward, and five departments', async () => {
    await progressOf(LIN);
    const reward = done[LIN.idNumber].departments.health.details.rewardFen as number;
    const health = page.locator('.dept', { hasText: '卫健部门（独生子女父母奖励）' });
    await expect.poll(() => health.count()).toBe(1);
    expect(await health.locator('.badge').textContent()).toBe('通过');
    expect(await health.textContent()).toContain(`独生子女父母退休奖励 ${(reward / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`);
    expect(await page.locator('.dept').count()).toBe(5);
    await accessibleAt390('health-citizen-one-child', '#p-departments');
    expect(b.errors).toEqual([]);
  });

  it('a parent who is not one sees 卫健 as 无需办理, with why', async () => {
    await progressOf(CHEN);
    const health = page.locator('.dept', { hasText: '卫健部门（独生子女父母奖励）' });
    await expect.poll(() => health.count()).toBe(1);
    expect(await health.locator('.badge').textContent()).toBe('无需办理');
    expect(await health.textContent()).toContain('非独生子女父母');
    await accessibleAt390('health-citizen-not-one-child', '#p-departments');
  });

  it('the staff console’s case page shows the health commission with the reward, marked as a demo default', async () => {
    await page.goto(`${stack.baseUrl}/staff/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${stack.baseUrl}/staff/`);
    await page.getByRole('radio', { name: '审核主管' }).check();
    await page.getByLabel('工作人员姓名或工号').fill('主管王');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.locator('#view-queue').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${stack.baseUrl}/staff/#case/${done[LIN.idNumber].caseNumber}`);
    const health = page.locator('.dept[data-department="health"]');
    await expect.poll(() => health.count(), { timeout: 15_000 }).toBe(1);
    expect(await health.locator('.dept-name').textContent()).toBe('卫健部门（独生子女父母奖励）');
    expect(await health.textContent()).toContain('独生子女父母退休奖励');
    expect(await health.textContent()).toContain('演示默认值');
    await accessibleAt390('health-staff-case', '#c-departments');
    expect(b.errors).toEqual([]);
  });
});
