/**
 * What the citizen-page browser tests share: a real Chromium (Debian's, driven by playwright-core) with a
 * persistent profile, so a second tab shares the first one's localStorage as a person's browser does; the
 * development sign-in as a citizen types it; axe-core over the whole page; screenshots to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
// Git-ignored (/tmp/ in .gitignore): look at them after a run.
export const SHOTS = resolve(import.meta.dirname, '../../tmp/screenshots');

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-deps.sh (npm test does) to install Debian's chromium`);

function axeSource(): string {
  const candidates = [process.env.AXE_CORE_JS];
  try {
    candidates.push(createRequire(import.meta.url).resolve('axe-core/axe.min.js'));
  } catch {
    /* not installed */
  }
  const found = candidates.find((p): p is string => Boolean(p && existsSync(p)));
  if (!found) throw new Error('axe-core is missing: add it to devDependencies, or set AXE_CORE_JS to an axe.min.js');
  return readFileSync(found, 'utf8');
}

export interface CitizenBrowser {
  context: BrowserContext;
  page: Page;
  /** Errors the pages threw or logged (4xx answers aside): a journey ends with none. */
  errors: string[];
  watch(page: Page): Page;
  close(): Promise<void>;
}

export async function launchCitizenBrowser(viewport = { width: 390, height: 844 }): Promise<CitizenBrowser> {
  mkdirSync(SHOTS, { recursive: true });
  const profileDir = mkdtempSync(join(tmpdir(), 'retireone-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    locale: 'zh-CN',
  });
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
    return page;
  };
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  return {
    context,
    page,
    errors,
    watch,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Signs out whoever was signed in on this browser, then signs in with the development sign-in. */
export async function signIn(page: Page, baseUrl: string, person: { name: string; idNumber: string }) {
  await page.goto(`${baseUrl}/#home`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto(`${baseUrl}/#login`);
  await expect.poll(() => page.getByText('开发用的登录').isVisible()).toBe(true);
  const login = page.locator('#screen-login');
  await login.getByLabel('姓名').fill(person.name);
  await login.getByLabel('身份证号码').fill(person.idNumber);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The sign-in the pages keep on the device (web/lib/session.js), as a sign-in leaves it, with the case being worked on. */
export async function keepSignIn(page: Page, baseUrl: string, s: { token: string; idNumber: string; name: string; caseNumber: string }) {
  // A full load (no fragment), so nothing of the page shown before stays on screen.
  await page.goto(`${baseUrl}/`);
  await page.evaluate((s) => {
    for (const k of ['ro.token', 'ro.idNumber', 'ro.name', 'ro.caseNumber', 'ro.booking', 'ro.sentForm']) localStorage.removeItem(k);
    localStorage.setItem('ro.token', s.token);
    localStorage.setItem('ro.idNumber', s.idNumber);
    localStorage.setItem('ro.name', s.name);
    localStorage.setItem('ro.caseNumber', s.caseNumber);
  }, s);
}

let AXE: string | undefined;
/** No violations of any axe rule on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  AXE ??= axeSource();
  // Evaluated through the debugging protocol: the page's CSP (default-src 'self') refuses an added script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document);
    return r.violations.map((v: any) => `${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, what).toEqual([]);
}

export async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}
