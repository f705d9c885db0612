/**
 * The one form, one question group per page, in a real Chromium against the real embedded stack, on a 390 px
 * phone and on a desk: each page asks one group, prefilled; a check page shows what each department supplied
 * and asks consent to use it; the month offered is one the service takes. The late applicant — 陈志明,
 * statutory month 2027-04, applying in June — is offered June, not the April that has passed, and his form
 * goes through. A month the server refuses after all (the month turned while he filled the form) is
 * explained as a month to choose again, not as a format mistake. Every page passes axe-core.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURES, type TestStack } from '../integration/harness.ts';
import { type CitizenBrowser, expectAccessible, shot, signIn } from './citizen-browser.ts';
import { stackAndBrowser } from './stack-and-browser.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // statutory 2027-04, approved
const LIN = demo.get('441900197108030169'); // statutory 2027-01, originally 55, approved
const WANG = demo.get('441900196609300193');

describe('browser: the one form, one question group per page', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;

  stackAndBrowser({ clockToday: '2027-06-10' }, (s, browser) => {
    stack = s;
    b = browser;
    page = browser.page;
  });

  const formScreen = () => page.locator('#screen-form');
  const stepHeading = () => page.locator('#form-step-h');
  const next = () => page.getByRole('button', { name: '下一步' }).click();
  /** The page's questions, from the step count to the buttons, take at most `n` screens (the old one form took about five). */
  const fitsScreens = async (n: number) => (await page.locator('#app-form').boundingBox())!.height <= n * page.viewportSize()!.height;

  async function bookAndOpenForm(person: any): Promise<string> {
    await signIn(page, stack.baseUrl, person);
    // Nobody's case yet: 我的办件 sends the person on to booking.
    await expect.poll(() => page.locator('#screen-book').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.locator('#screen-book').getByLabel('手机号码').fill(person.phone);
    await page.getByRole('button', { name: '确认预约' }).click();
    const number = page.getByTestId('case-number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^RT\d{8}[0-9A-Z]{6}$/);
    const caseNumber = (await number.textContent())!;
    await page.getByRole('link', { name: /填写申请表/ }).click();
    await expect.poll(() => stepHeading().textContent(), { timeout: 15_000 }).toBe('您的基本信息');
    return caseNumber;
  }

  it('the late applicant on a phone: page by page, offered this month, the check page names the sources, sent and approved', async () => {
    const caseNumber = await bookAndOpenForm(CHEN);

    // Page 1: only the basic information, prefilled; nothing of the other groups on the page.
    expect(await page.locator('.step-count').textContent()).toBe('第 1 步，共 5 步');
    expect(await formScreen().getByLabel('姓名').inputValue()).toBe(CHEN.name);
    expect(await formScreen().getByLabel('身份证号码').inputValue()).toBe(CHEN.idNumber);
    expect(await formScreen().getByLabel('身份证号码').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('#app-form .field').count()).toBe(6);
    expect(await page.getByText('开户银行').count()).toBe(0);
    await shot(page, 'form-1-applicant');
    await shot(page, 'form-1-applicant-full', true);
    expect(await fitsScreens(2)).toBe(true);
    await expectAccessible(page, 'form page 1');

    // The address nobody holds: asked for under the field, and the page does not move on.
    await next();
    const addressError = page.locator('.field[data-path="applicant.address"] .error');
    await expect.poll(() => addressError.isVisible()).toBe(true);
    expect(await addressError.textContent()).toBe('请填写现在的住址。');
    expect(await page.locator('#app-form .error-summary').isVisible()).toBe(true);
    expect(await stepHeading().textContent()).toBe('您的基本信息');
    await shot(page, 'form-1-address-missing');
    await expectAccessible(page, 'form page 1, address missing');
    await formScreen().getByLabel('现在的住址').fill('广东省东莞市南城街道示例路 1 号');
    await next();

    // Page 2: how to retire. The statutory month has passed: the month offered is this month, said in words.
    await expect.poll(() => stepHeading().textContent()).toBe('怎样退休');
    const month = formScreen().getByLabel('想从哪个月开始退休');
    expect(await month.inputValue()).toBe('2027-06');
    const offered = await month.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered[0]).toBe('2027-06');
    expect(offered).not.toContain('2027-04');
    expect(offered.at(-1)).toBe('2027-12');
    const hint = (await page.locator('#f-retirement-requestedMonth-hint').textContent())!;
    expect(hint).toContain('法定退休时间是 2027年4月，已经过了');
    expect(hint).toContain('2027年6月');
    expect(await page.getByRole('radio', { name: /按时退休/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '60 岁（男性）' }).isChecked()).toBe(true);
    expect(await fitsScreens(3)).toBe(true);
    await shot(page, 'form-2-retirement-late');
    await month.scrollIntoViewIfNeeded();
    await shot(page, 'form-2-month-late');
    await expectAccessible(page, 'form page 2');
    // Flexible late retirement: the explanation follows the choice.
    await page.getByRole('radio', { name: /推迟退休/ }).check();
    await expect.poll(() => page.locator('#f-retirement-requestedMonth-hint').textContent()).toContain('弹性推迟退休要晚于 2027年4月');
    await page.getByRole('radio', { name: /按时退休/ }).check();
    await next();

    // Page 3: the bank account the pension goes to, as HR holds it.
    await expect.poll(() => stepHeading().textContent()).toBe('养老金发到哪里');
    expect(await formScreen().getByLabel('银行卡号').inputValue()).toBe(CHEN.bankAccount.accountNo);
    await shot(page, 'form-3-bank');
    await expectAccessible(page, 'form page 3');
    await next();

    // Page 4: the housing fund.
    await expect.poll(() => stepHeading().textContent()).toBe('住房公积金');
    await shot(page, 'form-4-housing-fund');
    await expectAccessible(page, 'form page 4');
    await next();

    // Page 5: everything to check, each value with who supplied it; consent asked after it is seen.
    await expect.poll(() => stepHeading().textContent()).toBe('请核对后提交');
    const source = (path: string) => page.locator(`.check-row[data-field="${path}"] .source`).textContent();
    expect(await source('applicant.name')).toBe('来自人社部门');
    expect(await source('applicant.phone')).toBe('来自您的预约');
    expect(await source('applicant.address')).toBe('您填写的');
    expect(await source('bankAccount.accountNo')).toBe('来自人社部门');
    expect(await source('housingFund.withdraw')).toBe('来自住房公积金中心');
    expect(await page.locator('.check-row[data-field="retirement.requestedMonth"] .check-value').textContent()).toBe('2027年6月');
    await shot(page, 'form-5-check', true);
    await expectAccessible(page, 'form check page');

    await page.getByRole('button', { name: '提交申请' }).click();
    const consentError = page.locator('.field[data-path="commitments.dataSharingConsent"] .error');
    await expect.poll(() => consentError.isVisible()).toBe(true);
    await expectAccessible(page, 'form check page, consent missing');
    await formScreen()
      .getByLabel(/我同意使用上面标明/)
      .check();
    await formScreen().getByLabel('我承诺以上信息真实、准确。').check();
    const [applied] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${caseNumber}/application`)),
      page.getByRole('button', { name: '提交申请' }).click(),
    ]);
    expect(applied.status()).toBe(202);
    const sent = applied.request().postDataJSON();
    expect(sent.retirement).toEqual({ type: 'normal', requestedMonth: '2027-06', originalRetirementAge: 60 });
    expect(sent.applicant.address).toBe('广东省东莞市南城街道示例路 1 号');
    expect(sent.commitments).toEqual({ informationTrue: true, dataSharingConsent: true });

    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 45_000, interval: 500 }).toBe('已办结：批准退休');
    // Sent: the draft is gone from the device.
    expect(await page.evaluate((n) => localStorage.getItem(`ro.draft.${n}`), caseNumber)).toBeNull();
    expect(b.errors).toEqual([]);
  }, 150_000);

  it('a month the server refuses after all (the month turned while filling) is a month to choose again, not a format mistake', async () => {
    stack.setToday('2027-06-30');
    await bookAndOpenForm(WANG);
    await formScreen().getByLabel('现在的住址').fill('广东省东莞市东城街道示例路 2 号');
    await next();
    await expect.poll(() => stepHeading().textContent()).toBe('怎样退休');
    await formScreen().getByLabel('想从哪个月开始退休').selectOption('2027-06');
    for (let i = 0; i < 3; i++) await next();
    await expect.poll(() => stepHeading().textContent()).toBe('请核对后提交');
    await formScreen()
      .getByLabel(/我同意使用上面标明/)
      .check();
    await formScreen().getByLabel('我承诺以上信息真实、准确。').check();

    stack.setToday('2027-07-01');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/application')),
      page.getByRole('button', { name: '提交申请' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect.poll(() => stepHeading().textContent()).toBe('怎样退休');
    const error = page.locator('.field[data-path="retirement.requestedMonth"] .error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe('退休月份只能选 2027年7月 到 2028年1月 之间的月份，请重新选择。');
    expect(await error.textContent()).not.toContain('格式');
    // The months offered now are today's.
    await expect
      .poll(() =>
        formScreen()
          .getByLabel('想从哪个月开始退休')
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean)[0]),
      )
      .toBe('2027-07');
    await shot(page, 'form-2-month-refused');
    await expectAccessible(page, 'form page 2, month refused');
    expect(b.errors).toEqual([]);
  }, 90_000);

  it('on a desk: the same pages, the statutory month offered when it is still ahead', async () => {
    stack.setToday('2027-01-05');
    await page.setViewportSize({ width: 1280, height: 900 });
    await bookAndOpenForm(LIN);
    await shot(page, 'form-desk-1-applicant');
    await expectAccessible(page, 'desk, form page 1');
    await formScreen().getByLabel('现在的住址').fill('广东省东莞市莞城街道示例路 3 号');
    await next();
    await expect.poll(() => stepHeading().textContent()).toBe('怎样退休');
    expect(await formScreen().getByLabel('想从哪个月开始退休').inputValue()).toBe('2027-01');
    expect(await page.locator('#f-retirement-requestedMonth-hint').textContent()).toContain('按时退休就选这个月');
    expect(await page.getByRole('radio', { name: '55 岁（女干部）' }).isChecked()).toBe(true);
    await shot(page, 'form-desk-2-retirement');
    await expectAccessible(page, 'desk, form page 2');
    for (let i = 0; i < 3; i++) await next();
    await expect.poll(() => stepHeading().textContent()).toBe('请核对后提交');
    await shot(page, 'form-desk-5-check', true);
    await expectAccessible(page, 'desk, check page');
    // 修改 one group from the check page: back to it in one step, the change marked as the person's.
    await page.getByRole('button', { name: '修改养老金发到哪里' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('养老金发到哪里');
    await formScreen().getByLabel('开户银行').fill('中国建设银行东莞分行');
    await page.getByRole('button', { name: '改好了，回到核对页' }).click();
    await expect.poll(() => stepHeading().textContent()).toBe('请核对后提交');
    const bank = page.locator('.check-row[data-field="bankAccount.bankName"]');
    expect(await bank.locator('.check-value').textContent()).toBe('中国建设银行东莞分行');
    expect(await bank.locator('.source').textContent()).toBe('您改过（原来来自人社部门）');
    await formScreen()
      .getByLabel(/我同意使用上面标明/)
      .check();
    await formScreen().getByLabel('我承诺以上信息真实、准确。').check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 45_000, interval: 500 }).toBe('已办结：批准退休');
    expect(b.errors).toEqual([]);
  }, 120_000);
});
