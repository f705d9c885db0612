/**
 * English on every citizen screen, in a real Chromium on a 390 px phone against the real embedded stack: a
 * person switches to English once and books, fills the paged form, checks it, finds the case under My cases,
 * corrects what pre-review asked (补正), follows the departments' answers and the history, and opens the
 * rating and feedback dialogs — each screen in English, with `lang` true to the text shown: the page is `en`,
 * and the only Chinese left (a name, an address, a staff note, a department's own words) sits inside an
 * element marked lang="zh-CN". axe-core finds no violation on any of them.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, expectAccessible, launchCitizenBrowser, shot, signIn } from './citizen-browser.ts';
import { DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // statutory 2027-04, approved when the name matches

/** Visible Chinese text in the page that no element marks as Chinese: "text (where)". */
function unmarkedChinese(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const roots = [
      document.querySelector('header'),
      document.querySelector('main'),
      document.querySelector('footer'),
      ...Array.from(document.querySelectorAll('dialog[open]')),
    ];
    for (const root of roots) {
      if (!root) continue;
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const text = n.textContent ?? '';
        const el = n.parentElement!;
        if (!/[\u3400-\u9fff]/.test(text) || el.closest('[hidden]') || el.offsetParent === null) continue;
        if (el.closest('[lang]')?.getAttribute('lang') !== 'zh-CN') out.push(`${text.trim().slice(0, 40)} (${el.tagName.toLowerCase()}.${el.className})`);
      }
    }
    return out;
  });
}

describe('browser: every citizen screen in English', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-01' });
    b = await launchCitizenBrowser();
    page = b.page;
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await stack?.close();
  });

  /** The screen shown is in English, its lang true, nothing Chinese unmarked, no axe violation; a screenshot to look at. */
  async function expectEnglish(screen: string, heading: string, name: string) {
    await expect.poll(() => page.locator(`#screen-${screen}`).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.locator(`#screen-${screen} h1`).textContent(), { timeout: 15_000 }).toBe(heading);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator(`#screen-${screen}`).getAttribute('lang')).toBeNull();
    expect(await unmarkedChinese(page), name).toEqual([]);
    await shot(page, `english-${name}-390`);
    await expectAccessible(page, `${name} in English`);
  }

  it('books, fills and checks the form, finds the case, corrects it and reads the answer, all in English', async () => {
    await signIn(page, stack.baseUrl, CHEN);
    await page.getByRole('button', { name: 'English' }).click();

    // Booking (a person without a case lands there from My cases).
    await expectEnglish('book', 'Book', 'booking');
    const book = page.locator('#screen-book');
    expect(await book.getByText('For the text messages about your case, 11 digits').isVisible()).toBe(true);
    await book.getByLabel('At a service centre window').check();
    await expect.poll(() => book.locator('#book-centre-address').textContent()).toMatch(/^Address: \S/);
    expect(await book.locator('#book-centre-address [lang="zh-CN"]').count()).toBe(1);
    await book.getByLabel('Online (no trips, recommended)').check();
    await book.getByLabel('Mobile number').fill(CHEN.phone);
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await expectEnglish('booked', 'Booked', 'booked');
    await expect.poll(() => page.locator('#booked-deadline').textContent()).toMatch(/^Please send the application form by \d{1,2} [A-Z][a-z]{2} 2026/);

    // The paged form: the name not as booked, so pre-review asks a person (and staff ask to correct it).
    await page.getByRole('link', { name: 'Next: fill in the application form' }).click();
    const form = page.locator('#screen-form');
    await expect.poll(() => page.locator('#form-step-h').textContent(), { timeout: 15_000 }).toBe('About you');
    expect(await page.locator('#form-body .step-count').textContent()).toBe('Step 1 of 5');
    await expectEnglish('form', 'Retirement application form', 'form-about-you');
    await form.getByLabel('Name').fill(`${CHEN.name} 先生`);
    await form.getByLabel('Current address').fill('广东省东莞市南城街道示例路 1 号');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.locator('#form-step-h').textContent()).toBe('How you retire');
    const monthSelect = form.getByLabel('Which month do you want to retire from?');
    expect(await monthSelect.inputValue()).toBe('2027-04');
    expect(await monthSelect.locator('option:checked').textContent()).toBe('Apr 2027 (statutory month)');
    expect(await form.locator('#f-retirement-requestedMonth-hint').textContent()).toContain('your statutory retirement month is Apr 2027');
    await expectEnglish('form', 'Retirement application form', 'form-how-you-retire');

    // My cases keeps the draft's page, in English.
    await page.getByRole('link', { name: 'My cases' }).click();
    await expectEnglish('cases', 'My cases', 'my-cases');
    const card = page.locator('.case-card.open');
    expect(await card.locator('h2').textContent()).toBe('Open case');
    expect(await card.locator('.next-step').textContent()).toMatch(/^The form is not sent yet\. You got to step 2, "How you retire"/);
    await card.getByRole('button', { name: 'Carry on with the form' }).click();
    await expect.poll(() => page.locator('#form-step-h').textContent(), { timeout: 15_000 }).toBe('How you retire');
    for (const [next, shotName] of [
      ['Where your pension is paid', 'form-bank'],
      ['Housing provident fund', 'form-housing-fund'],
      ['Check, then send', ''],
    ] as const) {
      await page.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => page.locator('#form-step-h').textContent()).toBe(next);
      if (shotName) await expectEnglish('form', 'Retirement application form', shotName);
    }
    expect(await form.getByLabel('Withdraw and close the account').isVisible()).toBe(false); // drawn on its page only
    // The check page: who supplied each value, the person's own Chinese marked as such.
    const nameRow = form.locator('.check-row[data-field="applicant.name"]');
    expect(await nameRow.locator('dt').textContent()).toBe('Name');
    expect(await nameRow.locator('.check-value').getAttribute('lang')).toBe('zh-CN');
    expect(await nameRow.locator('.source').textContent()).toBe('Changed by you (was: From human resources and social security)');
    expect(await form.locator('.check-row[data-field="applicant.gender"] .source').textContent()).toBe('From human resources and social security');
    expect(await form.locator('.check-row[data-field="retirement.requestedMonth"] .check-value').textContent()).toBe('Apr 2027');
    await expectEnglish('form', 'Retirement application form', 'form-check');
    await form.getByLabel('I promise that the details above are true and correct.').check();
    await form.getByLabel(/^I agree that the details marked/).check();
    const [applied] = await Promise.all([
      page.waitForResponse((r) => /\/application$/.test(r.url()) && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Send the application' }).click(),
    ]);
    expect(applied.status()).toBe(202);
    const caseNumber = new URL(applied.url()).pathname.split('/')[3];

    // Staff ask to correct the name.
    await expect.poll(() => page.locator('#p-status-explain').textContent(), { timeout: 30_000, interval: 500 }).toBe('Staff need to check some details.');
    const staff = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const note = '姓名与身份证不一致，请按身份证填写';
    const asked = await stack.client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note, supplement: { fields: ['applicant.name'] } },
      staff,
    );
    expect(asked.status).toBe(202);
    const box = page.getByTestId('supplement-box');
    await expect.poll(() => box.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await box.locator('h2').textContent()).toBe('What you need to correct');
    expect(await box.locator('.asked li').allTextContents()).toEqual(['Name']);
    expect(await box.locator('[lang="zh-CN"]').textContent()).toBe(note);
    await expectEnglish('progress', 'Your case', 'progress-supplement-asked');

    // The correction pages.
    await box.getByRole('link', { name: 'Correct it' }).click();
    const sp = page.locator('#screen-supplement');
    await expect.poll(() => sp.getByLabel('Name').inputValue(), { timeout: 15_000 }).toBe(`${CHEN.name} 先生`);
    expect(await sp.locator('.step-count').textContent()).toBe('Step 1 of 2');
    await expectEnglish('supplement', 'Correct the application form', 'supplement-name');
    await sp.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => sp.locator('.field[data-path="applicant.name"] .error').textContent()).toBe('Please enter your name.');
    await sp.getByLabel('Name').fill(CHEN.name);
    await page.getByRole('button', { name: 'Next' }).click();
    const compare = sp.locator('.compare [data-field="applicant.name"]');
    await expect.poll(() => compare.locator('.before').textContent()).toBe(`Was: ${CHEN.name} 先生`);
    expect(await compare.locator('.after').textContent()).toBe(`Now: ${CHEN.name}`);
    await expectEnglish('supplement', 'Correct the application form', 'supplement-check');
    await page.getByRole('button', { name: 'All correct, send again' }).click();
    await expect.poll(() => page.getByTestId('supplement-done').locator('h2').textContent()).toBe('Sent again');
    await expectEnglish('supplement', 'Correct the application form', 'supplement-done');

    // The answer: the departments' cards and the history, in English; the notes are the product's Chinese, marked.
    await page.getByRole('link', { name: 'Back to the progress page' }).click();
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 60_000, interval: 500 }).toBe('Finished: retirement approved');
    expect(await page.locator('.dept .dept-name').allTextContents()).toEqual([
      'Human resources and social security (pension)',
      'Tax (contributions)',
      'Medical insurance (retiree cover)',
      'Housing provident fund centre',
      'Health commission (one-child parent reward)',
    ]);
    expect(await page.locator('.dept .badge').allTextContents()).toEqual(['Passed', 'Passed', 'Passed', 'Passed', 'Nothing needed']);
    expect(await page.locator('.dept[data-department="hr"]').textContent()).toContain('Statutory retirement month: Apr 2027.');
    const history = page.locator('#p-timeline li');
    expect(await history.last().locator('strong').textContent()).toBe('Booked');
    expect(await history.last().locator('.who-did').textContent()).toBe('You');
    expect(await history.first().locator('strong').textContent()).toBe('Finished');
    expect(await history.first().locator('.what [lang="zh-CN"]').count()).toBe(1);
    expect(await history.first().locator('.when').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} 20\d\d \d\d:\d\d$/);
    await page.locator('#p-departments').scrollIntoViewIfNeeded();
    await expectEnglish('progress', 'Your case', 'progress-departments');
    await page.locator('#p-timeline').scrollIntoViewIfNeeded();
    await shot(page, 'english-progress-history-390');

    // The footer's two dialogs.
    await page.getByRole('button', { name: 'Rate the service' }).click();
    const rating = page.locator('dialog[open]');
    await expect.poll(() => rating.locator('legend').textContent(), { timeout: 15_000 }).toBe('How satisfied are you?');
    expect(await rating.getByLabel('5 Very satisfied').isVisible()).toBe(true);
    expect(await unmarkedChinese(page)).toEqual([]);
    await shot(page, 'english-rating-390');
    await expectAccessible(page, 'rating dialog in English');
    await rating.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Could not get it done? Tell us' }).click();
    const feedback = page.locator('dialog[open]');
    await expect.poll(() => feedback.locator('h2').textContent()).toBe('Could not get it done? Tell us');
    expect(await feedback.getByLabel('What went wrong').isVisible()).toBe(true);
    expect(await unmarkedChinese(page)).toEqual([]);
    await shot(page, 'english-feedback-390');
    await expectAccessible(page, 'feedback dialog in English');
    await feedback.getByRole('button', { name: 'Close' }).click();

    // Back to Chinese: the same screen in Chinese, nothing left marked as another language.
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('#screen-progress h1').textContent()).toBe('办理进度');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect.poll(() => page.locator('.dept .badge').allTextContents()).toEqual(['通过', '通过', '通过', '通过', '无需办理']);
    expect(await page.locator('#screen-progress [lang="zh-CN"]').count()).toBe(0);
    expect(b.errors).toEqual([]);
  }, 240_000);

  it('the calculator and the sign-in page, before anyone signs in, in English', async () => {
    await page.goto(`${stack.baseUrl}/#home`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${stack.baseUrl}/#calc`);
    await page.getByRole('button', { name: 'English' }).click();
    await expectEnglish('calc', 'Work out my retirement month', 'calculator');
    await page.getByRole('radio', { name: 'Male', exact: true }).check();
    await page.locator('#screen-calc').getByLabel('Date of birth').fill('1966-10-12');
    await page.getByRole('button', { name: 'Work it out' }).click();
    await expect.poll(() => page.getByTestId('statutory-month').textContent()).toBe('Apr 2027');
    expect(await page.locator('#calc-result h2').textContent()).toBe('Result');
    await expectEnglish('calc', 'Work out my retirement month', 'calculator-result');
    await page.goto(`${stack.baseUrl}/#login`);
    await expectEnglish('login', 'Sign in', 'sign-in');
    expect(await page.getByRole('link', { name: 'Sign in with my ID number' }).isVisible()).toBe(true);
    expect(b.errors).toEqual([]);
  }, 60_000);
});
