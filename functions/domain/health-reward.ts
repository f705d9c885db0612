/**
 * 卫健: the one-time reward a one-child parent (独生子女父母) receives on retiring, as the province's regulation
 * sets it — for the demo city (东莞, 广东省) 《广东省人口与计划生育条例》. Each value is dated: the value in force on
 * the first day of the retirement month is the one paid, so a change of the rule never reaches back to people who
 * retired before it.
 *
 * DEMO DEFAULT: the regulation's text could not be read here (searched 2026-12-04: the stored pages and code hold
 * its title, never the article on the retirement reward), so neither the amount nor its date is transcribed from it.
 * The one value below is a placeholder, flagged `demoDefault`, printed as such on the paper; the date it starts is
 * the day the gradual retirement-age reform took effect (2025-01-01, functions/domain/policy.ts), where every rule
 * of this product begins. Whoever reads the article enters its amount (or its rule) and its effective date as a
 * new dated value with the article's number in `source`, and `demoDefault: false`.
 */

/** One dated value of the reward. */
export type HealthRewardValue = {
  /** First retirement day (YYYY-MM-DD) this value applies to; it holds until the next value's date. */
  readonly effectiveFrom: string;
  /** The one-time reward, fen. */
  readonly amountFen: number;
  /** The regulation (and article) the value is taken from. */
  readonly source: string;
  /** True while the figure is a placeholder, not read from the regulation's text. */
  readonly demoDefault: boolean;
};

export const GUANGDONG_ONE_CHILD_PARENT_RETIREMENT_REWARD: readonly HealthRewardValue[] = checkedSchedule([
  {
    effectiveFrom: '2025-01-01',
    // DEMO DEFAULT (¥3,000): not read from the regulation; see the note above.
    amountFen: 300_000,
    source: '《广东省人口与计划生育条例》独生子女父母退休奖励的规定',
    demoDefault: true,
  },
]);

/** The value in force on `day` (YYYY-MM-DD): the latest one whose date is not after it; none before the first. */
export function rewardInForce(day: string, schedule: readonly HealthRewardValue[] = GUANGDONG_ONE_CHILD_PARENT_RETIREMENT_REWARD) {
  let found: HealthRewardValue | undefined;
  for (const v of schedule) if (v.effectiveFrom <= day) found = v;
  return found;
}

/** A schedule is in date order, one value a date, each a whole positive number of fen: anything else is a typo. */
export function checkedSchedule(values: readonly HealthRewardValue[]): readonly HealthRewardValue[] {
  values.forEach((v, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.effectiveFrom)) throw new RangeError(`reward value ${i}: effectiveFrom must be YYYY-MM-DD`);
    if (!Number.isInteger(v.amountFen) || v.amountFen <= 0) throw new RangeError(`reward value ${i}: amountFen must be a positive whole number of fen`);
    if (!v.source.trim()) throw new RangeError(`reward value ${i}: a value needs its source`);
    const before = values[i - 1];
    if (before && before.effectiveFrom >= v.effectiveFrom) throw new RangeError(`reward value ${i}: dates must increase`);
  });
  return Object.freeze(values.map((v) => Object.freeze({ ...v })));
}
