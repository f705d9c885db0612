import { describe, expect, it } from 'vitest';
import { illFormedText } from '../../../functions/api/http/well-formed.ts';
import { Text } from '../../../schemas/common.ts';

const Name = Text({ max: 10 });

describe('Text, the building block of every free-text field', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['tab', 'a\tb'],
    ['trailing newline (not trimmed away)', 'ab\n'],
    ['C1 CSI', 'a\u009bb'],
    ['zero-width space', 'a\u200bb'],
    ['word joiner', 'a\u2060b'],
    ['BOM', '\ufeffab'],
    ['RLO', 'a\u202eb'],
    ['FSI', 'a\u2068b'],
    ['soft hyphen (Cf)', 'a\u00adb'],
    ['lone high surrogate', 'a\ud800'],
    ['lone low surrogate', '\udc00a'],
    ['blank', '   '],
    ['ideographic spaces only', '\u3000'],
    ['too long', '一二三四五六七八九十一'],
  ])('refuses %s', (_, value) => {
    expect(Name.safeParse(value).success).toBe(false);
  });

  it('normalizes to NFC and trims', () => {
    expect(Name.parse('  Jose\u0301 ')).toBe('Jos\u00e9');
    expect(Name.parse('陈志明')).toBe('陈志明');
  });

  it('keeps a surrogate pair (a character outside the BMP, as in rare names)', () => {
    expect(Name.parse('陈\u{20BB7}')).toBe('陈\u{20BB7}');
  });
});

describe('illFormedText, the body check before anything is hashed', () => {
  it('names every value and every field name holding a lone surrogate', () => {
    expect(illFormedText({ a: 'ok', b: ['x', 'y\ud800'], c: { d: '\udfff' }, '\ud800': 1 })).toEqual([
      { path: 'b[1]', message: expect.any(String) },
      { path: 'c.d', message: expect.any(String) },
      { path: '$', message: expect.stringMatching(/field name/) },
    ]);
  });

  it('finds nothing in well-formed text, numbers and nulls', () => {
    expect(illFormedText({ a: '陈\u{20BB7}', b: [1, null, true], c: {} })).toEqual([]);
  });
});
