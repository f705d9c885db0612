import type { DepartmentKey, DepartmentResult, ReasonCode } from '../../schemas/index.ts';
import { DEPARTMENT_KEYS } from '../../schemas/department-result.ts';
import type { NoticeData, NoticeDepartment, NoticeFigure } from '../../schemas/notice.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { formatMonthZh, formatYearsMonthsZh, formatYuan } from '../domain/format.ts';
import { maskAccountNo, maskIdNumber } from '../domain/mask.ts';

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
};

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
