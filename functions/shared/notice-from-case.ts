import type { DepartmentKey, DepartmentResult, Reason, ReasonCode } from '../../schemas/index.ts';
import { DEPARTMENT_KEYS } from '../../schemas/department-result.ts';
import type { DocumentBlock, DocumentField, IssuingBody, NoticeData, NoticeDepartment, NoticeFigure, SealedDocumentData } from '../../schemas/notice.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { formatMonthZh, formatYearsMonthsZh, formatYuan } from '../domain/format.ts';
import { maskAccountNo, maskIdNumber } from '../domain/mask.ts';
import { monthOf } from '../domain/months.ts';
import { estimatePension } from '../domain/pension-estimate.ts';
import { DEFAULT_POLICY, type Policy } from '../domain/policy.ts';
import { applicantHeader, noticeDocument, NOTICE_TITLE } from '../sealing/notice-document.ts';

export const DEPARTMENT_TITLES: Record<DepartmentKey, string> = {
  hr: '人力资源和社会保障局',
  tax: '税务局',
  medical: '医疗保障局',
  housingFund: '住房公积金管理中心',
};

/** What the person can do about each reason, printed next to it on the notice. */
const REMEDIES: Partial<Record<ReasonCode, string>> = {
  RETIREMENT_AGE_NOT_REACHED: '请在达到法定退休年龄后再申请，或在条件允许时选择弹性提前退休。',
  FLEXIBLE_WINDOW_EXCEEDED: '弹性退休须在法定退休时间前后 3 年内，请调整申请退休月份。',
  CONTRIBUTION_YEARS_SHORT: '可继续缴费至满足最低缴费年限；符合当地政策的，也可一次性补缴。',
  DUPLICATE_PENSION: '已在他处领取基本养老金的，请到原领取地社保经办机构办理转移或核实。',
  NO_INSURANCE_RECORD: '请携带身份证到社保经办机构核实参保记录。',
  BIRTH_DATE_MISMATCH: '以档案记载的出生日期为准，如有异议请携带档案材料到窗口核实。',
  SPECIAL_JOB_YEARS_SHORT: '特殊工种累计年限不足 10 年的，请按正常退休年龄申请。',
  DISABILITY_NOT_CERTIFIED: '请先向劳动能力鉴定委员会申请劳动能力鉴定。',
  TAX_ARREARS: '请联系单位或到税务窗口结清欠缴后再申请。',
  MEDICAL_YEARS_SHORT: '按补缴通知一次性补缴后即可享受退休医保待遇。',
  MEDICAL_LOCAL_YEARS_SHORT: '按补缴通知一次性补缴本地缴费年限。',
  HOUSING_FUND_LOAN_OUTSTANDING: '请先结清住房公积金贷款，或与公积金中心约定还款后办理提取。',
  DEPARTMENT_UNAVAILABLE: '已由工作人员人工核查，无需您再次提交材料。',
  ID_NUMBER_INVALID: '请核对公民身份号码后重新预约并提交申请。',
  BOOKING_MISMATCH: '申请表中的身份信息须与预约时一致，请重新预约并提交申请。',
  REQUESTED_MONTH_OUT_OF_RANGE: '请选择符合规定范围的退休月份后重新申请。',
  STAFF_DECISION: '如对工作人员的复核结论有异议，可携带相关材料到服务窗口申请复查。',
};
const DEFAULT_REMEDY = '请携带身份证到就近的服务窗口咨询办理，或拨打 12333。';

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function figures(key: DepartmentKey, d: DepartmentResult): NoticeFigure[] {
  const x = d.details ?? {};
  const out: NoticeFigure[] = [];
  const add = (label: string, value: string | undefined) => value !== undefined && out.push({ label, value });
  if (key === 'hr') {
    add('法定退休时间', typeof x.statutoryRetirementMonth === 'string' ? formatMonthZh(x.statutoryRetirementMonth) : undefined);
    add('累计缴费', num(x.contributionMonths) !== undefined ? formatYearsMonthsZh(num(x.contributionMonths)!) : undefined);
    add('最低缴费年限', num(x.minimumContributionMonths) !== undefined ? formatYearsMonthsZh(num(x.minimumContributionMonths)!) : undefined);
  }
  if (key === 'tax' && num(x.totalArrearsFen)) add('欠缴合计', `¥${formatYuan(num(x.totalArrearsFen)!)}`);
  if (key === 'medical') {
    add('医保累计缴费', num(x.contributionMonths) !== undefined ? formatYearsMonthsZh(num(x.contributionMonths)!) : undefined);
    if (num(x.topUpMonths)) {
      add('需补缴月数', `${num(x.topUpMonths)} 个月`);
      add('补缴金额', `¥${formatYuan(num(x.topUpAmountFen) ?? 0)}`);
    }
  }
  if (key === 'housingFund' && d.outcome === 'PASS') {
    add('提取金额', `¥${formatYuan(num(x.withdrawalAmountFen) ?? 0)}`);
    if (typeof x.accountNo === 'string') add('公积金账号', maskAccountNo(x.accountNo));
    add('账户', x.closeAccount ? '提取后销户' : '保留账户');
  }
  return out;
}

function duties(key: DepartmentKey, d: DepartmentResult): string[] {
  const x = d.details ?? {};
  if (key === 'medical' && d.outcome === 'CONDITIONAL' && num(x.topUpMonths)) {
    return [`需一次性补缴医疗保险 ${num(x.topUpMonths)} 个月，金额 ¥${formatYuan(num(x.topUpAmountFen) ?? 0)}，补缴后享受退休医保待遇。`];
  }
  return [];
}

/** The case as the 退休审批结果通知书 prints it: pure, so the document and the API read the same record. */
export function noticeFromCase(record: CaseRecord, input: { documentId: string; issuedAt: string; verifyUrl: string; issuer: string }): NoticeData {
  const app = record.application!;
  const departments: NoticeDepartment[] = DEPARTMENT_KEYS.map((key) => {
    const d = record.departments[key];
    return {
      key,
      title: DEPARTMENT_TITLES[key],
      outcome: d.outcome === 'PENDING' ? 'NOT_APPLICABLE' : d.outcome,
      reasons: d.reasons.map((r) => ({ code: r.code, message: r.message, ...(REMEDIES[r.code] ? { remedy: REMEDIES[r.code] } : {}) })),
      duties: duties(key, d),
      figures: figures(key, d),
    };
  });
  return {
    caseNumber: record.caseNumber,
    documentId: input.documentId,
    issuedAt: input.issuedAt,
    applicant: { name: app.applicant.name, idNumberMasked: maskIdNumber(record.idNumber), gender: app.applicant.gender, birthDate: app.applicant.birthDate },
    retirement: { type: app.retirement.type, requestedMonth: app.retirement.requestedMonth },
    decision: record.decision!,
    departments,
    verifyUrl: input.verifyUrl,
    issuer: input.issuer,
  };
}

/** `¥` and two decimals, exactly as every document prints money. */
export const yuan = (fen: number) => `¥${formatYuan(fen)}`;

export const DOCUMENT_TITLES = {
  notice: NOTICE_TITLE,
  rejection: '不予批准通知',
  pension: '基本养老金核定表',
  medicalConfirmed: '医保退休待遇确认书',
  medicalTopUp: '医保补缴通知书',
  housingFund: '公积金提取及销户凭证',
} as const;

/**
 * Fixed slots, so an id names the same paper in every run: 01 the one-stop answer (approval or rejection),
 * 02 HR, 03 medical insurance, 04 housing fund. A paper a case does not get leaves its number unused.
 */
const SLOT: Record<IssuingBody, string> = { 'one-stop': '01', hr: '02', medical: '03', 'housing-fund': '04' };
export const documentIdFor = (caseNumber: string, body: IssuingBody) => `${caseNumber}-${SLOT[body]}`;

export interface DocumentsInput {
  issuedAt: string;
  verifyUrl(documentId: string): string;
  issuers: Readonly<Record<IssuingBody, string>>;
  policy?: Policy;
}

/**
 * Every sealed paper a decided case gets, as typed data: pure, from the case record alone, so the
 * documents and the API read the same figures. Approved: the one-stop notice, HR's pension determination,
 * medical insurance's confirmation or top-up notice, and — when the fund is withdrawn and closed — the
 * housing fund's withdrawal voucher. Rejected: one 不予批准通知 naming every reason and its remedy.
 */
export function documentsFromCase(record: CaseRecord, input: DocumentsInput): SealedDocumentData[] {
  if (!record.decision || !record.application) throw new Error(`case ${record.caseNumber} has no decision to document`);
  const make = (body: IssuingBody, title: string, blocks: DocumentBlock[]): SealedDocumentData => {
    const documentId = documentIdFor(record.caseNumber, body);
    return {
      documentId,
      caseNumber: record.caseNumber,
      title,
      body,
      issuer: input.issuers[body],
      issuedAt: input.issuedAt,
      header: header(record),
      blocks,
      verifyUrl: input.verifyUrl(documentId),
    };
  };
  if (record.decision === 'REJECTED') return [make('one-stop', DOCUMENT_TITLES.rejection, rejectionBlocks(record))];

  const oneStopId = documentIdFor(record.caseNumber, 'one-stop');
  const docs = [
    noticeDocument(noticeFromCase(record, { documentId: oneStopId, issuedAt: input.issuedAt, verifyUrl: input.verifyUrl(oneStopId), issuer: input.issuers['one-stop'] })),
  ];
  const pension = pensionBlocks(record, input.policy ?? DEFAULT_POLICY);
  if (pension) docs.push(make('hr', DOCUMENT_TITLES.pension, pension));
  const medical = record.departments.medical;
  if (medical.outcome === 'CONDITIONAL') docs.push(make('medical', DOCUMENT_TITLES.medicalTopUp, medicalTopUpBlocks(medical)));
  else if (medical.outcome === 'PASS') docs.push(make('medical', DOCUMENT_TITLES.medicalConfirmed, medicalConfirmedBlocks(record, medical)));
  const fund = record.departments.housingFund;
  if (fund.outcome === 'PASS' && fund.details.closeAccount === true && (num(fund.details.withdrawalAmountFen) ?? 0) > 0) {
    docs.push(make('housing-fund', DOCUMENT_TITLES.housingFund, housingFundBlocks(record, fund)));
  }
  return docs;
}

function header(record: CaseRecord): DocumentField[] {
  const app = record.application!;
  return applicantHeader({
    applicant: { name: app.applicant.name, idNumberMasked: maskIdNumber(record.idNumber), gender: app.applicant.gender, birthDate: app.applicant.birthDate },
    retirement: { type: app.retirement.type, requestedMonth: app.retirement.requestedMonth },
  });
}

const remedyFor = (code: ReasonCode) => REMEDIES[code] ?? DEFAULT_REMEDY;

function rejectionBlocks(record: CaseRecord): DocumentBlock[] {
  const rows: { department: string; reason: Reason }[] = [];
  const preReviewFailed = record.preReview?.outcome === 'FAIL' || record.reviews?.['pre-review']?.outcome === 'FAIL';
  if (preReviewFailed) {
    for (const reason of record.preReview?.reasons ?? []) rows.push({ department: '一站式服务预审', reason });
    const staff = record.reviews?.['pre-review'];
    if (staff?.outcome === 'FAIL') rows.push({ department: '一站式服务预审', reason: { code: 'STAFF_DECISION', message: `工作人员预审不通过：${staff.note}` } });
  }
  for (const key of DEPARTMENT_KEYS) {
    const d = record.departments[key];
    if (d.outcome !== 'FAIL') continue;
    for (const reason of d.reasons) rows.push({ department: DEPARTMENT_TITLES[key], reason });
  }
  if (rows.length === 0) rows.push({ department: '一站式服务', reason: { code: 'STAFF_DECISION', message: '经审核不符合退休条件。' } });
  const others = DEPARTMENT_KEYS.filter((k) => record.departments[k].outcome !== 'FAIL' && record.departments[k].outcome !== 'NOT_APPLICABLE');
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
      ? [{ kind: 'paragraph' as const, text: `其他部门的审核结果：${others.map((k) => `${DEPARTMENT_TITLES[k]}${OUTCOME_ZH[record.departments[k].outcome]}`).join('；')}。问题解决后可重新预约申请，已通过的部门信息无需重复提交。` }]
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
function pensionBlocks(record: CaseRecord, policy: Policy): DocumentBlock[] | undefined {
  const hr = record.departments.hr;
  const x = hr.details ?? {};
  const months = num(x.contributionMonths);
  const ratio = num(x.averageIndexedWageRatio);
  const account = num(x.personalAccountFen);
  const birth = typeof x.birthDateUsed === 'string' ? x.birthDateUsed : undefined;
  const retirementMonth = typeof x.retirementMonth === 'string' ? x.retirementMonth : undefined;
  if (hr.outcome !== 'PASS' || months === undefined || ratio === undefined || account === undefined || !birth || !retirementMonth) return undefined;
  const e = estimatePension({ contributionMonths: months, averageIndexedWageRatio: ratio, personalAccountFen: account, birthMonth: monthOf(birth), retirementMonth }, policy);
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

function medicalTopUpBlocks(d: DepartmentResult): DocumentBlock[] {
  const x = d.details;
  const months = num(x.topUpMonths) ?? 0;
  const amount = num(x.topUpAmountFen) ?? 0;
  const base = num(x.topUpBaseFen);
  const rate = num(x.topUpRate);
  const fields: DocumentField[] = [
    { label: '医保累计缴费', value: formatYearsMonthsZh(num(x.contributionMonths) ?? 0) },
    { label: '其中本地缴费', value: formatYearsMonthsZh(num(x.localContributionMonths) ?? 0) },
    { label: '退休享受待遇所需年限', value: `${formatYearsMonthsZh(num(x.requiredMonths) ?? 0)}（本地不少于${formatYearsMonthsZh(num(x.localRequiredMonths) ?? 0)}）` },
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

function medicalConfirmedBlocks(record: CaseRecord, d: DepartmentResult): DocumentBlock[] {
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

function housingFundBlocks(record: CaseRecord, d: DepartmentResult): DocumentBlock[] {
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
