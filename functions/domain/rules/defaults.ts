/**
 * The default rules: national law, Guangdong's provincial rules and this product's service rules, each value a
 * dated list with the text it was read from. A value no source was found for says `DEMO DEFAULT: …`; a rule of
 * this product itself says `SERVICE RULE: …`. A city adds its own values in a file of the same shape
 * (cities/*.json, schemas/policy-rules.ts). `npm run rules` prints them all (docs/rules.md).
 */
import type { PolicyRules } from '../../../schemas/policy-rules.ts';

const REFORM = '2025-01-01';

/** 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13, in force 2025-01-01) and its annex. */
const DECISION_2024 =
  '全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024-09-13，2025-01-01 起施行），附件《国务院关于渐进式延迟法定退休年龄的办法》';

/** 粤医保规〔2022〕6号, read at hsa.gd.gov.cn/zwgk/zfxxgkml/bmwj/gfxwj/content/post_3953355.html (issued 2022-05-10). */
const GD_MEDICAL =
  '粤医保规〔2022〕6号《广东省基本医疗保险关系省内转移接续暂行办法》（2022-07-01 起实施，第十六条：有效期3年；no renewal or successor was read here）';

/**
 * 《广东省人口与计划生育条例》 as revised on 2021-12-01 (第九次修正), read in the LawRefBook/Laws collection
 * (DLC/广东地方法规/地方性法规/广东/广东省人口与计划生育条例(2021-12-01).md, commit c6a1a70).
 */
export const ONE_CHILD_REGULATION = '《广东省人口与计划生育条例》（2021年12月1日第九次修正）第三十六条第（一）项';

/** 人社部发〔2024〕94号, known here only from a news report of it; the official text was not read. */
const FLEXIBLE_MEASURES =
  '人社部 中央组织部 财政部《实施弹性退休制度暂行办法》（人社部发〔2024〕94号，2025-01-01 起施行），as reported by 央视总台 (记者 李欣 陈钰洁 闫素); the official text was not read here';

export const DEFAULT_RULES: PolicyRules = {
  retirementSchedules: [
    {
      validFrom: REFORM,
      value: {
        60: { originalAgeYears: 60, startBirthMonth: '1965-01', birthMonthsPerStep: 4, maxDelayMonths: 36 },
        55: { originalAgeYears: 55, startBirthMonth: '1970-01', birthMonthsPerStep: 4, maxDelayMonths: 36 },
        50: { originalAgeYears: 50, startBirthMonth: '1975-01', birthMonthsPerStep: 2, maxDelayMonths: 60 },
      },
      source: `${DECISION_2024} 第一条 and its 对照表: men 60 → 63, +1 month every 4 birth months from births in 1965-01 (cap by births 1976-09); women originally 55 → 58, likewise from 1970-01 (cap 1981-09); women originally 50 → 55, +1 month every 2 birth months from 1975-01 (cap 1984-11)`,
    },
  ],
  minimumContribution: [
    {
      validFrom: REFORM,
      value: { baseYears: 15, firstIncreaseYear: 2030, increasePerYear: 0.5, maxYears: 20 },
      source: `${DECISION_2024} 第二条: from 2030 the minimum contribution period for a monthly basic pension rises from 15 years by 6 months a year until it reaches 20 years`,
    },
  ],
  flexibleEarlyMaxMonths: [
    {
      validFrom: REFORM,
      value: 36,
      source: `${DECISION_2024} 第三条: 职工达到最低缴费年限，可以自愿选择弹性提前退休，提前时间最长不超过三年，且退休年龄不得低于…原法定退休年龄`,
    },
  ],
  flexibleLateMaxMonths: [
    {
      validFrom: REFORM,
      value: 36,
      source: `${DECISION_2024} 第三条: 职工达到法定退休年龄，所在单位与职工协商一致的，可以弹性延迟退休，延迟时间最长不超过三年`,
    },
  ],
  flexibleEarlyNoticeMonths: [
    {
      validFrom: REFORM,
      value: 3,
      source: `${FLEXIBLE_MEASURES}: 职工自愿选择弹性提前退休的，至少在本人选择的退休时间前3个月，以书面形式告知所在单位`,
    },
  ],
  flexibleLateNoticeMonths: [
    {
      validFrom: REFORM,
      value: 1,
      source: `${FLEXIBLE_MEASURES}: 所在单位与职工协商一致的，可以弹性延迟退休…所在单位与职工应提前1个月，以书面形式明确延迟退休时间等事项`,
    },
  ],
  specialJob: [
    {
      validFrom: REFORM,
      value: { minAgeYears: { male: 55, female: 45 }, minJobMonths: 120 },
      source:
        '《国务院关于工人退休、退职的暂行办法》(国发〔1978〕104号) 第一条(二): 井下、高空、高温、特别繁重体力劳动或者其他有害身体健康的工作 — men 55, women 45, 10 years in such work; kept in force by 劳社部发〔1999〕8号 and by the 2024 decision (办法 第一条 "国家另有规定的，从其规定"); dated here from the decision that keeps it',
    },
  ],
  disability: [
    {
      validFrom: REFORM,
      value: { minAgeYears: { male: 50, female: 45 } },
      source:
        '国发〔1978〕104号 第一条(三) and 劳社部发〔1999〕8号: certified complete loss of working capacity (劳动能力鉴定委员会确认完全丧失劳动能力) — men 50, women 45; dated here from the 2024 decision that keeps it',
    },
  ],
  medical: {
    // Before 2030 the province sets no figure: each city's own applies (a city file must give it).
    requiredMonths: [
      {
        validFrom: '2030-01-01',
        value: { male: 360, female: 300 },
        source: `${GD_MEDICAL} 第六条: 逐步统一全省职工医保缴费年限政策。累计缴费年限到2030年1月1日统一为男职工30年，女职工25年。未达前款规定的市，从2022年开始，在本市2021年缴费年限政策的基础上，逐年调整本市职工医保累计缴费年限`,
      },
    ],
    localRequiredMonths: [
      {
        validFrom: '2022-07-01',
        value: 120,
        source: `${GD_MEDICAL} 第八条(二): 在退休后待遇享受地参加职工医保实际缴费年限累计满10年`,
      },
    ],
    topUpBaseFen: [
      {
        validFrom: '2022-07-01',
        value: 650_000,
        source:
          'DEMO DEFAULT: 6500 yuan a month. The base is set by 粤医保规〔2022〕6号 第十条 (退休后待遇享受地上上年度全口径城镇单位就业人员月平均工资, at the time of the lump-sum payment); the city figure was not read',
      },
    ],
    topUpRate: [
      {
        validFrom: '2022-07-01',
        value: 0.08,
        source: 'DEMO DEFAULT: 8%. The rate is set by 粤医保规〔2022〕6号 第十条 (退休后待遇享受地职工医保用人单位费率); the city rate was not read',
      },
    ],
  },
  pension: {
    cityAverageMonthlyWageFen: [
      {
        validFrom: REFORM,
        value: 800_000,
        source: 'DEMO DEFAULT: 8000 yuan. Each province publishes its 计发基数 yearly (国发〔2005〕38号 第六条: 当地上年度在岗职工月平均工资)',
      },
    ],
    personalAccountDivisors: [
      {
        validFrom: REFORM,
        value: {
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
        source:
          '《国务院关于完善企业职工基本养老保险制度的决定》(国发〔2005〕38号) 第六条 and its 附件《个人账户养老金计发月数表》 (ages 40–70); dated here from the 2024 reform the product starts with',
      },
    ],
  },
  applicationMonthsAhead: [{ validFrom: REFORM, value: 6, source: 'SERVICE RULE: a form may ask for a month up to 6 months ahead' }],
  applicationDeadlineDays: [{ validFrom: REFORM, value: 30, source: 'SERVICE RULE: the form must arrive within 30 days of booking' }],
  health: {
    takesPart: [
      {
        validFrom: REFORM,
        value: true,
        source:
          "SERVICE RULE: which departments a city's 退休一件事 brings together is the city's own service design (the seeds name 卫健 among them); a city whose health commission does not take part sets false",
      },
    ],
    // No default entry: the province's regulation sets no amount (ONE_CHILD_REGULATION); each city enters its own.
    retirementRewardFen: [],
  },
  textMessages: {
    invitationMonthsAhead: [
      { validFrom: REFORM, value: 3, source: 'DEMO DEFAULT: no published figure read; people whose statutory month is up to 3 months ahead are invited' },
    ],
    deadlineReminderDays: [{ validFrom: REFORM, value: 3, source: "DEMO DEFAULT: no published figure read; a reminder 3 days before the form's deadline" }],
  },
  sla: {
    promisedWorkingDays: [
      {
        validFrom: REFORM,
        value: { 'pre-review': 1, manual: 3, case: 5 },
        source:
          'DEMO DEFAULT: 承诺时限 are set by each city\'s published service guide (办事指南); no published figure for a 退休"一件事" case could be read. A flagged case is pre-reviewed within 1 working day, results are reviewed by hand within 3, the whole case completes within 5',
      },
    ],
    dueSoonWorkingDays: [{ validFrom: REFORM, value: 1, source: 'DEMO DEFAULT: a clock is DUE_SOON with 1 working day or less left' }],
    supplementWorkingDays: [{ validFrom: REFORM, value: 5, source: 'DEMO DEFAULT: a week of working days to correct a field, unless staff name another date' }],
  },
};
