/**
 * 补正 in a real Chromium on a 390 px phone against the real embedded stack: pre-review asks for a field to be
 * corrected; the citizen sees what, why and by when at the top of the progress page, corrects only that on
 * the correction pages, checks old against new, sends it, and the case goes on to COMPLETED. Every page of
 * the correction passes axe-core with no violations.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, expectAccessible as accessible, launchCitizenBrowser, shot as screenshot, signIn as signInAs } from './citizen-browser.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // approved when the form matches the booking: 2027-04
const LIN = demo.get('441900197108030169'); // approved: 2027-01, originally 55
const WANG = demo.get('441900196609300193'); // asked to correct the month

describe('browser: the citizen corrects what pre-review asked (补正)', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  let pageErrors: string[];
  let staff: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-01' });
    staff = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    b = await launchCitizenBrowser();
    page = b.page;
    pageErrors = b.errors;
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await stack?.close();
  });

  const signIn = (person: { name: string; idNumber: string }) => signInAs(page, stack.baseUrl, person);
  const expectAccessible = (what: string) => accessible(page, what);
  const shot = (name: string) => screenshot(page, name);

  it('sees what to fix and by when, corrects the name on the page, sends it, and the case completes', async () => {
    await signIn(CHEN);
    await page.locator('#screen-book').getByLabel('手机号码').fill(CHEN.phone);
    await page.getByRole('button', { name: '确认预约' }).click();
    const number = page.getByTestId('case-number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^RT\d{8}[0-9A-Z]{6}$/);
    const caseNumber = (await number.textContent())!;

    // The form, with the name not as booked (so pre-review waits for a person).
    await page.getByRole('link', { name: /填写申请表/ }).click();
    const appForm = page.locator('#screen-form');
    const next = () => page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => appForm.getByLabel('姓名').inputValue(), { timeout: 15_000 }).toBe(CHEN.name);
    await appForm.getByLabel('姓名').fill(`${CHEN.name} 先生`);
    await appForm.getByLabel('现在的住址').fill('广东省东莞市南城街道示例路 1 号');
    await next();
    await expect.poll(() => appForm.getByLabel('想从哪个月开始退休').inputValue()).toBe('2027-04');
    for (let i = 0; i < 3; i++) await next();
    await expect.poll(() => page.locator('#form-step-h').textContent()).toBe('请核对后提交');
    await appForm.getByLabel('我承诺以上信息真实、准确。').check();
    await appForm.getByLabel(/我同意使用上面标明/).check();
    const [applied] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${caseNumber}/application`)),
      page.getByRole('button', { name: '提交申请' }).click(),
    ]);
    expect(applied.status()).toBe(202);
    const sentForm = applied.request().postDataJSON();

    // Waiting for a person at pre-review: the promised completion date is shown.
    await expect.poll(() => page.locator('#p-status-explain').textContent(), { timeout: 30_000, interval: 500 }).toContain('工作人员核实');
    await expect.poll(() => page.locator('#p-sla').textContent()).toMatch(/^预计办结日期：2026年\d+月\d+日/);
    await page.locator('#p-status-card').scrollIntoViewIfNeeded();
    await shot('0-progress-waiting-for-staff');

    // Staff ask for the name.
    const note = '姓名与身份证不一致，请按身份证填写';
    const asked = await stack.client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note, supplement: { fields: ['applicant.name'] } },
      staff,
    );
    expect(asked.status).toBe(202);
    const citizen = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const waiting = await stack.client.waitForCase(caseNumber, citizen, (c) => c.status === 'SUPPLEMENT_REQUESTED');
    const [y, m, d] = (waiting.supplement.dueDate as string).split('-').map(Number);

    // At the top of the progress page: what, why, by when, and one button.
    const box = page.getByTestId('supplement-box');
    await expect.poll(() => box.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await box.getByRole('heading', { name: '需要您补正的内容' }).isVisible()).toBe(true);
    expect(await box.locator('.asked li').allTextContents()).toEqual(['姓名']);
    expect(await box.textContent()).toContain(note);
    expect(await box.locator('.due').textContent()).toBe(`请在 ${y}年${m}月${d}日 前提交`);
    expect(await page.locator('#p-status').textContent()).toBe('等待您补正');
    expect(await page.locator('#p-sla').textContent()).toContain('暂停计时，等待您补正');
    // Nothing is checked by the departments while the form waits for the correction.
    expect(await page.locator('.dept .badge').allTextContents()).toEqual(['等待开始', '等待开始', '等待开始', '等待开始']);
    const boxTop = (await box.boundingBox())!.y;
    expect(boxTop).toBeLessThan((await page.locator('#p-status-card').boundingBox())!.y);
    await shot('1-progress-supplement-asked');
    await page.locator('#p-sla').scrollIntoViewIfNeeded();
    await shot('1b-progress-paused');
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectAccessible('progress, supplement asked');

    // The correction page: only the name, filled with what was sent.
    await box.getByRole('link', { name: '去修改' }).click();
    await expect.poll(() => page.locator('#screen-supplement').isVisible()).toBe(true);
    const name = page.locator('#screen-supplement').getByLabel('姓名');
    await expect.poll(() => name.inputValue(), { timeout: 15_000 }).toBe(`${CHEN.name} 先生`);
    expect(await page.locator('#sp-body .field').count()).toBe(1);
    expect(await page.locator('.step-count').textContent()).toBe('第 1 步，共 2 步');
    expect(await page.locator('.asked-note').textContent()).toContain(note);
    await shot('2-supplement-name');
    await expectAccessible('supplement, the name');

    // Emptied: the form's own message, under the field.
    await name.fill('');
    await page.getByRole('button', { name: '下一步' }).click();
    const error = page.locator('#screen-supplement .field[data-path="applicant.name"] .error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe('请填写姓名。');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await shot('3-supplement-name-empty');
    await expectAccessible('supplement, the name missing');

    await name.fill(CHEN.name);
    await page.getByRole('button', { name: '下一步' }).click();
    const compare = page.locator('.compare [data-field="applicant.name"]');
    await expect.poll(() => compare.isVisible()).toBe(true);
    expect(await compare.locator('.before').textContent()).toBe(`原来：${CHEN.name} 先生`);
    expect(await compare.locator('.after').textContent()).toBe(`改为：${CHEN.name}`);
    await shot('4-supplement-check');
    await expectAccessible('supplement, check');

    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${caseNumber}/supplement`)),
      page.getByRole('button', { name: '确认无误，重新提交' }).click(),
    ]);
    expect(sent.status()).toBe(202);
    expect(await sent.json()).toEqual({ caseNumber, status: 'PRE_REVIEW' });
    expect(sent.request().headers()['idempotency-key']).toBeTruthy();
    // The whole form, as sent, but for the name.
    expect(sent.request().postDataJSON()).toEqual({ ...sentForm, applicant: { ...sentForm.applicant, name: CHEN.name } });

    const done = page.getByTestId('supplement-done');
    await expect.poll(() => done.isVisible()).toBe(true);
    expect(await done.getByRole('heading', { name: '已重新提交' }).isVisible()).toBe(true);
    expect(await done.textContent()).toContain('工作人员将重新审核');
    expect(await page.locator('#status').textContent()).toBe('已重新提交，工作人员将重新审核。');
    await shot('5-supplement-done');
    await expectAccessible('supplement, done');

    await page.getByRole('link', { name: '返回办理进度' }).click();
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 60_000, interval: 500 }).toBe('已办结：批准退休');
    expect(await box.count()).toBe(0);
    expect(await page.locator('#p-sla').textContent()).toBe('');
    expect(await page.locator('#p-timeline').textContent()).toContain('补正');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('6-progress-completed');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('from another device: the form as sent comes from the server, and two parts are corrected, one per page', async () => {
    const { client } = stack;
    const citizen = await client.token('citizen', { idNumber: LIN.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: LIN.idNumber, name: LIN.name, phone: LIN.phone, channel: 'online' }, citizen, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    const form = applicationFor({ ...LIN, name: `${LIN.name}女士` }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, citizen)).status).toBe(202);
    await client.waitForCase(caseNumber, citizen, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    const asked = await client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      {
        stage: 'pre-review',
        outcome: 'SUPPLEMENT',
        note: '住址不全，银行卡号少一位，请补全',
        supplement: { fields: ['applicant.address', 'bankAccount.accountNo', 'applicant.name'] },
      },
      staff,
    );
    expect(asked.status).toBe(202);
    await client.waitForCase(caseNumber, citizen, (c) => c.status === 'SUPPLEMENT_REQUESTED');

    // Signed in on another device: 我的办件 finds the case and what it needs; nothing of the form is kept here.
    await signIn(LIN);
    const card = page.locator(`.case-card.open[data-case="${caseNumber}"]`);
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await card.locator('.case-status strong').textContent()).toBe('等待您补正');
    await card.getByRole('button', { name: '去修改申请表' }).click();
    // Nothing is kept on this device: the form as sent comes from the server (GET /v1/cases/{n}/application).
    await expect.poll(() => page.locator('#sp-body .notice').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('#sp-body input, #sp-body textarea').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot('7-supplement-from-server');
    await expectAccessible('supplement, form from the server');

    // The case view as asked of the API: the citizen's own form as `application`.
    const view = `${stack.baseUrl}/v1/cases/${caseNumber}`;
    await page.route(view, async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      await route.fulfill({ response, json: { ...json, application: json.status === 'SUPPLEMENT_REQUESTED' ? form : undefined } });
    });
    try {
      await page.goto(`${stack.baseUrl}/#progress`);
      await page.getByRole('link', { name: '去修改' }).click();
      const sp = page.locator('#screen-supplement');
      await expect.poll(() => sp.getByLabel('现在的住址').inputValue(), { timeout: 15_000 }).toBe(form.applicant.address);
      expect(await page.locator('.step-count').textContent()).toBe('第 1 步，共 3 步');
      expect(await sp.getByLabel('姓名').inputValue()).toBe(`${LIN.name}女士`);
      await sp.getByLabel('姓名').fill(LIN.name);
      await sp.getByLabel('现在的住址').fill('广东省东莞市东城街道示例路 8 号 2 栋 301 房');
      await page.getByRole('button', { name: '下一步' }).click();
      await expect.poll(() => page.locator('.step-count').textContent()).toBe('第 2 步，共 3 步');
      expect(await page.getByRole('heading', { name: '养老金发到哪里' }).isVisible()).toBe(true);
      const account = sp.getByLabel('银行卡号');
      expect(await account.inputValue()).toBe(form.bankAccount.accountNo);
      await account.fill('6222 1900 0000 0000 2');
      await page.getByRole('button', { name: '下一步' }).click();
      await expect.poll(() => page.locator('.step-count').textContent()).toBe('第 3 步，共 3 步');
      expect(await page.locator('.compare > div').count()).toBe(3);
      await shot('8-supplement-check-three');
      await expectAccessible('supplement, check of three');
      const [sent] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${caseNumber}/supplement`)),
        page.getByRole('button', { name: '确认无误，重新提交' }).click(),
      ]);
      expect(sent.status()).toBe(202);
      expect(sent.request().postDataJSON()).toEqual({
        ...form,
        applicant: { ...form.applicant, name: LIN.name, address: '广东省东莞市东城街道示例路 8 号 2 栋 301 房' },
        bankAccount: { ...form.bankAccount, accountNo: '62221900000000002' },
      });
      await expect.poll(() => page.getByTestId('supplement-done').isVisible()).toBe(true);
    } finally {
      await page.unroute(view);
    }
    const done = await client.waitForCase(caseNumber, citizen, (c) => c.status === 'COMPLETED', 60_000);
    expect(done.decision).toBe('APPROVED');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('a month to correct is chosen from the months the service takes today, never typed', async () => {
    const { client } = stack;
    const citizen = await client.token('citizen', { idNumber: WANG.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: WANG.idNumber, name: WANG.name, phone: WANG.phone, channel: 'online' }, citizen, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    const prefill = (await client.get(`/v1/cases/${caseNumber}/prefill`, citizen)).body;
    const { earliest, latest } = prefill.retirementMonths;
    const sentMonth: string = prefill.retirement.requestedMonth;
    const form = applicationFor({ ...WANG, name: `${WANG.name} 先生` }, { type: 'normal', requestedMonth: sentMonth, originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, citizen)).status).toBe(202);
    await client.waitForCase(caseNumber, citizen, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    const asked = await client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note: '请确认退休月份', supplement: { fields: ['retirement.requestedMonth'] } },
      staff,
    );
    expect(asked.status).toBe(202);
    await client.waitForCase(caseNumber, citizen, (c) => c.status === 'SUPPLEMENT_REQUESTED');

    await signIn(WANG);
    const card = page.locator(`.case-card.open[data-case="${caseNumber}"]`);
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await card.getByRole('button', { name: '去修改申请表' }).click();
    const sp = page.locator('#screen-supplement');
    const choice = sp.getByLabel('想从哪个月开始退休');
    await expect.poll(() => choice.evaluate((el) => el.tagName), { timeout: 15_000 }).toBe('SELECT');
    expect(await sp.locator('input[type=month], input[type=text]').count()).toBe(0);
    // Exactly the months the service takes (the prefill's, from the rule pre-review applies), the one sent chosen.
    const expected: string[] = [];
    for (let m = earliest; m <= latest; m = nextMonth(m)) expected.push(m);
    expect(await choice.locator('option:not([value=""])').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
    expect(await choice.inputValue()).toBe(sentMonth);
    expect(await sp.locator('#sp-retirement-requestedMonth-hint').textContent()).toContain('已经过去的月份不能选');
    await shot('9-supplement-month-list');
    await expectAccessible('supplement, the month as a list');

    // Nothing chosen: the form's own words, under the list.
    await choice.selectOption('');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => sp.locator('.field[data-path="retirement.requestedMonth"] .error').textContent()).toBe('请选择想从哪个月开始退休。');
    const other = expected.find((m) => m !== sentMonth)!;
    await choice.selectOption(other);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect
      .poll(() => page.locator('.compare [data-field="retirement.requestedMonth"] .after').textContent())
      .toBe(`改为：${Number(other.slice(0, 4))}年${Number(other.slice(5))}月`);
    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${caseNumber}/supplement`)),
      page.getByRole('button', { name: '确认无误，重新提交' }).click(),
    ]);
    expect(sent.status()).toBe(202);
    expect(sent.request().postDataJSON()).toEqual({ ...form, retirement: { ...form.retirement, requestedMonth: other } });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
