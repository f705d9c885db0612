/**
 * The shape of the policy rules: every value the rules use, what it may hold, and which date picks its entry.
 * Each value is a dated list `[{ validFrom, value, source }]` (functions/domain/rules/dated.ts). The defaults
 * (functions/domain/rules/defaults.ts) and a city's override file (functions/domain/rules/cities/*.json, or the
 * file named by POLICY_CITY_FILE) are both parsed with the schemas below, so a city file that does not fit is
 * refused when the product starts.
 *
 * A new value is one `leaf(...)` here plus its dated list in defaults.ts: the Policy type, the file schemas,
 * the date resolution and the rules report (npm run rules, docs/rules.md) all follow from this tree.
 */
import { z } from 'zod';
import type { Dated } from '../functions/domain/rules/dated.ts';
import { IsoDate } from './common.ts';

/**
 * Which date picks a value's entry: `retirement-month` — the first day of the month the pension would start
 * (the form's requestedMonth); `application-date` — the day the product acts (booking, form, check, clock).
 */
export type SelectedBy = 'retirement-month' | 'application-date';

export interface Leaf<S extends z.ZodType = z.ZodType, O extends boolean = boolean> {
  readonly kind: 'leaf';
  readonly schema: S;
  readonly selectedBy: SelectedBy;
  /** An optional value may have no entry in force (e.g. the province leaves it to each city until a date). */
  readonly optional: O;
  /** What the value means, for the rules report. */
  readonly about: string;
}
type Node = { readonly [key: string]: Leaf | Node };

const leaf = <S extends z.ZodType>(schema: S, selectedBy: SelectedBy, about: string): Leaf<S, false> => ({
  kind: 'leaf',
  schema,
  selectedBy,
  optional: false,
  about,
});
const optionalLeaf = <S extends z.ZodType>(schema: S, selectedBy: SelectedBy, about: string): Leaf<S, true> => ({
  kind: 'leaf',
  schema,
  selectedBy,
  optional: true,
  about,
});

export function isLeaf(v: Leaf | Node): v is Leaf {
  return (v as Leaf).kind === 'leaf' && 'schema' in v;
}

/** Before this day no rule set is complete: the 2024 retirement-age reform, which most values belong to, starts. */
export const RULES_EPOCH = '2025-01-01';

/**
 * The clocks the service promises (承诺时限), each counted in working days of the official calendar:
 * `pre-review` — staff pre-review of a case flagged for a person; `manual` — manual review of the departments'
 * results; `case` — the whole case, from submission to completion.
 */
export const SLA_STAGES = ['pre-review', 'manual', 'case'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

/**
 * Longest promise allowed: about a year of working days. Beyond it a figure is a typo, and the calendar check at
 * start (working-days.ts checkCalendarCoverage) looks this far ahead.
 */
export const MAX_PROMISED_WORKING_DAYS = 250;

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
const byGender = (n: z.ZodNumber) => z.strictObject({ male: n, female: n });
const BirthMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

const RetirementSchedule = z.strictObject({
  originalAgeYears: wholeNumber(1, 100),
  /** First birth month (YYYY-MM) that gets a later age; earlier births keep the original age. */
  startBirthMonth: BirthMonth,
  birthMonthsPerStep: wholeNumber(1, 120),
  maxDelayMonths: wholeNumber(0, 240),
});
export type RetirementSchedule = z.infer<typeof RetirementSchedule>;

const PromisedWorkingDays = z
  .strictObject({
    'pre-review': wholeNumber(0, MAX_PROMISED_WORKING_DAYS),
    manual: wholeNumber(0, MAX_PROMISED_WORKING_DAYS),
    case: wholeNumber(0, MAX_PROMISED_WORKING_DAYS),
  })
  // A stage is part of the case: a stage promised longer than the whole case is a promise the case breaks.
  .refine((p) => p['pre-review'] <= p.case && p.manual <= p.case, 'a stage may not be promised longer than the whole case');

export const POLICY_TREE = {
  retirementSchedules: leaf(
    z.strictObject({ 50: RetirementSchedule, 55: RetirementSchedule, 60: RetirementSchedule }),
    'retirement-month',
    'How each original statutory age (60 men, 55 and 50 women) moves: +1 month per birthMonthsPerStep birth months from startBirthMonth, at most maxDelayMonths.',
  ),
  minimumContribution: leaf(
    z.strictObject({
      baseYears: z.number().positive(),
      firstIncreaseYear: wholeNumber(2000, 2100),
      increasePerYear: z.number().min(0),
      maxYears: z.number().positive(),
    }),
    'retirement-month',
    'Minimum contribution years for a monthly basic pension, by the year of retirement.',
  ),
  flexibleEarlyMaxMonths: leaf(wholeNumber(0, 120), 'retirement-month', 'Flexible early retirement: at most this many months before the statutory month.'),
  flexibleLateMaxMonths: leaf(wholeNumber(0, 120), 'retirement-month', 'Flexible late retirement: at most this many months after the statutory month.'),
  flexibleEarlyNoticeMonths: leaf(
    wholeNumber(0, 24),
    'retirement-month',
    'Flexible early retirement: the employee tells the employer in writing at least this many months before the chosen month.',
  ),
  flexibleLateNoticeMonths: leaf(
    wholeNumber(0, 24),
    'retirement-month',
    'Flexible late retirement: employer and employee agree in writing at least this many months ahead.',
  ),
  specialJob: leaf(
    z.strictObject({ minAgeYears: byGender(wholeNumber(0, 100)), minJobMonths: wholeNumber(0, 600) }),
    'retirement-month',
    'Early retirement from special (hazardous) jobs: minimum age and months in such work.',
  ),
  disability: leaf(
    z.strictObject({ minAgeYears: byGender(wholeNumber(0, 100)) }),
    'retirement-month',
    'Retirement on certified complete loss of working capacity: minimum age.',
  ),
  medical: {
    requiredMonths: optionalLeaf(
      byGender(wholeNumber(0, 600)),
      'retirement-month',
      'Total medical-insurance contribution months for retiree cover without further payment.',
    ),
    localRequiredMonths: leaf(wholeNumber(0, 600), 'retirement-month', 'Of which actually paid in the city where retiree cover is taken.'),
    topUpBaseFen: leaf(wholeNumber(0), 'application-date', 'Monthly base of the lump-sum top-up, fen.'),
    topUpRate: leaf(z.number().min(0).max(1), 'application-date', 'Rate of the lump-sum top-up on its base.'),
  },
  pension: {
    cityAverageMonthlyWageFen: leaf(wholeNumber(1), 'retirement-month', 'The city average monthly wage used as the pension base (计发基数), fen.'),
    personalAccountDivisors: leaf(
      z.record(z.string().regex(/^\d+$/, 'must be an age in whole years'), wholeNumber(1, 1000)),
      'retirement-month',
      '个人账户养老金计发月数 by age at retirement in whole years.',
    ),
  },
  applicationMonthsAhead: leaf(wholeNumber(0, 60), 'application-date', 'A form may ask for a retirement month at most this many months ahead.'),
  applicationDeadlineDays: leaf(wholeNumber(0, 365), 'application-date', 'The form must arrive within this many days of booking.'),
  health: {
    takesPart: leaf(
      z.boolean(),
      'application-date',
      "Whether the city's health commission (卫健) takes part: the one-child parents' retirement reward (functions/domain/health-check.ts).",
    ),
    retirementRewardFen: optionalLeaf(
      wholeNumber(1),
      'retirement-month',
      "The one-time reward a one-child parent (独生子女父母) receives on retiring, fen: the city's own standard. With none in force, the health commission's answer is MANUAL and staff set the amount.",
    ),
  },
  textMessages: {
    invitationMonthsAhead: leaf(
      wholeNumber(0, 24),
      'application-date',
      'People whose statutory retirement month falls this many months ahead or fewer are invited (服务找人).',
    ),
    deadlineReminderDays: leaf(wholeNumber(0, 60), 'application-date', 'A booked case is reminded this many days before its form deadline.'),
  },
  sla: {
    promisedWorkingDays: leaf(PromisedWorkingDays, 'application-date', 'Promised working days (承诺时限) per stage and for the whole case.'),
    dueSoonWorkingDays: leaf(wholeNumber(0, MAX_PROMISED_WORKING_DAYS), 'application-date', 'A clock is DUE_SOON with this many working days or fewer left.'),
    supplementWorkingDays: leaf(wholeNumber(1, 60), 'application-date', 'Working days a citizen is given to send a correction (补正) when staff name no date.'),
  },
} as const satisfies Node;

type ValuesOf<T> = {
  readonly [K in keyof T]: T[K] extends Leaf<infer S, infer O> ? (O extends true ? z.output<S> | undefined : z.output<S>) : ValuesOf<T[K]>;
};
type RulesOf<T> = { readonly [K in keyof T]: T[K] extends Leaf<infer S, boolean> ? Dated<z.output<S>> : RulesOf<T[K]> };
type OverridesOf<T> = { readonly [K in keyof T]?: T[K] extends Leaf<infer S, boolean> ? Dated<z.output<S>> : OverridesOf<T[K]> };

/** The values in force on one day. */
export type Policy = ValuesOf<typeof POLICY_TREE>;
/** Every value with its dates and sources. */
export type PolicyRules = RulesOf<typeof POLICY_TREE>;
/** A city's file: any part of the rules, each value a dated list of its own. */
export type PolicyOverrides = OverridesOf<typeof POLICY_TREE>;

/**
 * An optional value may be an empty list in the complete rules: a value the province leaves to each city has no
 * default entry at all. In a city's file, a list names at least one entry.
 */
function datedList(l: Leaf, partial: boolean) {
  return z
    .array(z.strictObject({ validFrom: IsoDate, value: l.schema, source: z.string().trim().min(1, 'must name where the value was read, or say DEMO DEFAULT') }))
    .min(l.optional && !partial ? 0 : 1)
    .superRefine((list, ctx) => {
      for (let i = 1; i < list.length; i++) {
        if (list[i]!.validFrom <= list[i - 1]!.validFrom)
          ctx.addIssue({ code: 'custom', message: 'validFrom must be later than the entry before it', path: [i, 'validFrom'] });
      }
    });
}

function build(node: Node, partial: boolean): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of Object.entries(node)) {
    const s = isLeaf(child) ? datedList(child, partial) : build(child, partial);
    shape[key] = partial ? s.optional() : s;
  }
  return z.strictObject(shape);
}

/** A complete rule set (the defaults). */
export const PolicyRulesFile = build(POLICY_TREE, false) as unknown as z.ZodType<PolicyRules>;
/** A city's override file: the same shape, every part optional. */
export const PolicyOverridesFile = build(POLICY_TREE, true) as unknown as z.ZodType<PolicyOverrides>;

/** Every value of the tree with its path (`medical.requiredMonths`), in the tree's order. */
export function policyLeaves(node: Node = POLICY_TREE, prefix: readonly string[] = []): { path: readonly string[]; leaf: Leaf }[] {
  return Object.entries(node).flatMap(([key, child]) => (isLeaf(child) ? [{ path: [...prefix, key], leaf: child }] : policyLeaves(child, [...prefix, key])));
}
