/**
 * 补正 of the employer's agreement in a real Chromium on a 390 px phone: pre-review asks whether the employer agreed
 * to flexible late retirement; the correction page asks it as a plain yes/no, the check page shows old against new,
 * and the corrected form goes out with retirement.employerAgreement. Every page passes axe-core.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applicationFor, DEMO_FIXTURES, type TestStack } from '../integration/harness.ts';
import { type CitizenBrowser, expectAccessible, shot, signIn } from './citizen-browser.ts';
import { stackAndBrowser } from './stack-and-browser.ts';

const HU = (JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).find((c) => c.name === '胡美玲'); // flexible late candidate, an employee

describe('browser: the citizen confirms the employer’s agreement when pre-review asks (补正)', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;

  stackAndBrowser({ clockToday: '2026-11-24' }, (s, browser) => {
    stack = s;
    b = browser;
    page = browser.page;
  });

  it('answers the question on its own page and sends it with the form', async () => {
    const { client } = stack;
    const citizen = await client.token('citizen', { idNumber: HU.idNumber });
    const staff = await client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    const booked = await client.post('/v1/bookings', { idNumber: HU.idNumber, name: HU.name, phone: HU.phone, channel: 'online' }, citizen, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber: string = booked.body.caseNumber;
    const form = applicationFor({ ...HU, name: `${HU.name}女士` }, { type: 'flexible-late', requestedMonth: '2027-01', originalRetirementAge: 55 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, citizen)).status).toBe(202);
    await client.waitForCase(caseNumber, citizen, (c) => c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));
    const note = '推迟退休须单位同意，请确认单位是否已同意';
    const asked = await client.post(
      `/v1/staff/cases/${caseNumber}/reviews`,
      { stage: 'pre-review', outcome: 'SUPPLEMENT', note, supplement: { fields: ['retirement.employerAgreement'] } },
      staff,
    );
    expect(asked.status).toBe(202);
    await client.waitForCase(caseNumber, citizen, (c) => c.status === 'SUPPLEMENT_REQUESTED');

    await signIn(page, stack.baseUrl, HU);
    const card = page.locator(`.case-card.open[data-case="${caseNumber}"]`);
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await card.getByRole('button', { name: '去修改申请表' }).click();
    const sp = page.locator('#screen-supplement');
    const yes = sp.getByRole('radio', { name: '是，单位已经同意' });
    await expect.poll(() => yes.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#sp-body .field').count()).toBe(1);
    expect(await sp.getByRole('group', { name: '单位是否同意您推迟退休？' }).isVisible()).toBe(true);
    expect(await page.locator('.asked-note').textContent()).toContain(note);
    await shot(page, 'agreement-supplement-1-question');
    await expectAccessible(page, 'supplement, the employer’s agreement');

    // Not answered: the form's own message under the question.
    await page.getByRole('button', { name: '下一步' }).click();
    const error = sp.locator('.field[data-path="retirement.employerAgreement"] .error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe('请选择单位是否同意您推迟退休。');
    await shot(page, 'agreement-supplement-2-unanswered');
    await expectAccessible(page, 'supplement, the agreement unanswered');

    await yes.check();
    await page.getByRole('button', { name: '下一步' }).click();
    const compare = page.locator('.compare [data-field="retirement.employerAgreement"]');
    await expect.poll(() => compare.isVisible()).toBe(true);
    expect(await compare.locator('.after').textContent()).toBe('改为：是，单位已经同意');
    await shot(page, 'agreement-supplement-3-check');
    await expectAccessible(page, 'supplement, check');

    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/cases/${caseNumber}/supplement`)),
      page.getByRole('button', { name: '确认无误，重新提交' }).click(),
    ]);
    expect(sent.status()).toBe(202);
    expect(sent.request().postDataJSON()).toEqual({ ...form, retirement: { ...form.retirement, employerAgreement: true } });
    expect(b.errors).toEqual([]);
  }, 180_000);
});
