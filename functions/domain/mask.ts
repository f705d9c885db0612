/**
 * PII masking for logs and public views. 《个人信息保护法》 第五十一条 requires 去标识化 measures;
 * the ID-number pattern follows common practice (first 6 + last 4 visible).
 * Every function masks everything when the input does not look like what it expects.
 */
import { CASE_NUMBER_PATTERN } from './case-number.ts';

export function maskIdNumber(id: string): string {
  if (typeof id !== 'string' || id.length !== 18) return '*'.repeat(18);
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** 陈志明 → 陈**; keeps the surname character only. */
export function maskName(name: string): string {
  const chars = [...(typeof name === 'string' ? name.trim() : '')];
  if (chars.length === 0) return '*';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13810102947 → 138****2947. */
export function maskPhone(phone: string): string {
  if (typeof phone !== 'string' || !/^\d{11}$/.test(phone)) return '***********';
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/** Bank or fund account: last 4 only, behind a fixed-width mask so the length leaks nothing. */
export function maskAccountNo(accountNo: string): string {
  if (typeof accountNo !== 'string' || accountNo.length < 8) return '****';
  return `****${accountNo.slice(-4)}`;
}

/** RT20261124ABC123 → RT20261124****23. */
export function maskCaseNumber(caseNumber: string): string {
  if (typeof caseNumber !== 'string' || !/^RT\d{8}[0-9A-Z]{6}$/.test(caseNumber)) return 'RT**************';
  return `${caseNumber.slice(0, 10)}****${caseNumber.slice(14)}`;
}

/**
 * A whole case number, not a part of a longer word. It is matched first and kept: it names no person, staff find a
 * case's log lines by it, and its date and suffix can make a run of 11 to 14 digits (RT20261124 + 123ABC).
 */
const WHOLE_CASE_NUMBER = `(?<![0-9A-Za-z])${CASE_NUMBER_PATTERN}(?![0-9A-Za-z])`;
const PERSONAL_NUMBERS = new RegExp(`${WHOLE_CASE_NUMBER}|\\d{17}[\\dXx]|\\d{11,}`, 'g');

/**
 * Free text that may quote personal numbers (an error message): ID numbers keep first 6 + last 4, every
 * other run of 11 or more digits (phone, bank account) is hidden entirely. Case numbers stay as they are.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(PERSONAL_NUMBERS, (m) => (m.startsWith('RT') ? m : m.length === 18 ? maskIdNumber(m) : '*'.repeat(m.length)));
}

/**
 * A way to reach a person (办不成事 feedback): a mobile number as maskPhone, an email with the first
 * character of its local part and the domain (c***@example.com); anything else entirely.
 */
export function maskContact(contact: string): string {
  if (typeof contact !== 'string') return '***';
  if (/^\d{11}$/.test(contact)) return maskPhone(contact);
  const at = contact.lastIndexOf('@');
  if (at < 1 || at === contact.length - 1) return '***';
  return `${[...contact][0]}***${contact.slice(at)}`;
}
