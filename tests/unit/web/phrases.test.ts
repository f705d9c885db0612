/**
 * Every Chinese sentence the citizen screens show through tr() (or mark with phrase(), or carry as data-tr in
 * index.html) has its English in the phrase book, with the same {placeholders}; and the book holds nothing no
 * screen says. Read from the sources themselves, so a sentence added without English fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain browser modules, without type declarations
import { PHRASES_EN } from '../../../web/lib/phrases-en.js';
// @ts-expect-error plain browser modules, without type declarations
import { DEPARTMENT_ZH, OUTCOME_ZH } from '../../../web/lib/api.js';

const WEB = resolve(import.meta.dirname, '../../../web');
const CITIZEN_SOURCES = [
  join(WEB, 'app.js'),
  ...['screens', 'lib'].flatMap((dir) =>
    readdirSync(join(WEB, dir))
      .filter((f) => f.endsWith('.js') && f !== 'phrases-en.js')
      .map((f) => join(WEB, dir, f)),
  ),
];

/** The sentences a source hands to tr() or phrase() as a literal. */
function literalPhrases(source: string): string[] {
  return [...source.matchAll(/\b(?:tr|phrase)\(\s*'((?:[^'\\\n]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
}

/** The text of every data-tr element of the page (leaf elements only: a child would be wiped by the lookup). */
function pagePhrases(html: string): string[] {
  return [...html.matchAll(/<(\w+)[^>]*\bdata-tr\b[^>]*>([^<]*)<\/\1>/g)].map((m) => m[2].trim());
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const html = readFileSync(join(WEB, 'index.html'), 'utf8');
const used = new Set([
  ...CITIZEN_SOURCES.flatMap((f) => literalPhrases(readFileSync(f, 'utf8'))),
  ...pagePhrases(html),
  // Shared tables the citizen screens translate where they show them.
  ...Object.values(DEPARTMENT_ZH as Record<string, string>),
  ...Object.values(OUTCOME_ZH as Record<string, string>),
]);

describe('the English phrase book', () => {
  it('finds the sentences of the screens', () => {
    expect(used.size).toBeGreaterThan(200);
    expect(used).toContain('确认预约');
    expect(used).toContain('请选择想从哪个月开始退休。');
  });

  it('has English for every sentence a citizen screen shows', () => {
    const missing = [...used].filter((zh) => typeof PHRASES_EN[zh] !== 'string' || PHRASES_EN[zh] === '');
    expect(missing).toEqual([]);
  });

  it('gives each English the same placeholders as its Chinese', () => {
    const differing = [...used].filter((zh) => typeof PHRASES_EN[zh] === 'string' && placeholders(zh).join() !== placeholders(PHRASES_EN[zh]).join());
    expect(differing).toEqual([]);
  });

  it('holds nothing that no screen says', () => {
    expect(Object.keys(PHRASES_EN).filter((zh) => !used.has(zh))).toEqual([]);
  });

  it('leaves no data-tr element with markup inside (the lookup sets its text)', () => {
    const opened = [...html.matchAll(/<(\w+)[^>]*\bdata-tr\b[^>]*>/g)].length;
    expect(pagePhrases(html).length).toBe(opened);
  });
});
