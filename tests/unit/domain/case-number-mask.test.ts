import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseNumber } from '../../../schemas/common.ts';
import { crockford6, formatCaseNumber, isCaseNumber } from '../../../functions/domain/case-number.ts';
import { maskAccountNo, maskCaseNumber, maskIdNumber, maskName, maskNumbersInText, maskPhone } from '../../../functions/domain/mask.ts';

describe('case numbers', () => {
  it('formats RT + yyyymmdd + 6 Crockford characters', () => {
    const n = formatCaseNumber('2026-11-24', 'ab12cz');
    expect(n).toBe('RT20261124AB12CZ');
    expect(CaseNumber.safeParse(n).success).toBe(true);
    expect(isCaseNumber(n)).toBe(true);
  });
  it.each(['ABCDE', 'ABCDEFG', 'ABCDEI', 'ABCDEL', 'ABCDEO', 'ABCDEU'])('refuses suffix %s', (s) => {
    expect(() => formatCaseNumber('2026-11-24', s)).toThrow(RangeError);
  });
  it.each(['RT20261124ABCDEI', 'RT2026112ABCDEF', 'rt20261124ABCDEF', 42])('isCaseNumber(%s) is false', (v) => {
    expect(isCaseNumber(v)).toBe(false);
  });
  it('crockford6 uses the top 30 bits', () => {
    expect(crockford6(new Uint8Array([0, 0, 0, 0]))).toBe('000000');
    expect(crockford6(new Uint8Array([255, 255, 255, 255]))).toBe('ZZZZZZ');
    // 0x00000004 >>> 2 = 1
    expect(crockford6(new Uint8Array([0, 0, 0, 4]))).toBe('000001');
  });
});

describe('masking', () => {
  it.each([
    [maskIdNumber, '441900196610120130', '441900********0130'],
    [maskIdNumber, '12345', '******************'],
    [maskName, '陈志明', '陈**'],
    [maskName, '李明', '李*'],
    [maskName, '欧阳娜娜', '欧***'],
    [maskName, '王', '*'],
    [maskPhone, '13810102947', '138****2947'],
    [maskPhone, '12', '***********'],
    [maskAccountNo, '6222190019661012', '****1012'],
    [maskAccountNo, 'GJJ6610120130', '****0130'],
    [maskCaseNumber, 'RT20261124AB12CZ', 'RT20261124****CZ'],
    [maskCaseNumber, 'nonsense', 'RT**************'],
    [maskNumbersInText, 'no person 441900196610120130 in case RT20261124AB12CZ', 'no person 441900********0130 in case RT20261124AB12CZ'],
    [maskNumbersInText, 'id 44190019760428044X, phone 13810102947', 'id 441900********044X, phone ***********'],
    [maskNumbersInText, 'timeout after 30000 ms', 'timeout after 30000 ms'],
    // The date and a suffix that starts with digits make 11 to 14 digits in a row; the case number stays.
    [maskNumbersInText, 'step done RT20261124123ABC', 'step done RT20261124123ABC'],
    [maskNumbersInText, 'RT20261124123456-02 sealed', 'RT20261124123456-02 sealed'],
    // Personal numbers written right after RT are no case number: still masked.
    [maskNumbersInText, 'RT441900196610120130', 'RT441900********0130'],
    [maskNumbersInText, 'RT13810102947', 'RT***********'],
    [maskNumbersInText, 'RT202611241234567', 'RT***************'],
  ] as const)('%o(%s) = %s', (fn, input, out) => {
    expect((fn as (s: string) => string)(input)).toBe(out);
  });
});

describe('case numbers in free text', () => {
  const crockford = fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ');
  const caseNumbers = fc
    .tuple(fc.date({ min: new Date('2024-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.array(crockford, { minLength: 6, maxLength: 6 }))
    .map(([day, suffix]) => formatCaseNumber(day.toISOString().slice(0, 10), suffix.join('')));

  it('every case number is kept, wherever it stands in a log line', () => {
    fc.assert(
      fc.property(caseNumbers, fc.constantFrom('', '案件 ', 'case='), fc.constantFrom('', ' 已办结', '-01', ': timeout'), (n, before, after) => {
        expect(maskNumbersInText(`${before}${n}${after}`)).toBe(`${before}${n}${after}`);
      }),
    );
  });
});
