import { z } from 'zod';
import { parseIdNumber } from '../functions/domain/id-number.ts';
import { isRealDate } from '../functions/domain/months.ts';

/**
 * Controls (Cc: NUL, BEL, ESC, C1…) and invisible formatting (Cf: zero-width characters, BOM, bidi overrides and
 * isolates): in a name or an address they hide or reorder what a person reads on a sealed paper, so none is taken.
 */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/u;

/**
 * Every free-text field the API accepts: a lone surrogate is refused (it cannot be hashed, stored or printed),
 * the text is NFC-normalized (one spelling per name, so comparisons and hashes agree), refused when it carries
 * hidden characters anywhere, then trimmed and refused when blank.
 */
export function Text(opts: { max: number; blankMessage?: string }) {
  return (
    z
      .string()
      .refine((s) => s.isWellFormed(), { message: 'is not well-formed Unicode (it holds a lone surrogate)', abort: true })
      .normalize('NFC')
      // Before trimming, which would silently drop a BOM or a newline at either end rather than refuse it.
      .refine((s) => !HIDDEN_CHARACTERS.test(s), 'must not contain control or invisible formatting characters')
      .trim()
      .min(1, opts.blankMessage ?? 'must not be blank')
      .max(opts.max)
      // `pattern` (one non-space character) says in the document what the trim-then-min(1) above enforces:
      // minLength 1 alone would call "   " valid, which the server refuses as blank.
      .meta({ description: `Text, NFC, at most ${opts.max} characters; no control or invisible formatting characters.`, pattern: '\\S' })
  );
}

/** Calendar date `YYYY-MM-DD` that really exists (2023-02-30 is refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date')
  // `format: date` tells generated clients and validators it is a date, not only a string shaped like one.
  .meta({ description: 'Calendar date YYYY-MM-DD.', example: '2026-03-12', format: 'date' });

/** Calendar month `YYYY-MM`. */
export const IsoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .meta({ description: 'Calendar month YYYY-MM.', example: '2026-04' });

/** Instant, ISO 8601 with offset. */
export const Instant = z.iso.datetime({ offset: true }).meta({ description: 'Instant, ISO 8601 with offset.', example: '2026-03-12T09:30:00+08:00' });

export { Gender } from './gender.ts';

/** Original (pre-2025) statutory retirement age: men 60; women 50 (workers) or 55 (cadres). */
export const OriginalRetirementAge = z.union([z.literal(50), z.literal(55), z.literal(60)]).meta({ id: 'OriginalRetirementAge' });
export type OriginalRetirementAge = z.infer<typeof OriginalRetirementAge>;

/**
 * 18-character resident ID number shape; the check digit is verified by the domain rule. `whenMissing` is the
 * message for an absent one where a rule (not the field itself) makes it required, e.g. a citizen token.
 */
export const idNumberShape = (whenMissing?: string) =>
  z
    .string(whenMissing ? { error: (issue) => (issue.input === undefined ? whenMissing : undefined) } : undefined)
    .regex(/^\d{17}[\dX]$/, 'must be 18 characters: 17 digits and a check digit (0-9 or X)')
    .meta({ description: 'Resident ID number (GB 11643-1999), 18 characters.', example: '11010519650312003X' });
export const IdNumberShape = idNumberShape();

/** A resident ID number valid under GB 11643-1999: a real birth date and the MOD 11-2 check digit. */
export const IdNumber = IdNumberShape.superRefine((id, ctx) => {
  const parsed = parseIdNumber(id);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

export const CaseNumber = z
  .string()
  .regex(/^RT\d{8}[0-9A-HJKMNP-TV-Z]{6}$/, 'is not a case number')
  .meta({ description: 'The one number of the whole case: RT, the booking date, six Crockford base-32 characters.', example: 'RT20260312K7M2QD' });

export const Phone = z
  .string()
  .regex(/^1\d{10}$/, 'must be an 11-digit mobile number')
  .meta({ example: '13810102947' });

export const ReasonCode = z
  .enum([
    'RETIREMENT_AGE_NOT_REACHED',
    'FLEXIBLE_WINDOW_EXCEEDED',
    'CONTRIBUTION_YEARS_SHORT',
    'DUPLICATE_PENSION',
    'NO_INSURANCE_RECORD',
    'BIRTH_DATE_MISMATCH',
    'SPECIAL_JOB_YEARS_SHORT',
    'DISABILITY_NOT_CERTIFIED',
    'TAX_ARREARS',
    'MEDICAL_YEARS_SHORT',
    'MEDICAL_LOCAL_YEARS_SHORT',
    'HOUSING_FUND_LOAN_OUTSTANDING',
    'DEPARTMENT_UNAVAILABLE',
    // Pre-review codes (extensions allowed by the contract).
    'ID_NUMBER_INVALID',
    'BOOKING_MISMATCH',
    'REQUESTED_MONTH_OUT_OF_RANGE',
    'STAFF_DECISION',
    // Rules (api-v1.md Additions, Rules).
    'FLEXIBLE_LATE_AGREEMENT_MISSING',
    'MEDICAL_CITY_RULE_MISSING',
    // 卫健: a one-child parent retiring on a day no dated reward value covers (a person decides).
    'HEALTH_REWARD_RULE_MISSING',
  ])
  .meta({ id: 'ReasonCode' });
export type ReasonCode = z.infer<typeof ReasonCode>;

export const Reason = z.strictObject({ code: ReasonCode, message: z.string() }).meta({ id: 'Reason' });
export type Reason = z.infer<typeof Reason>;

/**
 * JSON Schema `if`/`then` for `.meta()`: states in the OpenAPI document a rule a refinement or a handler enforces,
 * which JSON Schema cannot see. `when` is the property values that switch the rule on (they must be present).
 * Generated client types ignore if/then: where one field decides the shape, a discriminated union says it to them too.
 */
export function ifThen(when: Record<string, unknown>, then: Record<string, unknown>) {
  const properties = Object.fromEntries(Object.entries(when).map(([k, v]) => [k, { const: v }]));
  return { if: { properties, required: Object.keys(when) }, then };
}
