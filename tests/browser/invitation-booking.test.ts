/**
 * 服务找人 in a real Chromium on a 390 px phone against the real embedded stack: the invitation job texts a person
 * about to retire; the link in the text (a random reference, nothing of the person) opens the site, the address
 * bar loses the reference, the person signs in and lands on booking with HR's phone filled in and a word on
 * why; booking it spends the invitation. The same link opened by someone else fills in nothing.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, expectAccessible, launchCitizenBrowser, shot } from './citizen-browser.ts';
import { DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LI = demo.get('441900197107150222'); // 李春梅: statutory month 2026-12, invited in November
const ZHOU = demo.get('441900196607070291'); // 周海涛: not invited

describe('browser: an invitation link opens a prefilled booking', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  let link = '';

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-11-24', smsDrainIntervalMs: 0, smsJobsIntervalMs: 0 });
    await stack.textMessages.invite();
    await stack.textMessages.drain();
    const messages = (await stack.client.get(`/v1/dev/messages?to=${LI.phone}`)).body.messages as any[];
    link = /https?:\/\/\S+/.exec(messages.find((m) => m.kind === 'invitation').text)![0];
    b = await launchCitizenBrowser();
    page = b.page;
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await stack?.close();
  });

  /** The development sign-in, typed on the sign-in screen the link led to (the device keeps the invitation meanwhile). */
  async function signInHere(person: { name: string; idNumber: string }) {
    await expect.poll(() => page.getByText('开发用的登录').isVisible(), { timeout: 15_000 }).toBe(true);
    const login = page.locator('#screen-login');
    await login.getByLabel('姓名').fill(person.name);
    await login.getByLabel('身份证号码').fill(person.idNumber);
    await page.getByRole('button', { name: '登录' }).click();
  }

  const fresh = async () => {
    await page.goto(`${stack.baseUrl}/#home`);
    await page.evaluate(() => localStorage.clear());
  };

  it('signs the invited person in onto booking with HR’s phone filled in, and booking spends the invitation', async () => {
    expect(link).toMatch(/\?invitation=[A-Za-z0-9_-]{22}#book$/);
    await fresh();
    await page.goto(link);
    // Not signed in: the sign-in screen, and the reference is out of the address bar (kept on the device).
    await expect.poll(() => page.locator('#screen-login').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(page.url()).not.toContain('invitation=');
    expect(await page.evaluate(() => localStorage.getItem('ro.invitation'))).toBe(new URL(link).searchParams.get('invitation'));

    await signInHere(LI);
    await expect.poll(() => page.locator('#screen-book').isVisible(), { timeout: 15_000 }).toBe(true);
    const note = page.getByTestId('invitation-note');
    await expect
      .poll(() => note.textContent(), { timeout: 15_000 })
      .toBe('您收到了我们的邀请：您将于 2026年12月达到法定退休年龄。手机号码已按人社部门的记录填好，请核对。');
    expect(await page.locator('#book-phone').inputValue()).toBe(LI.phone);
    await shot(page, 'invitation-booking-390');
    await expectAccessible(page, 'booking from an invitation');

    const [booked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/v1/bookings') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '确认预约' }).click(),
    ]);
    expect(booked.status()).toBe(201);
    expect(booked.request().postDataJSON()).toMatchObject({ idNumber: LI.idNumber, phone: LI.phone, channel: 'online' });
    await expect.poll(() => page.locator('#screen-booked').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('ro.invitation'))).toBeNull();
    expect(b.errors).toEqual([]);
  }, 90_000);

  it('fills in nothing for someone else who opens the same link, and forgets the reference', async () => {
    await fresh();
    await page.goto(link);
    await signInHere(ZHOU);
    await expect.poll(() => page.locator('#screen-book').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('ro.invitation')), { timeout: 15_000 }).toBeNull();
    expect(await page.getByTestId('invitation-note').count()).toBe(0);
    expect(await page.locator('#book-phone').inputValue()).toBe('');
    expect(b.errors).toEqual([]);
  }, 60_000);
});
