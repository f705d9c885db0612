import { afterAll, beforeAll } from 'vitest';
import { startTestStack, type TestStack } from '../integration/harness.ts';
import { type CitizenBrowser, launchCitizenBrowser } from './citizen-browser.ts';

/**
 * The embedded stack and a phone-sized Chromium for one describe block: started before its tests, handed to `use`
 * (which keeps them in the test file's own variables), and closed after its tests, the browser first.
 */
export function stackAndBrowser(opts: Parameters<typeof startTestStack>[0], use: (stack: TestStack, browser: CitizenBrowser) => void): void {
  let stack: TestStack | undefined;
  let browser: CitizenBrowser | undefined;
  beforeAll(async () => {
    stack = await startTestStack(opts);
    browser = await launchCitizenBrowser();
    use(stack, browser);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
}
