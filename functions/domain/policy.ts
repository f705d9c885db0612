/**
 * The one place for policy numbers. Every number carries its legal source.
 * Other modules take a `Policy` parameter (defaulting to DEFAULT_POLICY) so a city can configure
 * the figures marked "configurable" without touching the rules.
 */
import type { OriginalRetirementAge } from '../../schemas/common.ts';

/** How one group's statutory age moves: +1 month for every `birthMonthsPerStep` birth months from `startBirthMonth`. */
export type RetirementSchedule = {
  readonly originalAgeYears: number;
  /** First birth month (YYYY-MM) that gets a later age; earlier births keep the original age. */
  readonly startBirthMonth: string;
  readonly birthMonthsPerStep: number;
  readonly maxDelayMonths: number;
};

export type Policy = {
  readonly retirementSchedules: Readonly<Record<OriginalRetirementAge, RetirementSchedule>>;
  readonly minimumContribution: {
    readonly baseYears: number;
    readonly firstIncreaseYear: number;
    readonly increasePerYear: number;
    readonly maxYears: number;
  };
  readonly flexibleEarlyMaxMonths: number;
  readonly flexibleLateMaxMonths: number;
  readonly specialJob: {
    readonly minAgeYears: { readonly male: number; readonly female: number };
    readonly minJobMonths: number;
  };
  readonly disability: { readonly minAgeYears: { readonly male: number; readonly female: number } };
  readonly medical: {
    readonly requiredMonths: { readonly male: number; readonly female: number };
    readonly localRequiredMonths: number;
    readonly topUpBaseFen: number;
    readonly topUpRate: number;
  };
  readonly pension: {
    /** The city's average monthly wage of the previous year (计发基数), fen. */
    readonly cityAverageMonthlyWageFen: number;
    /** 个人账户养老金计发月数 by age at retirement in whole years. */
    readonly personalAccountDivisors: Readonly<Record<number, number>>;
  };
  /** 卫健: whether the city's health commission takes part in 退休一件事 (the one-child parents' retirement reward). */
  readonly health: { readonly takesPart: boolean };
  readonly applicationMonthsAhead: number;
  readonly applicationDeadlineDays: number;
  readonly sla: {
    readonly promisedWorkingDays: Readonly<Record<SlaStage, number>>;
    /** A clock is DUE_SOON when this many working days or fewer are left (0 = due today). */
    readonly dueSoonWorkingDays: number;
    /** The working days a citizen is given to send a correction (补正) when staff name no date. */
    readonly supplementWorkingDays: number;
  };
};

/**
 * The clocks the service promises (承诺时限), each counted in working days of the official calendar:
 * `pre-review` — staff pre-review of a case flagged for a person; `manual` — manual review of the departments'
 * results; `case` — the whole case, from submission to completion.
 */
export const SLA_STAGES = ['pre-review', 'manual', 'case'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type PolicyOverrides = DeepPartial<Policy>;

export const DEFAULT_POLICY: Policy = deepFreeze({
  /*
   * 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13, effective 2025-01-01),
   * annex 《国务院关于渐进式延迟法定退休年龄的办法》 第一条 and its 对照表:
   *  - men 60 → 63: +1 month every 4 birth months from births in 1965-01 (cap reached by births 1976-09);
   *  - women originally 55 → 58: +1 month every 4 birth months from births in 1970-01 (cap 1981-09);
   *  - women originally 50 → 55: +1 month every 2 birth months from births in 1975-01 (cap 1984-11).
   */
  retirementSchedules: {
    60: { originalAgeYears: 60, startBirthMonth: '1965-01', birthMonthsPerStep: 4, maxDelayMonths: 36 },
    55: { originalAgeYears: 55, startBirthMonth: '1970-01', birthMonthsPerStep: 4, maxDelayMonths: 36 },
    50: { originalAgeYears: 50, startBirthMonth: '1975-01', birthMonthsPerStep: 2, maxDelayMonths: 60 },
  },
  /*
   * 同上办法 第二条: from 2030-01 the minimum contribution period for a monthly basic pension rises
   * from 15 years by 6 months a year until it reaches 20 years (2039).
   */
  minimumContribution: { baseYears: 15, firstIncreaseYear: 2030, increasePerYear: 0.5, maxYears: 20 },
  /*
   * 同上办法 第三条: flexible early retirement at most 3 years before the statutory age, never below the
   * original statutory age (men 60, women 50/55); flexible late retirement at most 3 years after it.
   */
  flexibleEarlyMaxMonths: 36,
  flexibleLateMaxMonths: 36,
  /*
   * 《国务院关于工人退休、退职的暂行办法》(国发〔1978〕104号) 第一条(二): 井下、高空、高温、特别繁重体力劳动
   * 或者其他有害身体健康的工作 — men 55, women 45, 10 years in such work; kept in force by
   * 劳社部发〔1999〕8号; the 2024 decision keeps early retirement for state-listed special jobs
   * (not delayed by the schedule above — 办法 第一条 "国家另有规定的，从其规定").
   */
  specialJob: { minAgeYears: { male: 55, female: 45 }, minJobMonths: 120 },
  /*
   * 国发〔1978〕104号 第一条(三) and 劳社部发〔1999〕8号: certified complete loss of working capacity
   * (劳动能力鉴定委员会确认完全丧失劳动能力) — men 50, women 45.
   */
  disability: { minAgeYears: { male: 50, female: 45 } },
  /*
   * 广东省医疗保障局 粤医保规〔2022〕6号 (职工基本医疗保险 退休人员享受待遇的缴费年限): men 30 years,
   * women 25 years in total, at least 10 years of it locally; the shortfall is paid in a lump sum.
   * topUpBaseFen / topUpRate are DEMO DEFAULTS (6500 yuan/month base, 8%): each city sets its own
   * (e.g. the prior-year average wage and the employer+employee rate) via policyFrom().
   */
  medical: {
    requiredMonths: { male: 360, female: 300 },
    localRequiredMonths: 120,
    topUpBaseFen: 650_000,
    topUpRate: 0.08,
  },
  /*
   * 《国务院关于完善企业职工基本养老保险制度的决定》(国发〔2005〕38号) 第六条: 基础养老金月标准以当地上年度在岗职工
   * 月平均工资和本人指数化月平均缴费工资的平均值为基数，缴费每满1年发给1%; 个人账户养老金月标准为个人账户储存额
   * 除以计发月数，计发月数根据职工退休时城镇人口平均预期寿命、本人退休年龄、利息等因素确定 — the months are the
   * decision's 附件 《个人账户养老金计发月数表》 (ages 40–70; e.g. 50 → 195, 55 → 170, 60 → 139).
   * cityAverageMonthlyWageFen is a DEMO DEFAULT (8,000 yuan): each province publishes its 计发基数 yearly and
   * sets it through policyFrom() / POLICY_OVERRIDES.
   */
  pension: {
    cityAverageMonthlyWageFen: 800_000,
    personalAccountDivisors: {
      40: 233,
      41: 230,
      42: 226,
      43: 223,
      44: 220,
      45: 216,
      46: 212,
      47: 207,
      48: 204,
      49: 199,
      50: 195,
      51: 190,
      52: 185,
      53: 180,
      54: 175,
      55: 170,
      56: 164,
      57: 158,
      58: 152,
      59: 145,
      60: 139,
      61: 132,
      62: 125,
      63: 117,
      64: 109,
      65: 101,
      66: 93,
      67: 84,
      68: 75,
      69: 65,
      70: 56,
    },
  },
  /*
   * Which departments a city's 退休一件事 brings together is the city's own service design (the seeds name 卫健 among
   * them); the demo city's health commission takes part. A city whose does not sets {"health":{"takesPart":false}}
   * and its cases carry no health answer. The reward itself is the province's rule: functions/domain/health-reward.ts.
   */
  health: { takesPart: true },
  /* Service rule of this project (configurable): a form may ask for a month up to 6 months ahead. */
  applicationMonthsAhead: 6,
  /* Service rule of this project (configurable): the form must arrive within 30 days of booking. */
  applicationDeadlineDays: 30,
  /*
   * Service rule of this project (configurable), DEMO DEFAULTS: 承诺时限 are set by each city's published service
   * guide (办事指南), and no published figure for a 退休"一件事" case could be read here. The defaults: a flagged
   * case is pre-reviewed within 1 working day, department results are reviewed by hand within 3, and the whole
   * case is completed within 5 working days of submission; a clock is DUE_SOON with 1 working day or less left.
   * A city sets its own through policyFrom() / POLICY_OVERRIDES, e.g. {"sla":{"promisedWorkingDays":{"case":10}}}.
   */
  sla: {
    promisedWorkingDays: { 'pre-review': 1, manual: 3, case: 5 },
    dueSoonWorkingDays: 1,
    // DEMO DEFAULT as well: a week of working days to correct a field, unless staff name another date.
    supplementWorkingDays: 5,
  },
});

/**
 * Longest promise allowed: about a year of working days. Beyond it a figure is a typo, and the calendar check at
 * start (working-days.ts checkCalendarCoverage) looks this far ahead.
 */
export const MAX_PROMISED_WORKING_DAYS = 250;

/** DEFAULT_POLICY with `overrides` merged in (deeply), validated. */
export function policyFrom(overrides: PolicyOverrides = {}, base: Policy = DEFAULT_POLICY): Policy {
  const merged = deepMerge(base, overrides) as Policy;
  const m = merged.medical;
  if (!Number.isInteger(m.topUpBaseFen) || m.topUpBaseFen < 0) throw new RangeError('medical.topUpBaseFen must be a non-negative integer (fen)');
  if (!(m.topUpRate >= 0 && m.topUpRate <= 1)) throw new RangeError('medical.topUpRate must be between 0 and 1');
  const p = merged.pension;
  if (!Number.isInteger(p.cityAverageMonthlyWageFen) || p.cityAverageMonthlyWageFen <= 0)
    throw new RangeError('pension.cityAverageMonthlyWageFen must be a positive integer (fen)');
  for (const [age, months] of Object.entries(p.personalAccountDivisors)) {
    if (!Number.isInteger(Number(age)) || !Number.isInteger(months) || months <= 0)
      throw new RangeError(`pension.personalAccountDivisors[${age}] must be a positive whole number of months`);
  }
  for (const [name, v] of [
    ['applicationMonthsAhead', merged.applicationMonthsAhead],
    ['applicationDeadlineDays', merged.applicationDeadlineDays],
    ['medical.localRequiredMonths', m.localRequiredMonths],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer`);
  }
  if (typeof merged.health.takesPart !== 'boolean') throw new RangeError('health.takesPart must be true or false');
  validateSla(merged.sla);
  return deepFreeze(merged);
}

function validateSla(sla: Policy['sla']): void {
  const promised = sla.promisedWorkingDays;
  for (const key of Object.keys(promised)) {
    if (!(SLA_STAGES as readonly string[]).includes(key))
      throw new RangeError(`sla.promisedWorkingDays.${key}: unknown stage (known: ${SLA_STAGES.join(', ')})`);
  }
  for (const stage of SLA_STAGES) {
    const v = promised[stage];
    if (!Number.isInteger(v) || v < 0 || v > MAX_PROMISED_WORKING_DAYS)
      throw new RangeError(`sla.promisedWorkingDays.${stage} must be a whole number of working days from 0 to ${MAX_PROMISED_WORKING_DAYS}`);
  }
  // A stage is part of the case: a stage promised longer than the whole case is a promise the case breaks.
  for (const stage of ['pre-review', 'manual'] as const) {
    if (promised[stage] > promised.case) throw new RangeError(`sla.promisedWorkingDays.${stage} exceeds sla.promisedWorkingDays.case`);
  }
  if (!Number.isInteger(sla.dueSoonWorkingDays) || sla.dueSoonWorkingDays < 0 || sla.dueSoonWorkingDays > MAX_PROMISED_WORKING_DAYS)
    throw new RangeError(`sla.dueSoonWorkingDays must be a whole number of working days from 0 to ${MAX_PROMISED_WORKING_DAYS}`);
  if (!Number.isInteger(sla.supplementWorkingDays) || sla.supplementWorkingDays < 1 || sla.supplementWorkingDays > 60)
    throw new RangeError('sla.supplementWorkingDays must be a whole number of working days from 1 to 60');
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepFreeze<T>(v: T): T {
  if (isPlainObject(v)) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}
