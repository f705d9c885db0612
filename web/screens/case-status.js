// A case's status in the citizen's words, and which statuses allow what.
import { STATUS_ZH, dateZh } from '../lib/api.js';

/** Nothing more happens to a case in these statuses, so there is nothing to poll for. */
export const FINAL_STATUSES = new Set(['COMPLETED', 'EXPIRED', 'WITHDRAWN']);

/** The API allows a withdrawal only while the case waits for a person. */
export const WITHDRAWABLE = new Set(['BOOKED', 'PRE_REVIEW', 'MANUAL_REVIEW', 'NEEDS_ATTENTION', 'SUPPLEMENT_REQUESTED']);

/** The fields pre-review may ask to correct (schemas/supplement.ts SupplementField), as the form names them. */
export const FIELD_ZH = {
  'applicant.name': '姓名',
  'applicant.gender': '性别',
  'applicant.birthDate': '出生日期',
  'applicant.phone': '手机号码',
  'applicant.address': '现在的住址',
  'retirement.type': '退休方式',
  'retirement.requestedMonth': '从哪个月开始退休',
  'retirement.originalRetirementAge': '原来的退休年龄',
  'bankAccount.bankName': '开户银行',
  'bankAccount.accountNo': '银行卡号',
  'housingFund.withdraw': '是否取出公积金',
};

export function statusText(c) {
  if (c.status === 'COMPLETED') return c.decision === 'REJECTED' ? '已办结：不予批准' : '已办结：批准退休';
  if (c.status === 'SUPPLEMENT_REQUESTED') return '等待您补正';
  return STATUS_ZH[c.status] || c.status;
}

/**
 * The promised time while the case is still being worked: the promised completion date (承诺办结日期), and
 * that the clock stands still while the citizen is asked to act. Nothing once the case is over.
 * @returns {string[]}
 */
export function slaLines(c) {
  if (!c.sla || FINAL_STATUSES.has(c.status)) return [];
  const lines = [`预计办结日期：${dateZh(c.sla.caseDueDate)}`];
  if (c.sla.state === 'PAUSED') lines.push('暂停计时，等待您补正。您提交后继续计时，办结日期相应顺延。');
  else if (c.sla.state === 'OVERDUE') lines.push('已超过承诺的时间，工作人员正在加紧办理。有疑问请拨打 12333。');
  return lines;
}

export function statusExplain(c) {
  // The latest entry decides: a corrected form back at pre-review is checked again before anyone is asked.
  const waitingPerson = c.status === 'PRE_REVIEW' && /人工/.test(c.timeline.at(-1)?.note || '');
  switch (c.status) {
    case 'BOOKED':
      return `还没有提交申请表。请在 ${dateZh(c.deadline)} 前提交，过期要重新预约。`;
    case 'SUBMITTED':
      return '申请表已收到，马上开始预审。';
    case 'PRE_REVIEW':
      return waitingPerson ? '有信息需要工作人员核实，工作人员可能会打电话联系您，请保持电话畅通。' : '正在核对您的申请表。';
    case 'CHECKING':
      return '人社、税务、医保、公积金四个部门正在同时核查，一般几分钟内完成。';
    case 'MANUAL_REVIEW':
      return '有部门需要工作人员审核，工作人员可能会打电话联系您，请保持电话畅通。';
    case 'SEALING':
      return '结果已经确定，正在出具盖章的文书。';
    case 'COMPLETED':
      return c.decision === 'REJECTED'
        ? '这次没有批准。原因和解决办法写在下面各部门的结果里，也写在盖章的决定书里。办好后可以重新预约。'
        : '您的退休申请已经批准。请下载盖章的办理结果，妥善保存。';
    case 'EXPIRED':
      return '没有在期限内提交申请表，这个办件已经过期。您可以重新预约。';
    case 'WITHDRAWN':
      return '您已撤回这次申请，本办件已结束。如果还要办理退休，请重新预约。';
    case 'SUPPLEMENT_REQUESTED':
      return '工作人员请您修改申请表里的内容。请按上面的说明修改，重新提交后继续办理。';
    case 'NEEDS_ATTENTION':
      return '系统处理遇到问题，已转工作人员处理，处理好后会继续办理，您不用重新预约。';
    default:
      return '';
  }
}
