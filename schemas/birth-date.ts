import type { z } from 'zod';
import { IsoDate } from './common.ts';

/** Nobody applying was born before 1900; the retirement-age arithmetic is only meaningful from then on. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Adds an issue at `path` when a well-formed birth date is implausible as of `today`: before 1900, or after today
 * (a date like 9999-12-31 would also overflow the month arithmetic). A malformed date has its own issue already.
 */
export function checkBirthDate(value: unknown, today: string, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  const date = IsoDate.safeParse(value);
  if (!date.success) return;
  if (date.data < EARLIEST_BIRTH_DATE) ctx.addIssue({ code: 'custom', path, message: `must not be before ${EARLIEST_BIRTH_DATE}` });
  else if (date.data > today) ctx.addIssue({ code: 'custom', path, message: `must not be after today (${today})` });
}
