/**
 * fast-check generators shared by the property tests. They build values from day and month counts,
 * not through the product's own parsers, so a bug there cannot shape the inputs that test it.
 */
import fc from 'fast-check';

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Math.round(new Date(`${iso}T00:00:00Z`).getTime() / DAY_MS);

/** The four-digit years the formats allow, and the first century, which Date.UTC misreads as 1900–1999. */
export const MIN_DAY = dayOf('0000-01-01');
export const END_OF_0099 = dayOf('0099-12-31');
export const MAX_DAY = dayOf('9999-12-31');
/** Month index = year × 12 + month − 1, as in months.ts; 9999-12 is the last four-digit month. */
export const MAX_MONTH_INDEX = 9999 * 12 + 11;

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const monthOfIndex = (i: number): string => `${pad(Math.floor(i / 12), 4)}-${pad((i % 12) + 1, 2)}`;

/** A real date in [minDay, maxDay] (days since 1970-01-01). */
export const dateBetween = (minDay: number, maxDay: number): fc.Arbitrary<string> => fc.integer({ min: minDay, max: maxDay }).map(dateOfDay);

/** Any real four-digit-year date; half of them in 0000–0099, where the year bug lived. */
export const realDate: fc.Arbitrary<string> = fc.oneof(dateBetween(MIN_DAY, END_OF_0099), dateBetween(MIN_DAY, MAX_DAY));

export const monthIndexArb = (min = 0, max = MAX_MONTH_INDEX): fc.Arbitrary<number> => fc.integer({ min, max });
