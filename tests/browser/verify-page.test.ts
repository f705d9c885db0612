/**
 * The page a QR code on every sealed paper leads to, in a real Chromium against the real embedded stack:
 * it tells a bank clerk, in plain Chinese, whether the paper is genuine, and checks an uploaded copy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CitizenBrowser, launchCitizenBrowser } from './citizen-browser.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from '../integration/harness.ts';

const LI = (JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).find((c) => c.idNumber === '441900197107150222'); // 李春梅, statutory 2026-12

describe('browser: the verification page', () => {
  let stack: TestStack;
  let b: CitizenBrowser;
  let page: Page;
  let dir: string;
  let documentId: string;
  let caseNumber: string;
  let original: Uint8Array;

  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-11-15' });
    const token = await stack.client.token('citizen', { idNumber: LI.idNumber });
    caseNumber = await bookAndSubmit(stack.client, token, LI, { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 55 });
    const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');
    documentId = done.documents[0].documentId;
    original = (await stack.client.get(`/v1/cases/${caseNumber}/documents/${documentId}`, token)).bytes;
    dir = mkdtempSync(join(tmpdir(), 'retireone-verify-page-'));
    b = await launchCitizenBrowser();
    page = b.page;
  });

  afterAll(async () => {
    await b?.close();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the QR code’s address says the paper is genuine, who sealed it and when', async () => {
    await page.goto(`${stack.baseUrl}/verify/${documentId}`);
    const result = page.locator('#lookup-result');
    await expect.poll(() => result.textContent()).toContain('真实有效');
    const text = (await result.textContent())!;
    expect(text).toContain(documentId);
    expect(text).toContain('退休审批结果通知书');
    expect(text).toMatch(/RT\d{8}\*+/);
    // The person is never named on this public page.
    expect(text).not.toContain(LI.name);
  });

  it('an id never issued is reported as not found', async () => {
    await page.goto(`${stack.baseUrl}/verify/${caseNumber.slice(0, -1)}Z-09`);
    await expect.poll(() => page.locator('#lookup-result').textContent()).toContain('没有找到');
  });

  it('an uploaded original is genuine; the same file with one byte changed is not, with the reason', async () => {
    await page.goto(`${stack.baseUrl}/verify/`);
    const file = join(dir, 'original.pdf');
    writeFileSync(file, original);
    await page.setInputFiles('#pdf', file);
    await page.getByRole('button', { name: '开始核验' }).click();
    await expect.poll(() => page.locator('#upload-result').textContent()).toContain('真实有效');

    const tampered = Uint8Array.from(original);
    tampered[tampered.length - 2000] ^= 0x01;
    const bad = join(dir, 'tampered.pdf');
    writeFileSync(bad, tampered);
    await page.setInputFiles('#pdf', bad);
    await page.getByRole('button', { name: '开始核验' }).click();
    await expect.poll(() => page.locator('#upload-result').textContent()).toContain('无法验证');
    expect(await page.locator('#upload-result li').count()).toBeGreaterThan(0);
  });
});
