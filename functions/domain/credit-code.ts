/**
 * The unified social credit code (统一社会信用代码) of a legal person or other organisation, per
 * GB 32100-2015《法人和其他组织统一社会信用代码编码规则》 as its worked example reads (read at
 * https://www.yc00.com/web/1713075042a2177900.html and https://wddqw.com/doc/53f79e6a996648d7c1c708a1284ac850ad020467.html,
 * both quoting the standard's 第18位校验算法 and its tables 1 and 2):
 *  - 18 characters from the code set 0-9 and the capitals without I, O, S, V, Z (表1: values 0 to 30);
 *  - positions 3 to 8 are the registering authority's administrative division code (six digits);
 *  - the 18th is the check character: C18 = 31 − MOD(Σ Ci·Wi, 31) over i = 1..17, with Wi = MOD(3^(i−1), 31)
 *    (表2: 1, 3, 9, 27, 19, 26, …) and MOD(31, 31) = 0, i.e. a result of 31 is the character 0.
 * Hand-written: it is a dozen lines of a national standard and no maintained npm package carries it. Because 31
 * is prime and no weight is 0 mod 31, changing any one character always changes the check (the property test).
 */
const CODE_SET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
const SHAPE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/** The check character for the first 17 characters (which must be from the code set). */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error('17 characters expected');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CODE_SET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`not a code character: ${first17[i]}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CODE_SET[(31 - (sum % 31)) % 31] ?? '0';
}

/** Why a code is not a valid unified social credit code, in the words the answer shows; undefined when it is. */
export function creditCodeProblem(code: string): string | undefined {
  if (!SHAPE.test(code)) {
    return 'must be 18 characters of 0-9 and capitals without I, O, S, V, Z, with six digits (the division code) at positions 3 to 8';
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'the check character (the 18th) does not match (GB 32100-2015)';
  return undefined;
}

export const CREDIT_CODE_CHARACTERS = CODE_SET;
