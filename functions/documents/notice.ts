/** The one-stop 退休审批结果通知书 as typed data, from the case record. */
import type { DepartmentKey, DepartmentResult } from '../../schemas/index.ts';
import { departmentsOf } from '../../schemas/department-result.ts';
import type { NoticeData, NoticeDepartment, NoticeFigure } from '../../schemas/notice.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { formatMonthZh, formatYearsMonthsZh, formatYuan } from '../domain/format.ts';
import { appliedByText } from '../domain/applicant.ts';
import { maskAccountNo, maskIdNumber } from '../domain/mask.ts';
import { DEPARTMENT_TITLES, num, REMEDIES } from './wording.ts';

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
  if (key === 'health' && d.outcome === 'PASS' && num(x.rewardFen) !== undefined) add('一次性退休奖励', `¥${formatYuan(num(x.rewardFen)!)}`);
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
  // Every department the case has an answer of: health only where the city takes part.
  const departments: NoticeDepartment[] = departmentsOf(record.departments).map((key) => {
    const d = record.departments[key]!;
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
    appliedBy: appliedByText(record.appliedBy),
    retirement: { type: app.retirement.type, requestedMonth: app.retirement.requestedMonth },
    decision: record.decision!,
    departments,
    verifyUrl: input.verifyUrl,
    issuer: input.issuer,
  };
}
