/**
 * Every word of the chrome and the result cards exists in both languages, so English never falls back to
 * Chinese in the middle of a sentence; the English dates and money read as English does.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain browser modules, without type declarations
import { wordKeys, t, setLang, month, date, money } from '../../../web/lib/i18n.js';
// The screens add their words when loaded, as the page loads them.
import '../../../web/screens/progress-next.js';
import '../../../web/screens/case-status.js';
import '../../../web/screens/progress-details.js';

describe('the page words', () => {
  it('have the same keys in Chinese and English', () => {
    const { zh, en } = wordKeys();
    expect(zh.length).toBeGreaterThan(50);
    expect(en).toEqual(zh);
  });

  it('speak the chosen language, kept across pages', () => {
    const store = new Map<string, string>();
    const ls = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) };
    Object.assign(globalThis, {
      localStorage: ls,
      document: { documentElement: {}, querySelectorAll: () => [] },
      window: { dispatchEvent: () => true },
    });
    expect(t('pensionLabel')).toBe('每月基本养老金');
    expect(month('2026-12')).toBe('2026年12月');
    setLang('en');
    expect(store.get('ro.lang')).toBe('en');
    expect(t('pensionLabel')).toBe('Monthly basic pension');
    expect(month('2026-12')).toBe('Dec 2026');
    expect(date('2026-11-04')).toBe('4 Nov 2026');
    expect(money(3_744_000)).toBe('¥37,440.00');
    setLang('zh');
    expect(store.has('ro.lang')).toBe(false);
  });
});
