/**
 * A rule value that changes on dates, in the spirit of OpenFisca's parameter files: a list of
 * `{ validFrom, value, source }`, oldest first; an entry holds from its `validFrom` (YYYY-MM-DD) until the day
 * before the next one. Which date picks the entry is the rule's own (the retirement month, the day of the
 * application): see `selectedBy` in schemas/policy-rules.ts.
 */

export type DatedValue<T> = {
  readonly validFrom: string;
  readonly value: T;
  /** The text the value was read from (document, article), or a `DEMO DEFAULT: …` note when none was found. */
  readonly source: string;
};
export type Dated<T> = readonly DatedValue<T>[];

/** Marks a value that no source was found for; the rules report flags every one. */
export const DEMO_DEFAULT = 'DEMO DEFAULT';

export function isDemoDefault(source: string): boolean {
  return source.trimStart().startsWith(DEMO_DEFAULT);
}

/** The entry in force on `date` (YYYY-MM-DD), or undefined before the first one. */
export function entryOn<T>(list: Dated<T>, date: string): DatedValue<T> | undefined {
  let found: DatedValue<T> | undefined;
  for (const e of list) {
    if (e.validFrom <= date) found = e;
    else break;
  }
  return found;
}

/**
 * One timeline from two: a city's entries join the default's; on the same `validFrom` the city's entry
 * replaces the default's. A later default entry still takes over from its own date (a national change
 * reaches every city).
 */
export function mergeDated<T>(base: Dated<T>, over: Dated<T>): Dated<T> {
  const byDate = new Map<string, DatedValue<T>>();
  for (const e of base) byDate.set(e.validFrom, e);
  for (const e of over) byDate.set(e.validFrom, e);
  return [...byDate.values()].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
}
