/** The papers of each issuing body, and the rejection, as document blocks from the case record. */
import type { DepartmentResult, Reason } from '../../schemas/index.ts';
import { departmentsOf } from '../../schemas/department-result.ts';
import type { DocumentBlock, DocumentField } from '../../schemas/notice.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { formatMonthZh, formatYearsMonthsZh } from '../domain/format.ts';
import { REWARD_LEGAL_BASIS } from '../domain/health-check.ts';
import { maskAccountNo } from '../domain/mask.ts';
import { monthOf } from '../domain/months.ts';
import { estimatePension } from '../domain/pension-estimate.ts';
import type { Policy } from '../domain/policy.ts';
import { chineseDate, chineseMonth } from './notice-document.ts';
import { DEPARTMENT_TITLES, num, remedyFor, yuan } from './wording.ts';

export function rejectionBlocks(record: CaseRecord): DocumentBlock[] {
  const rows: { department: string; reason: Reason }[] = [];
  const preReviewFailed = record.preReview?.outcome === 'FAIL' || record.reviews?.['pre-review']?.outcome === 'FAIL';
  if (preReviewFailed) {
    for (const reason of record.preReview?.reasons ?? []) rows.push({ department: '一站式服务预审', reason });
    const staff = record.reviews?.['pre-review'];
    if (staff?.outcome === 'FAIL')
      rows.push({ department: '一站式服务预审', reason: { code: 'STAFF_DECISION', message: `工作人员预审不通过：${staff.note}` } });
  }
  for (const key of departmentsOf(record.departments)) {
    const d = record.departments[key]!;
    if (d.outcome !== 'FAIL') continue;
    for (const reason of d.reasons) rows.push({ department: DEPARTMENT_TITLES[key], reason });
  }
  if (rows.length === 0) rows.push({ department: '一站式服务', reason: { code: 'STAFF_DECISION', message: '经审核不符合退休条件。' } });
  const others = departmentsOf(record.departments).filter((k) => !['FAIL', 'NOT_APPLICABLE'].includes(record.departments[k]!.outcome));
  return [
    { kind: 'decision', text: '审批结论：不予批准', tone: 'negative' },
    { kind: 'paragraph', text: `您于 ${formatMonthZh(record.application!.retirement.requestedMonth)} 退休的申请，经相关部门联合审核，因以下原因不予批准：` },
    {
      kind: 'table',
      columns: [
        { title: '审核部门', width: 0.24 },
        { title: '不予批准的原因', width: 0.4 },
        { title: '您可以这样办', width: 0.36 },
      ],
      rows: rows.map(({ department, reason }) => [{ lines: [department] }, { lines: [reason.message], tone: 'negative' }, { lines: [remedyFor(reason.code)] }]),
    },
    ...(others.length
      ? [
          {
            kind: 'paragraph' as const,
            text: `其他部门的审核结果：${others.map((k) => `${DEPARTMENT_TITLES[k]}${OUTCOME_ZH[record.departments[k]!.outcome]}`).join('；')}。问题解决后可重新预约申请，已通过的部门信息无需重复提交。`,
          },
        ]
      : []),
    {
      kind: 'paragraph',
      text: '如对本决定不服，可以自收到本通知之日起六十日内依法申请行政复议，或者自收到本通知之日起六个月内依法向人民法院提起行政诉讼。',
      tone: 'muted',
    },
  ];
}
const OUTCOME_ZH: Record<string, string> = { PASS: '通过', CONDITIONAL: '附条件通过', MANUAL: '待人工审核', PENDING: '未审核' };

/** HR's determination: only when its check passed with the figures the estimate needs. */
export function pensionBlocks(record: CaseRecord, policy: Policy): DocumentBlock[] | undefined {
  const hr = record.departments.hr;
  const x = hr.details ?? {};
  const months = num(x.contributionMonths);
  const ratio = num(x.averageIndexedWageRatio);
  const account = num(x.personalAccountFen);
  const birth = typeof x.birthDateUsed === 'string' ? x.birthDateUsed : undefined;
  const retirementMonth = typeof x.retirementMonth === 'string' ? x.retirementMonth : undefined;
  if (hr.outcome !== 'PASS' || months === undefined || ratio === undefined || account === undefined || !birth || !retirementMonth) return undefined;
  const e = estimatePension(
    { contributionMonths: months, averageIndexedWageRatio: ratio, personalAccountFen: account, birthMonth: monthOf(birth), retirementMonth },
    policy,
  );
  return [
    { kind: 'decision', text: `每月基本养老金：${yuan(e.totalMonthlyFen)}`, tone: 'positive' },
    {
      kind: 'fields',
      heading: '核定依据',
      fields: [
        { label: '待遇起始月份', value: formatMonthZh(retirementMonth) },
        { label: '累计缴费年限', value: formatYearsMonthsZh(months) },
        { label: '退休时年龄', value: `${Math.floor(e.retirementAgeMonths / 12)}岁${e.retirementAgeMonths % 12 ? `${e.retirementAgeMonths % 12}个月` : ''}` },
        { label: '上年度在岗职工月平均工资', value: yuan(e.cityAverageMonthlyWageFen) },
        { label: '本人平均缴费工资指数', value: ratio.toFixed(2) },
        { label: '本人指数化月平均缴费工资', value: yuan(e.indexedMonthlyWageFen) },
        { label: '个人账户储存额', value: yuan(account) },
        { label: '个人账户养老金计发月数', value: `${e.personalAccountDivisorMonths} 个月（${e.divisorAgeYears}岁）` },
      ],
    },
    {
      kind: 'fields',
      heading: '核定结果（每月）',
      fields: [
        { label: '基础养老金', value: yuan(e.basicPensionFen) },
        { label: '个人账户养老金', value: yuan(e.personalAccountPensionFen) },
        { label: '基本养老金合计', value: yuan(e.totalMonthlyFen) },
      ],
    },
    {
      kind: 'list',
      heading: '计算方法',
      items: [
        '基础养老金 = 上年度在岗职工月平均工资 ×（1 + 本人平均缴费工资指数）÷ 2 × 缴费年限 × 1%。',
        '个人账户养老金 = 个人账户储存额 ÷ 计发月数，计发月数按退休时年龄（周岁）确定。',
        '依据：《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）第六条及附件《个人账户养老金计发月数表》。',
      ],
    },
    { kind: 'paragraph', text: '养老金按月发放至您申请表中登记的银行账户；今后按国家规定的调整办法调整。', tone: 'muted' },
  ];
}

export function medicalTopUpBlocks(d: DepartmentResult): DocumentBlock[] {
  const x = d.details;
  const months = num(x.topUpMonths) ?? 0;
  const amount = num(x.topUpAmountFen) ?? 0;
  const base = num(x.topUpBaseFen);
  const rate = num(x.topUpRate);
  const fields: DocumentField[] = [
    { label: '医保累计缴费', value: formatYearsMonthsZh(num(x.contributionMonths) ?? 0) },
    { label: '其中本地缴费', value: formatYearsMonthsZh(num(x.localContributionMonths) ?? 0) },
    {
      label: '退休享受待遇所需年限',
      value: `${formatYearsMonthsZh(num(x.requiredMonths) ?? 0)}（本地不少于${formatYearsMonthsZh(num(x.localRequiredMonths) ?? 0)}）`,
    },
    { label: '需补缴月数', value: `${months} 个月` },
  ];
  if (base !== undefined && rate !== undefined) {
    fields.push({ label: '补缴基数（每月）', value: yuan(base) });
    fields.push({ label: '补缴费率', value: `${Math.round(rate * 10000) / 100}%` });
  }
  fields.push({ label: '补缴金额', value: yuan(amount) });
  return [
    { kind: 'decision', text: '一次性补缴后享受退休人员医保待遇', tone: 'warning' },
    { kind: 'list', heading: '补缴原因', items: d.reasons.map((r) => r.message) },
    { kind: 'fields', heading: '补缴明细', fields },
    {
      kind: 'list',
      heading: '您需要办理',
      items: [
        `一次性补缴职工医疗保险 ${months} 个月，金额 ${yuan(amount)}。`,
        '可到医保经办窗口或通过线上缴费渠道缴纳；缴清后自次月起享受退休人员医保待遇，无需再次申请。',
      ],
    },
    { kind: 'paragraph', text: '依据：广东省医疗保障局《关于职工基本医疗保险退休人员享受待遇缴费年限的规定》（粤医保规〔2022〕6号）。', tone: 'muted' },
  ];
}

export function medicalConfirmedBlocks(record: CaseRecord, d: DepartmentResult): DocumentBlock[] {
  const x = d.details;
  return [
    { kind: 'decision', text: '符合退休人员医保待遇条件', tone: 'positive' },
    {
      kind: 'fields',
      fields: [
        { label: '医保累计缴费', value: formatYearsMonthsZh(num(x.contributionMonths) ?? 0) },
        { label: '其中本地缴费', value: formatYearsMonthsZh(num(x.localContributionMonths) ?? 0) },
        { label: '享受待遇起始月份', value: formatMonthZh(record.application!.retirement.requestedMonth) },
        { label: '个人缴费', value: '退休后不再缴纳' },
      ],
    },
    { kind: 'paragraph', text: '依据：广东省医疗保障局《关于职工基本医疗保险退休人员享受待遇缴费年限的规定》（粤医保规〔2022〕6号）。', tone: 'muted' },
  ];
}

export function housingFundBlocks(record: CaseRecord, d: DepartmentResult): DocumentBlock[] {
  const x = d.details;
  const bank = record.application!.bankAccount;
  return [
    { kind: 'decision', text: '已提取，账户已销户', tone: 'positive' },
    {
      kind: 'fields',
      fields: [
        { label: '公积金账号', value: typeof x.accountNo === 'string' ? maskAccountNo(x.accountNo) : '****' },
        { label: '提取金额', value: yuan(num(x.withdrawalAmountFen) ?? 0) },
        { label: '提取原因', value: '离休、退休' },
        { label: '收款银行', value: bank.bankName },
        { label: '收款账号', value: maskAccountNo(bank.accountNo) },
        { label: '账户状态', value: '已销户' },
      ],
    },
    {
      kind: 'paragraph',
      text: '依据：《住房公积金管理条例》第二十四条 — 职工离休、退休的，可以提取住房公积金账户内的存储余额，同时注销住房公积金账户。',
      tone: 'muted',
    },
  ];
}

/**
 * 卫健's 独生子女父母退休奖励核定通知: the city's reward, as the check found it in force on the first day of the
 * retirement month, on the basis the law and the province's regulation give it. A placeholder amount says so on the paper.
 */
export function healthRewardBlocks(record: CaseRecord, d: DepartmentResult): DocumentBlock[] {
  const x = d.details;
  const amount = num(x.rewardFen) ?? 0;
  const effectiveFrom = typeof x.rewardEffectiveFrom === 'string' ? x.rewardEffectiveFrom : undefined;
  return [
    { kind: 'decision', text: `核定独生子女父母退休奖励：${yuan(amount)}`, tone: 'positive' },
    {
      kind: 'fields',
      heading: '核定依据',
      fields: [
        { label: '奖励对象', value: '独生子女父母（持《独生子女父母光荣证》）' },
        { label: '退休时间', value: chineseMonth(record.application!.retirement.requestedMonth) },
        ...(effectiveFrom ? [{ label: '适用标准施行日期', value: chineseDate(effectiveFrom) }] : []),
        { label: '奖励金额', value: `${yuan(amount)}（一次性发给）` },
        { label: '收款银行', value: record.application!.bankAccount.bankName },
        { label: '收款账号', value: maskAccountNo(record.application!.bankAccount.accountNo) },
      ],
    },
    { kind: 'paragraph', text: '奖励金一次性发放至您申请表中登记的银行账户，无需另行申请。' },
    {
      kind: 'paragraph',
      text: `依据：${REWARD_LEGAL_BASIS}。${x.rewardDemoDefault === true ? '本奖励金额为演示默认值（未能查到本市标准），不作为实际发放依据。' : ''}`,
      tone: 'muted',
    },
  ];
}
