/**
 * Resident identity number rules — GB 11643-1999 《公民身份号码》:
 * 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit sequence code (odd = male, even = female),
 * 1 check character computed by ISO 7064 MOD 11-2 (value 10 is written `X`).
 */
import type { Gender } from '../../schemas/gender.ts';
import { isRealDate } from './months.ts';

export type ParsedIdNumber = { ok: true; birthDate: string; gender: Gender; regionCode: string } | { ok: false; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The MOD 11-2 check character for the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** `today` (YYYY-MM-DD), when given, refuses birth dates after it. */
export function parseIdNumber(id: string, today?: string): ParsedIdNumber {
  if (typeof id !== 'string' || id.length !== 18) return { ok: false, message: '身份证号码应为18位' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号码前17位应为数字，最后一位为数字或X' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate)) return { ok: false, message: '身份证号码中的出生日期不存在' };
  if (today !== undefined && birthDate > today) return { ok: false, message: '身份证号码中的出生日期晚于今天' };
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, message: '身份证号码校验位不正确' };
  const gender: Gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, birthDate, gender, regionCode: id.slice(0, 6) };
}

export function idNumberMatches(id: string, gender: Gender, birthDate: string): boolean {
  const parsed = parseIdNumber(id);
  return parsed.ok && parsed.gender === gender && parsed.birthDate === birthDate;
}
