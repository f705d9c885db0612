import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARACTERS, creditCodeCheckCharacter, creditCodeProblem } from '../../../functions/domain/credit-code.ts';

const codeChar = fc.constantFrom(...CREDIT_CODE_CHARACTERS);
const digit = fc.constantFrom(...'0123456789');
/** A well-formed 17-character body: two code characters, the six-digit division code, nine code characters. */
const body = fc
  .tuple(
    fc.array(codeChar, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(codeChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));
const validCode = body.map((b) => b + creditCodeCheckCharacter(b));

describe('unified social credit code (GB 32100-2015)', () => {
  // The standard's own worked example: 91350100M000100Y4 sums to 1640, 1640 mod 31 = 28, 31 − 28 = 3.
  it('computes the check character of the standard’s worked example', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
  });

  it('refuses the worked example with its printed (wrong) check character Z', () => {
    expect(creditCodeProblem('91350100M000100Y4Z')).toMatch(/18 characters/);
    expect(creditCodeProblem('91350100M000100Y4A')).toMatch(/check character/);
  });

  it('takes every code built with its check character', () => {
    fc.assert(fc.property(validCode, (code) => creditCodeProblem(code) === undefined));
  });

  it('refuses a valid code with any single character changed to any other', () => {
    const anyChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcz-');
    fc.assert(
      fc.property(validCode, fc.nat(17), anyChar, (code, at, replacement) => {
        fc.pre(code[at] !== replacement);
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(creditCodeProblem(changed)).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a code of the wrong length', () => {
    fc.assert(fc.property(validCode, fc.integer({ min: 1, max: 17 }), (code, n) => creditCodeProblem(code.slice(0, n)) !== undefined));
  });
});
