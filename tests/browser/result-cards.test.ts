/**
 * "Know what to do next" in a real Chromium against the real embedded stack, on a 390 px phone and on a
 * desktop: the top of the progress page states the answer of every state — an approval's monthly pension,
 * first month and each duty (the medical top-up: how much, where, by when); a refusal's reasons in plain
 * words with what to do, where, and the appeal route with its time limits; a wait's length and who will
 * phone; a window appointment's centre, address and time with an .ics for the calendar. Rating and 办不成事
 * are reachable from every page. Every page passes axe-core with no violations; the screenshots go to
 * tmp/screenshots/ (git-ignored) to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type CitizenBrowser, expectAccessible, keepSignIn, SHOTS } from './citizen-browser.ts';
import { stackAndBrowser } from './stack-and-browser.ts';
import { policyOn } from '../../functions/domain/policy.ts';
import { DEMO_RULES } from '../support/rules.ts';

// The demo city's values in force on 李春梅's retirement month (the city's medical totals before 2030).
const DEFAULT_POLICY = policyOn(DEMO_RULES, '2026-12-01');
import { applicationFor, bookAndSubmit, DEMO_FIXTURES, type TestStack } from '../integration/harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LI = demo.get('441900197107150222'); // 李春梅: approved, medical years short → a top-up; 2026-12
const ZHOU = demo.get('441900196607070291'); // 周海涛: 12 years of contributions → refused by HR; fund would pass; 2026-12
const LIU = demo.get('441900196608190252'); // 刘伟: fund loan outstanding → manual review; 2027-01
const CHEN = demo.get('441900196610120130'); // 陈志明: window appointment
const ZHAO = demo.get('441900196611020238'); // 赵国强: approved with a local top-up; 2027-05
const LIN = demo.get('441900197108030169'); // 林秀英: a name not as booked → pre-review waits for a person; 2027-01

/** "1234567" fen → "12,345.67", as a person reads money. */
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const monthZh = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
/** The text of a PDF, as poppler reads it. */
const pdfText = (bytes: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), 'pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('browser: the result cards say what happens next', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  /** 李春梅's completed case, rated in the last test. */
  let approvedCase = '';

  stackAndBrowser({ clockToday: '2026-11-02' }, (s, browser) => {
    stack = s;
    b = browser;
    page = browser.page;
  });

  /** Signed in as the person (a dev token kept on the device, as the sign-in leaves it), on the case's progress page. */
  async function openProgress(person: any, caseNumber: string) {
    const token = await stack.client.token('citizen', { idNumber: person.idNumber });
    await page.setViewportSize({ width: 390, height: 844 });
    await keepSignIn(page, stack.baseUrl, { token, idNumber: person.idNumber, name: person.name, caseNumber });
    await page.goto(`${stack.baseUrl}/#progress`);
    await expect.poll(() => page.locator('#p-number').textContent(), { timeout: 15_000 }).toBe(caseNumber);
  }

  /** The top of the page at phone and desktop width (and the whole page), accessible at both. */
  async function shots(name: string) {
    for (const [w, hgt] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`) });
      await page.screenshot({ path: join(SHOTS, `${name}-${w}-full.png`), fullPage: true });
      await expectAccessible(page, `${name} at ${w} px`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
  }

  /** What happens next is the first thing on the page: above the fold on a phone, before the details. */
  async function expectNextOnTop() {
    const next = page.getByTestId('next-steps');
    await expect.poll(() => next.isVisible(), { timeout: 15_000 }).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = (await next.boundingBox())!;
    // In the first screenful of an 844 px phone, with room below it for the answer itself.
    expect(box.y).toBeLessThan(500);
    const departments = (await page.locator('#p-departments').boundingBox())!;
    expect(box.y).toBeLessThan(departments.y);
  }

  it('approved with a top-up: the monthly pension, its first month, and the ¥37,440 top-up with where and by when', async () => {
    const { client } = stack;
    stack.setToday('2026-11-02');
    const token = await client.token('citizen', { idNumber: LI.idNumber });
    const caseNumber = await bookAndSubmit(client, token, LI, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 55 });
    const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED', 45_000);
    expect(c.decision).toBe('APPROVED');
    approvedCase = caseNumber;

    // The figures the departments returned, worked out here from the fixture and the policy, not read from the page.
    const topUpMonths = Math.max(DEFAULT_POLICY.medical.requiredMonths!.female - LI.medical.contributionMonths, 0);
    const topUpFen = topUpMonths * Math.round(DEFAULT_POLICY.medical.topUpBaseFen * DEFAULT_POLICY.medical.topUpRate);
    expect(yuan(topUpFen)).toBe('37,440.00');
    // The pension the sealed 基本养老金核定表 prints: the card must say the same.
    const texts = await Promise.all(
      c.documents.map(async (d: any) => pdfText((await client.get(`/v1/cases/${caseNumber}/documents/${d.documentId}`, token)).bytes)),
    );
    const printed = texts.map((t) => /每月基本养老金：¥([\d,.]+)/.exec(t.replace(/\s+/g, ''))?.[1]).find(Boolean);
    expect(printed, 'the sealed pension paper states the monthly pension').toBeTruthy();

    await openProgress(LI, caseNumber);
    await expectNextOnTop();
    const next = page.getByTestId('next-steps');
    await expect.poll(() => next.textContent(), { timeout: 15_000 }).toContain('每月基本养老金');
    const text = (await next.textContent())!;
    expect(text).toContain(`¥${yuan(Math.round(Number(printed!.replace(/,/g, '')) * 100))}`);
    expect(text).toContain(`从 ${monthZh('2026-12')} 起`);
    const duty = page.getByTestId('duty-medical-top-up');
    expect(await duty.textContent()).toContain(`¥${yuan(topUpFen)}`);
    expect(await duty.textContent()).toContain(`${topUpMonths} 个月`);
    expect(await duty.textContent()).toContain('医保经办窗口');
    expect(await duty.textContent()).toContain(`${monthZh('2026-12')}前`);
    expect(text).toContain(`¥${yuan(LI.housingFund.balanceFen)}`);
    // Not the old, empty promise.
    expect(await page.locator('#p-status-explain').textContent()).not.toBe('您的退休申请已经批准。请下载盖章的办理结果，妥善保存。');
    await shots('approved-top-up');
    expect(b.errors).toEqual([]);
  }, 120_000);

  it('rejected: each reason in plain words, what to do, where, and the appeal route; 重新预约 comes after; the fund pays nothing', async () => {
    const { client } = stack;
    stack.setToday('2026-11-02');
    const token = await client.token('citizen', { idNumber: ZHOU.idNumber });
    const caseNumber = await bookAndSubmit(client, token, ZHOU, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 60 });
    const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED', 45_000);
    expect(c.decision).toBe('REJECTED');
    expect(c.departments.housingFund.outcome).toBe('PASS');

    await openProgress(ZHOU, caseNumber);
    await expectNextOnTop();
    const reasons = page.getByTestId('refusal-reason');
    await expect.poll(() => reasons.count(), { timeout: 15_000 }).toBe(c.departments.hr.reasons.length);
    const reason = (await reasons.first().textContent())!;
    expect(reason).toContain(c.departments.hr.reasons[0].message);
    expect(reason).toContain('可继续缴费至满足最低缴费年限'); // the remedy of the sealed notice
    expect(reason).toContain('社保经办窗口'); // where
    const appeal = (await page.getByTestId('appeal').textContent())!;
    expect(appeal).toContain('60 日内');
    expect(appeal).toContain('行政复议');
    expect(appeal).toContain('6 个月内');
    expect(appeal).toContain('行政诉讼');
    expect(appeal).toContain('行政诉讼法');
    expect(await page.getByTestId('appeal').locator('a[href="tel:12333"]').count()).toBe(1);

    // 重新预约 is offered after the reasons, as the lesser choice.
    const again = page.getByRole('button', { name: '重新预约' });
    expect(await again.getAttribute('class')).toContain('secondary');
    const lastReason = (await reasons.last().boundingBox())!;
    expect((await again.boundingBox())!.y).toBeGreaterThan(lastReason.y);
    // The fund's card does not promise money a refused case will not pay.
    const fund = (await page.locator('.dept[data-department="housingFund"]').textContent())!;
    expect(fund).not.toContain('将转到您的银行卡');
    expect(fund).toContain('不会提取');
    await shots('rejected');

    // In English: the reason by its code, the department's own words beside it (marked Chinese), the appeal route.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('appeal').textContent()).toContain('within 60 days');
    expect(await reasons.first().textContent()).toContain('Your pension contributions are shorter than the minimum.');
    expect(await reasons.first().locator('[lang="zh-CN"]').first().textContent()).toBe(c.departments.hr.reasons[0].message);
    await shots('rejected-english');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByTestId('appeal').textContent()).toContain('60 日内');
    expect(b.errors).toEqual([]);
  }, 120_000);

  it('manual review: how long the wait is, who will phone and on which number; no internal keys in the text', async () => {
    const { client } = stack;
    stack.setToday('2026-12-01');
    const token = await client.token('citizen', { idNumber: LIU.idNumber });
    const caseNumber = await bookAndSubmit(client, token, LIU, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 60 });
    const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'MANUAL_REVIEW', 45_000);
    expect(c.sla.workingDaysLeft).toBeGreaterThan(0);

    await openProgress(LIU, caseNumber);
    await expectNextOnTop();
    const next = page.getByTestId('next-steps');
    await expect.poll(() => next.textContent(), { timeout: 15_000 }).toContain('住房公积金管理中心');
    const text = (await next.textContent())!;
    expect(text).toContain(`${LIU.phone.slice(0, 3)}****${LIU.phone.slice(7)}`);
    expect(text).toContain(`${c.sla.workingDaysLeft} 个工作日`);
    const due = c.sla.dueDate as string;
    expect(text).toContain(`${due.slice(0, 4)}年${Number(due.slice(5, 7))}月${Number(due.slice(8, 10))}日`);
    // No field names or codes of the API reach the person.
    const all = `${await page.locator('main').textContent()} ${await page.locator('footer').textContent()}`;
    expect(all).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
    expect(all).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    await shots('manual-review');

    // Tidy up: withdraw, so LIU has no open case.
    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, token)).status).toBe(202);
    expect(b.errors).toEqual([]);
  }, 120_000);

  it('a department that could not answer: the wait names it; after the staff’s recheck the history says the outcome in words, not codes', async () => {
    const { client } = stack;
    stack.setToday('2027-04-01');
    const staff = await client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const token = await client.token('citizen', { idNumber: ZHAO.idNumber });
    expect((await client.request('PUT', '/v1/dev/departments/tax/faults', { body: { mode: 'down' } })).status).toBe(200);
    let caseNumber = '';
    try {
      caseNumber = await bookAndSubmit(client, token, ZHAO, { type: 'normal', requestedMonth: '2027-05', originalRetirementAge: 60 });
      await client.waitForCase(caseNumber, token, (x) => x.status === 'MANUAL_REVIEW', 60_000);
      await openProgress(ZHAO, caseNumber);
      await expect.poll(() => page.getByTestId('next-steps').textContent(), { timeout: 15_000 }).toContain('一站式服务窗口的工作人员会打电话');
      expect(await page.locator('#p-status-explain').textContent()).toContain('税务部门');
    } finally {
      await client.request('PUT', '/v1/dev/departments/tax/faults', { body: { mode: 'up' } });
    }
    expect((await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'tax' }, staff)).status).toBe(202);
    await client.waitForCase(caseNumber, token, (x) => x.status === 'COMPLETED', 45_000);
    await expect.poll(() => page.locator('#p-status').textContent(), { timeout: 20_000 }).toBe('已办结：批准退休');
    const history = (await page.locator('#p-timeline').textContent())!;
    expect(history).toContain('重新核查税务部门');
    expect(history).not.toMatch(/\b(PASS|FAIL|MANUAL|CONDITIONAL|NOT_APPLICABLE|PENDING)\b/);
    expect(history).not.toMatch(/\b(hr|tax|medical|housingFund)\b/);
    expect(b.errors).toEqual([]);
  }, 150_000);

  it('pre-review waiting for a person: how long, and that the one-stop window will phone', async () => {
    const { client } = stack;
    stack.setToday('2026-12-01');
    const token = await client.token('citizen', { idNumber: LIN.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: LIN.idNumber, name: LIN.name, phone: LIN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber = booked.body.caseNumber as string;
    const form = applicationFor({ ...LIN, name: `${LIN.name} 女士` }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const c = await client.waitForCase(caseNumber, token, (x) => x.status === 'PRE_REVIEW' && x.timeline.some((t: any) => /人工/.test(t.note)), 45_000);

    await openProgress(LIN, caseNumber);
    await expectNextOnTop();
    const next = page.getByTestId('next-steps');
    await expect.poll(() => next.textContent(), { timeout: 15_000 }).toContain('一站式服务窗口的工作人员会打电话');
    const text = (await next.textContent())!;
    expect(text).toContain(`${LIN.phone.slice(0, 3)}****${LIN.phone.slice(7)}`);
    expect(text).toContain(`${c.sla.workingDaysLeft} 个工作日`);
    await shots('pre-review-waiting');
    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, token)).status).toBe(202);
    expect(b.errors).toEqual([]);
  }, 120_000);

  it('window appointment: centre, address and time on the progress page, not a raw timestamp; the .ics adds it to a calendar', async () => {
    const { client } = stack;
    stack.setToday('2026-11-02');
    const token = await client.token('citizen', { idNumber: CHEN.idNumber });
    const centres = (await client.get('/v1/service-centers')).body as any[];
    const centre = centres[0];
    const slots = (await client.get(`/v1/service-centers/${centre.id}/slots?date=2026-11-04`)).body as any[];
    const slot = slots.find((s) => s.remaining > 0);
    const booked = await client.post(
      '/v1/bookings',
      { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'window', slotId: slot.slotId },
      token,
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(booked.status).toBe(201);
    const caseNumber = booked.body.caseNumber as string;

    await openProgress(CHEN, caseNumber);
    await expectNextOnTop();
    const appointment = page.getByTestId('appointment');
    await expect.poll(() => appointment.isVisible(), { timeout: 15_000 }).toBe(true);
    const text = (await appointment.textContent())!;
    expect(text).toContain(centre.name);
    expect(text).toContain(centre.address);
    const hhmm = (iso: string) => iso.slice(11, 16);
    expect(text).toContain(`2026年11月4日`);
    expect(text).toContain(`${hhmm(slot.start)}–${hhmm(slot.end)}`);
    // The history speaks in words, not in ISO instants.
    expect(await page.locator('#p-timeline').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /加到手机日历/ }).click()]);
    expect(file.suggestedFilename()).toBe(`${caseNumber}.ics`);
    const ics = readFileSync((await file.path())!, 'utf8').replace(/\r\n[ \t]/g, '');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('BEGIN:VEVENT');
    const utc = (iso: string) =>
      new Date(iso)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    expect(ics).toContain(`DTSTART:${utc(slot.start)}`);
    expect(ics).toContain(`DTEND:${utc(slot.end)}`);
    expect(ics).toContain(`UID:${caseNumber}@retireone`);
    expect(ics.replace(/\\,/g, ',')).toContain(`LOCATION:${centre.name}，${centre.address}`);
    expect(ics).toContain(caseNumber);
    await shots('window-appointment');

    // Right after booking, the 预约成功 page shows the same appointment with its calendar file.
    await page.evaluate((b) => localStorage.setItem('ro.booking', JSON.stringify(b)), booked.body);
    await page.goto(`${stack.baseUrl}/#booked`);
    const onBooked = page.locator('#screen-booked').getByTestId('appointment');
    await expect.poll(() => onBooked.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await onBooked.textContent()).toContain(centre.address);
    expect(
      await page
        .locator('#screen-booked')
        .getByRole('button', { name: /加到手机日历/ })
        .isVisible(),
    ).toBe(true);
    await shots('window-booked');

    expect((await client.post(`/v1/cases/${caseNumber}/withdrawal`, {}, token)).status).toBe(202);
    expect(b.errors).toEqual([]);
  }, 120_000);

  it('rating a completed case and 办不成事 are reachable from every page', async () => {
    const { client } = stack;
    stack.setToday('2026-11-02');
    const token = await client.token('citizen', { idNumber: LI.idNumber });
    expect(approvedCase, 'the approved case of the first test').toBeTruthy();
    const done = (await client.get(`/v1/cases/${approvedCase}`, token)).body;
    expect(done.status).toBe('COMPLETED');

    // Anonymous, on the calculator: 办不成事 is in the footer of every page.
    await page.goto(`${stack.baseUrl}/#home`);
    await page.evaluate(() => localStorage.clear());
    for (const screen of ['home', 'calc', 'login']) {
      await page.goto(`${stack.baseUrl}/#${screen}`);
      await expect.poll(() => page.getByRole('button', { name: '办不成事？告诉我们' }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '评价服务' }).isVisible()).toBe(true);
    }
    await page.getByRole('button', { name: '办不成事？告诉我们' }).click();
    const feedback = page.getByRole('dialog', { name: '办不成事？告诉我们' });
    await expect.poll(() => feedback.isVisible()).toBe(true);
    await expectAccessible(page, '办不成事 dialog');
    await feedback.getByLabel(/遇到了什么问题/).fill('网上预约时找不到松山湖的服务中心');
    await feedback.getByLabel(/联系方式/).fill(CHEN.phone);
    await page.screenshot({ path: join(SHOTS, 'feedback-dialog-390.png') });
    const [sent] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/v1/feedback')), feedback.getByRole('button', { name: '提交' }).click()]);
    expect(sent.status()).toBe(201);
    await expect.poll(() => feedback.textContent()).toContain('已收到');
    const staff = await client.token('supervisor', { name: 'boss', staffId: 'S9001' });
    const listed = (await client.get('/v1/staff/feedback', staff)).body.feedback as any[];
    expect(listed.map((f) => f.text)).toContain('网上预约时找不到松山湖的服务中心');
    await feedback.getByRole('button', { name: '关闭' }).click();

    // Signed in with a completed case: 评价服务 rates it, once.
    await openProgress(LI, done.caseNumber);
    // The completed case's card asks for the rating too.
    await expect.poll(() => page.getByTestId('next-steps').getByRole('button', { name: '评价这次服务' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: '评价服务' }).click();
    const rating = page.getByRole('dialog', { name: '评价这次服务' });
    await expect.poll(() => rating.isVisible()).toBe(true);
    await rating.getByRole('radio', { name: /非常满意/ }).check();
    await rating.getByLabel(/想说的话/).fill('不用跑腿，很方便');
    await expectAccessible(page, 'rating dialog');
    await page.screenshot({ path: join(SHOTS, 'rating-dialog-390.png') });
    const [rated] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${done.caseNumber}/rating`)),
      rating.getByRole('button', { name: '提交评价' }).click(),
    ]);
    expect(rated.status()).toBe(201);
    expect(rated.request().postDataJSON()).toEqual({ score: 5, comment: '不用跑腿，很方便' });
    await expect.poll(() => rating.textContent()).toContain('谢谢');
    await rating.getByRole('button', { name: '关闭' }).click();
    const view = (await client.get(`/v1/cases/${done.caseNumber}`, token)).body;
    expect(view.rating.score).toBe(5);
    // Once rated, the card no longer asks.
    await expect.poll(() => page.getByTestId('next-steps').getByRole('button', { name: '评价这次服务' }).count(), { timeout: 15_000 }).toBe(0);
    // Rated once: the page says so instead of offering it again.
    await page.getByRole('button', { name: '评价服务' }).click();
    await expect.poll(() => rating.textContent()).toContain('您已评价');
    await rating.getByRole('button', { name: '关闭' }).click();
    expect(b.errors).toEqual([]);
  }, 120_000);
});
