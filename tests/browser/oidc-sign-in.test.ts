/**
 * A citizen signs in through the embedded OpenID Provider (dev mode off: the only way in), in a real
 * Chromium on a phone-sized screen: ID number, the one-time code from the local SMS sink, back to the
 * site signed in, books a case and follows it to the sealed answer with the provider's token.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, launchCitizenBrowser } from './citizen-browser.ts';
import { idCheckCharacter } from '../../functions/domain/id-number.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // 陈志明, phone on record 13810102947
// A well-formed ID number no department knows: there is no phone on record to send a code to.
const SUPERVISOR = { staffId: 'wang.supervisor', name: '王主管', role: 'supervisor', password: 'a-long-test-password-1' };
const STRANGER = `44190019700101001${idCheckCharacter('44190019700101001')}`;

describe('browser: sign-in through the OpenID Provider (dev mode off)', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    process.env.STAFF_ACCOUNTS = JSON.stringify([SUPERVISOR]);
    stack = await startTestStack({ clockToday: '2027-03-20', devMode: false });
    delete process.env.STAFF_ACCOUNTS;
    b = await launchCitizenBrowser();
    page = b.page;
    pageErrors = b.errors;
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await stack?.close();
  });

  const codeSentTo = (phone: string) =>
    stack.sms
      .list(phone)
      .filter((m) => m.kind === 'sign-in-code')
      .map((m) => /(\d{6})/.exec(m.text)![1]!);

  it('someone with no phone on record is told so in plain words, and no code is sent', async () => {
    await page.goto(`${stack.baseUrl}/#login`);
    await page.getByRole('link', { name: '用身份证号码登录' }).click();
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByLabel('身份证号码').fill(STRANGER);
    await page.getByRole('button', { name: '发送短信验证码' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有您登记的手机号码');
    expect(stack.sms.list().filter((m) => m.kind === 'sign-in-code')).toEqual([]);
    await page.screenshot({ path: '/tmp/oidc-no-phone.png' });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('a citizen signs in with ID number and SMS code, lands signed in, books, sends the form and gets the sealed answer', async () => {
    await page.goto(`${stack.baseUrl}/#login`);
    expect(await page.locator('#dev-login').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/oidc-1-site-login.png' });
    await page.getByRole('link', { name: '用身份证号码登录' }).click();
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByLabel('身份证号码').fill(CHEN.idNumber);
    await page.screenshot({ path: '/tmp/oidc-2-id-number.png' });
    await page.getByRole('button', { name: '发送短信验证码' }).click();

    await expect.poll(() => page.getByText('138****2947').isVisible()).toBe(true);
    const [code] = codeSentTo(CHEN.phone);
    expect(code).toMatch(/^\d{6}$/);
    await page.screenshot({ path: '/tmp/oidc-3-code.png' });

    // A wrong code first: refused, with the tries left.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel('短信验证码').fill(wrong);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('还可以再试 4 次');
    await page.screenshot({ path: '/tmp/oidc-4-wrong-code.png' });

    await page.getByLabel('短信验证码').fill(code!);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    // Back on the site, signed in: 我的办件 finds no case and goes on to booking; the name in the header, the provider's token kept.
    await expect.poll(() => page.locator('#screen-book').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('#who-name').textContent()).toContain(CHEN.name);
    const token = (await page.evaluate(() => localStorage.getItem('ro.token')))!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: `${stack.baseUrl}/oidc`, aud: 'retireone-api', role: 'citizen', idNumber: CHEN.idNumber, name: CHEN.name });

    await page.locator('#screen-book').getByLabel('手机号码').fill(CHEN.phone);
    const [booking] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/v1/bookings') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '确认预约' }).click(),
    ]);
    expect(booking.status()).toBe(201);
    await expect.poll(() => page.getByTestId('case-number').textContent(), { timeout: 15_000 }).toMatch(/^RT20270320[0-9A-Z]{6}$/);
    await page.screenshot({ path: '/tmp/oidc-5-booked.png' });
    const caseNumber = (await page.getByTestId('case-number').textContent())!;

    // The form goes in from the page with the same token (the form's own pages are tried in citizen-journey).
    const application = applicationFor(CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    const submitted = await page.evaluate(
      async ({ caseNumber, application }) => {
        const res = await fetch(`/v1/cases/${caseNumber}/application`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${localStorage.getItem('ro.token')}`,
            'content-type': 'application/json',
            'Idempotency-Key': crypto.randomUUID(),
          },
          body: JSON.stringify(application),
        });
        return res.status;
      },
      { caseNumber, application },
    );
    expect(submitted).toBe(202);

    // Followed to the end on the progress page, and the sealed answer downloaded, all with the provider's token.
    await page.goto(`${stack.baseUrl}/#progress`);
    await expect.poll(() => page.locator('#p-number').textContent(), { timeout: 15_000 }).toBe(caseNumber);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 60_000, interval: 500 }).toMatch(/已办结/);
    const download = page.locator('button.download').first();
    await expect.poll(() => download.isVisible()).toBe(true);
    const [response, file] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/v1/cases/${caseNumber}/documents/`)),
      page.waitForEvent('download'),
      download.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toBe(`Bearer ${token}`);
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await page.screenshot({ path: '/tmp/oidc-5b-completed.png' });
    expect(pageErrors).toEqual([]);
  }, 150_000);

  it('staff sign in at the same provider with staff id and password; a wrong password is refused', async () => {
    await page.goto(`${stack.baseUrl}/staff/`);
    expect(await page.locator('#dev-login').isVisible()).toBe(false);
    await page.getByRole('link', { name: '用工号和密码登录' }).click();
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByLabel('工号').fill(SUPERVISOR.staffId);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('工号或密码不对');
    await page.getByLabel('密码').fill(SUPERVISOR.password);
    await page.screenshot({ path: '/tmp/oidc-6-staff.png' });
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await expect.poll(() => page.locator('#view-queue').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#who-name').textContent()).toBe(`审核主管：${SUPERVISOR.name}`);
    await expect.poll(() => page.locator('#queue-count').textContent(), { timeout: 15_000 }).toMatch(/共 \d+ 件/);
    const token = (await page.evaluate(() => sessionStorage.getItem('ro.staff.token')))!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: `${stack.baseUrl}/oidc`, role: 'supervisor', staffId: SUPERVISOR.staffId });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
