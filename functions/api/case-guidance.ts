/**
 * What the citizen does next, added to the case view: the pension and its first month, each duty (how much,
 * where, when), each refusal reason with its remedy and where to go, the appeal route, the window
 * appointment with a calendar event, and who will phone while a person works the case.
 * Computed from the same record and with the same rules and wording as the sealed papers, so the card and
 * the PDF never disagree.
 */
import { createEvent, type EventAttributes } from 'ics';
import type { CaseRecord } from '../adapters/case-record.ts';
import type { Appointment, Callback, NextSteps } from '../../schemas/case-guidance.ts';
import { DEPARTMENT_KEYS, type DepartmentKey } from '../../schemas/department-result.ts';
import { DEPARTMENT_NAMES, ONE_STOP_NAME } from '../../schemas/departments.ts';
import { estimatePension } from '../domain/pension-estimate.ts';
import { maskAccountNo, maskPhone } from '../domain/mask.ts';
import { monthOf } from '../domain/months.ts';
import type { Policy } from '../domain/policy.ts';
import { SERVICE_CENTERS } from '../shared/service-centers.ts';
import { DEPARTMENT_TITLES, num, remedyFor } from '../documents/wording.ts';

/** Where each body sees the citizen about its part. */
const WHERE: Record<DepartmentKey | 'pre-review', string> = {
  hr: '人力资源和社会保障局社保经办窗口（可先拨打 12333 咨询）',
  tax: '税务局办税服务厅，或请单位办理',
  medical: '医疗保障局经办窗口（可先拨打 12333 咨询）',
  housingFund: '住房公积金管理中心服务网点',
  health: '卫生健康局计划生育服务窗口（可先拨打 12333 咨询）',
  'pre-review': '就近的社会保障服务中心一站式窗口（可先拨打 12333 咨询）',
};

/** Where the medical top-up is paid: the wording of the sealed 补缴通知. */
const TOP_UP_WHERE = '医保经办窗口或线上缴费渠道';

/*
 * The appeal route printed on every refusal (functions/documents/department-papers.ts) — checked:
 *  - 《中华人民共和国行政复议法》: 60 days from knowing of the act (第九条 of the 1999 text, read at
 *    uianet.net/dictionary/b15233602.html and mip.64365.com/special/23291286; the 2023 revision keeps 60 days,
 *    its article number was not found in the pages searched). Against a department of a local government: its
 *    own people's government; against the tax bureau (vertically led): the tax authority one level up.
 *  - 《中华人民共和国行政诉讼法》第四十六条: 6 months from knowing of the act, when going to court directly
 *    (read at m.law.iask.sina.com.cn/jx/sh/1km2pkrpW5t2.html).
 */
const RECONSIDERATION_BASIS = '《中华人民共和国行政复议法》';
const LITIGATION_BASIS = '《中华人民共和国行政诉讼法》第四十六条';

export type Guidance = { nextSteps?: NextSteps; appointment?: Appointment; callback?: Callback };

export function guidanceFor(record: CaseRecord, policy: Policy): Guidance {
  const out: Guidance = {};
  if (record.decision) out.nextSteps = record.decision === 'APPROVED' ? approvedSteps(record, policy) : rejectedSteps(record);
  const appointment = appointmentOf(record);
  if (appointment) out.appointment = appointment;
  const callback = callbackOf(record);
  if (callback) out.callback = callback;
  return out;
}

function approvedSteps(record: CaseRecord, policy: Policy): NextSteps {
  const steps: NextSteps = { duties: [], payouts: [], reasons: [] };
  const pension = pensionOf(record, policy);
  if (pension) steps.pension = pension;
  const firstMonth = pension?.firstMonth ?? record.application?.retirement.requestedMonth;
  const medical = record.departments.medical;
  const months = num(medical?.details.topUpMonths);
  if (medical?.outcome === 'CONDITIONAL' && months && firstMonth) {
    steps.duties.push({
      kind: 'medical-top-up',
      department: 'medical',
      amountFen: num(medical.details.topUpAmountFen) ?? 0,
      months,
      where: TOP_UP_WHERE,
      payBefore: firstMonth,
      coverFrom: 'month-after-payment',
    });
  }
  const fund = record.departments.housingFund;
  const amount = num(fund?.details.withdrawalAmountFen);
  if (fund?.outcome === 'PASS' && amount && record.application) {
    steps.payouts.push({
      kind: 'housing-fund-withdrawal',
      department: 'housingFund',
      amountFen: amount,
      bankName: record.application.bankAccount.bankName,
      accountNoMasked: maskAccountNo(record.application.bankAccount.accountNo),
      closesAccount: fund.details.closeAccount === true,
    });
  }
  return steps;
}

/** The figures of the sealed 基本养老金核定表 (functions/documents/department-papers.ts pensionBlocks). */
function pensionOf(record: CaseRecord, policy: Policy): NextSteps['pension'] {
  const hr = record.departments.hr;
  const x = hr?.details ?? {};
  const months = num(x.contributionMonths);
  const ratio = num(x.averageIndexedWageRatio);
  const account = num(x.personalAccountFen);
  const birth = typeof x.birthDateUsed === 'string' ? x.birthDateUsed : undefined;
  const firstMonth = typeof x.retirementMonth === 'string' ? x.retirementMonth : undefined;
  if (hr?.outcome !== 'PASS' || months === undefined || ratio === undefined || account === undefined || !birth || !firstMonth) return undefined;
  const e = estimatePension(
    { contributionMonths: months, averageIndexedWageRatio: ratio, personalAccountFen: account, birthMonth: monthOf(birth), retirementMonth: firstMonth },
    policy,
  );
  return { monthlyFen: e.totalMonthlyFen, basicPensionFen: e.basicPensionFen, personalAccountPensionFen: e.personalAccountPensionFen, firstMonth };
}

/** The rows of the sealed refusal (rejectionBlocks), in its order, with where to go for each. */
function rejectedSteps(record: CaseRecord): NextSteps {
  const reasons: NextSteps['reasons'] = [];
  const preReviewFailed = record.preReview?.outcome === 'FAIL' || record.reviews?.['pre-review']?.outcome === 'FAIL';
  const row = (from: DepartmentKey | 'pre-review', code: NextSteps['reasons'][number]['code'], message: string) =>
    reasons.push({
      from,
      body: from === 'pre-review' ? `${ONE_STOP_NAME}预审` : DEPARTMENT_TITLES[from],
      code,
      message,
      remedy: remedyFor(code),
      where: WHERE[from],
    });
  if (preReviewFailed) {
    for (const r of record.preReview?.reasons ?? []) row('pre-review', r.code, r.message);
    const staff = record.reviews?.['pre-review'];
    if (staff?.outcome === 'FAIL') row('pre-review', 'STAFF_DECISION', `工作人员预审不通过：${staff.note}`);
  }
  for (const key of DEPARTMENT_KEYS) {
    const d = record.departments[key];
    if (d?.outcome !== 'FAIL') continue;
    for (const r of d.reasons) row(key, r.code, r.message);
  }
  if (reasons.length === 0) row('pre-review', 'STAFF_DECISION', '经审核不符合退休条件。');
  const tax = reasons.filter((r) => r.from === 'tax').length;
  const reconsiderationTo =
    tax === 0
      ? '作出决定的部门所属的本级人民政府'
      : tax === reasons.length
        ? '上一级税务机关'
        : '作出决定的部门所属的本级人民政府（对税务局的决定，向上一级税务机关）';
  return {
    duties: [],
    payouts: [],
    reasons,
    appeal: {
      decidedAt: decidedAt(record),
      reconsiderationDays: 60,
      reconsiderationTo,
      reconsiderationBasis: RECONSIDERATION_BASIS,
      litigationMonths: 6,
      litigationTo: '人民法院',
      litigationBasis: LITIGATION_BASIS,
    },
  };
}

/** When the decision was written: the timeline entry that moved the case on to sealing. */
function decidedAt(record: CaseRecord): string {
  const entry = record.timeline.find((t) => t.status === 'SEALING') ?? record.timeline.find((t) => t.status === 'COMPLETED');
  return entry?.at ?? record.updatedAt;
}

function appointmentOf(record: CaseRecord): Appointment | undefined {
  const slot = record.slot;
  if (record.channel !== 'window' || !slot || record.status === 'WITHDRAWN' || record.status === 'EXPIRED') return undefined;
  const centre = SERVICE_CENTERS.find((c) => c.id === slot.serviceCenterId);
  if (!centre) return undefined;
  const event: EventAttributes & { timestamp: number } = {
    uid: `${record.caseNumber}@retireone`,
    productId: 'retireone',
    // The booking's instant, not now: the same appointment gives the same file on every read.
    timestamp: Date.parse(record.createdAt),
    start: Date.parse(slot.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(slot.end),
    title: `退休一件事：窗口办理（办件编号 ${record.caseNumber}）`,
    location: `${centre.name}，${centre.address}`,
    description: `办件编号 ${record.caseNumber}。请带上身份证。有疑问请拨打 12333。`,
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('no calendar event');
  return { serviceCenterId: centre.id, name: centre.name, address: centre.address, start: slot.start, end: slot.end, calendar: value };
}

function callbackOf(record: CaseRecord): Callback | undefined {
  const phoneMasked = maskPhone(record.phone);
  if (record.status === 'MANUAL_REVIEW') {
    // A department that could not answer is asked again by the one-stop staff; one that needs a person's word
    // (a loan to settle) calls itself.
    const manual = DEPARTMENT_KEYS.filter((k) => record.departments[k]?.outcome === 'MANUAL');
    const unanswered = (k: DepartmentKey) => record.departments[k]!.reasons.every((r) => r.code === 'DEPARTMENT_UNAVAILABLE');
    const by = manual.filter((k) => !unanswered(k)).map((k): string => DEPARTMENT_NAMES[k].body);
    if (by.length === 0 || manual.some(unanswered)) by.push(`${ONE_STOP_NAME}窗口`);
    return { by, phoneMasked };
  }
  const staffPreReview = record.status === 'PRE_REVIEW' && record.preReview?.outcome === 'MANUAL';
  if (staffPreReview || record.status === 'NEEDS_ATTENTION' || record.status === 'SUPPLEMENT_REQUESTED') {
    return { by: [`${ONE_STOP_NAME}窗口`], phoneMasked };
  }
  return undefined;
}
