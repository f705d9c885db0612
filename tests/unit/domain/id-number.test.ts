import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter, idNumberMatches, parseIdNumber } from '../../../functions/domain/id-number.ts';

const citizens: Array<{ idNumber: string; gender: string; birthDate: string }> = JSON.parse(
  readFileSync(new URL('../../../fixtures/citizens.json', import.meta.url), 'utf8'),
).citizens;

describe('parseIdNumber (GB 11643-1999)', () => {
  it('has 16 fixture people', () => expect(citizens).toHaveLength(16));

  it.each(citizens.map((c) => [c.idNumber, c.gender, c.birthDate]))('fixture %s is valid', (id, gender, birthDate) => {
    expect(parseIdNumber(id, '2026-11-24')).toEqual({ ok: true, gender, birthDate, regionCode: '441900' });
  });

  // Check characters worked out by hand: Σ(digit × weight) mod 11 → "10X98765432".
  it.each([
    ['11010519491231002', 'X'], // Σ = 167, 167 mod 11 = 2 → X
    ['44052418800101001', '4'], // Σ = 195, 195 mod 11 = 8 → 4
  ])('check character of %s is %s', (body, check) => expect(idCheckCharacter(body)).toBe(check));

  it('reads gender from the 17th digit', () => {
    expect(parseIdNumber('11010519491231002X')).toMatchObject({ ok: true, gender: 'female', birthDate: '1949-12-31' });
    expect(parseIdNumber('440524188001010014')).toMatchObject({ ok: true, gender: 'male', birthDate: '1880-01-01' });
  });

  it.each([
    ['441900196610120131', '校验位'], // right check digit is 0
    ['44190019661012013', '18位'],
    ['4419001966101201300', '18位'],
    ['44190019661O120130', '数字'],
    ['441900196610120x30', '数字'],
    ['11010519491231002x', '数字'], // lower-case x is not the standard form
    ['441900196602300130', '出生日期'], // 1966-02-30
    ['441900196613010130', '出生日期'], // month 13
  ])('%s is refused (%s)', (id, fragment) => {
    const r = parseIdNumber(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });

  it('refuses a birth date after today when today is given', () => {
    const body = '44190020270101013';
    const id = body + idCheckCharacter(body);
    expect(parseIdNumber(id).ok).toBe(true);
    expect(parseIdNumber(id, '2026-11-24')).toEqual({ ok: false, message: '身份证号码中的出生日期晚于今天' });
  });

  it('idNumberMatches', () => {
    expect(idNumberMatches('441900196610120130', 'male', '1966-10-12')).toBe(true);
    expect(idNumberMatches('441900196610120130', 'female', '1966-10-12')).toBe(false);
    expect(idNumberMatches('441900196610120130', 'male', '1966-10-13')).toBe(false);
  });
});
