// A case's status in the citizen's words, and which statuses allow what.
import { STATUS_ZH, DEPARTMENT_ZH } from '../lib/api.js';
import { addWords, t, date, isEnglish, phrase } from '../lib/i18n.js';

/** Nothing more happens to a case in these statuses, so there is nothing to poll for. */
export const FINAL_STATUSES = new Set(['COMPLETED', 'EXPIRED', 'WITHDRAWN']);

/**
 * How often the progress page reads the case. While the machine works on it (seconds), every 2 s. While it waits for a
 * person (a form, a staff decision, a correction: hours or days), every 30 s once the status is 30 s old: a decision
 * still shows within half a minute, and an open page reads the case 120 times an hour instead of 1,800 (each read is a
 * request, a function run and two table reads on AWS). A status just reached is read quickly for its first 30 s,
 * since an automatic step may still move it on. Nothing more happens to a final case.
 */
export const WORKING_STATUSES = new Set(['SUBMITTED', 'CHECKING', 'SEALING']);
export const QUICK_POLL_MS = 2000;
export const WAITING_POLL_MS = 30_000;
export const QUICK_WHILE_NEW_MS = 30_000;

export function nextPollMs(status, msInStatus) {
  if (FINAL_STATUSES.has(status)) return null;
  if (WORKING_STATUSES.has(status) || msInStatus < QUICK_WHILE_NEW_MS) return QUICK_POLL_MS;
  return WAITING_POLL_MS;
}

/** The API allows a withdrawal only while the case waits for a person. */
export const WITHDRAWABLE = new Set(['BOOKED', 'PRE_REVIEW', 'MANUAL_REVIEW', 'NEEDS_ATTENTION', 'SUPPLEMENT_REQUESTED']);

/** The fields pre-review may ask to correct (schemas/supplement.ts SupplementField), as the form names them. */
export const FIELD_ZH = {
  'applicant.name': phrase('姓名'),
  'applicant.gender': phrase('性别'),
  'applicant.birthDate': phrase('出生日期'),
  'applicant.phone': phrase('手机号码'),
  'applicant.address': phrase('现在的住址'),
  'retirement.type': phrase('退休方式'),
  'retirement.requestedMonth': phrase('从哪个月开始退休'),
  'retirement.originalRetirementAge': phrase('原来的退休年龄'),
  'retirement.employerAgreement': phrase('单位是否同意推迟退休'),
  'bankAccount.bankName': phrase('开户银行'),
  'bankAccount.accountNo': phrase('银行卡号'),
  'housingFund.withdraw': phrase('是否取出公积金'),
};

const STATUS_EN = {
  BOOKED: 'Booked',
  SUBMITTED: 'Submitted',
  PRE_REVIEW: 'Pre-review',
  CHECKING: 'Four departments checking',
  MANUAL_REVIEW: 'Staff review',
  SEALING: 'Issuing the sealed papers',
  COMPLETED: 'Finished',
  EXPIRED: 'Expired',
  WITHDRAWN: 'Withdrawn',
  NEEDS_ATTENTION: 'Staff are dealing with it',
  SUPPLEMENT_REQUESTED: 'Waiting for your correction',
};

addWords(
  {
    approvedStatus: '已办结：批准退休',
    rejectedStatus: '已办结：不予批准',
    supplementStatus: '等待您补正',
    nowLabel: '现在的状态',
    slaDue: (v) => `预计办结日期：${v.due}`,
    slaPaused: '暂停计时，等待您补正。您提交后继续计时，办结日期相应顺延。',
    slaOverdue: '已超过承诺的时间，工作人员正在加紧办理。有疑问请拨打 12333。',
    exBooked: (v) => `还没有提交申请表。请在 ${v.due} 前提交，过期要重新预约。`,
    exSubmitted: '申请表已收到，马上开始预审。',
    exPreReviewPerson: '有信息需要工作人员核实。',
    exPreReview: '正在核对您的申请表，一般几分钟内完成。',
    exChecking: '人社、税务、医保、公积金四个部门正在同时核查，一般几分钟内完成。不用等在这里，办好后会发短信通知您。',
    exManual: (v) => `有部门需要工作人员审核：${v.who}。`,
    exSealing: '结果已经确定，正在出具盖章的文书，一般几分钟内完成。',
    exApproved: '您的退休申请已经批准。',
    exRejected: '这次没有批准。原因和解决办法就在下面。',
    exExpired: '没有在期限内提交申请表，这个办件已经过期。您可以重新预约。',
    exWithdrawn: '您已撤回这次申请，本办件已结束。如果还要办理退休，请重新预约。',
    exSupplement: '工作人员请您修改申请表里的内容。请按上面的说明修改，重新提交后继续办理。',
    exAttention: '系统处理遇到问题，已转工作人员处理，处理好后会继续办理，您不用重新预约。',
  },
  {
    approvedStatus: 'Finished: retirement approved',
    rejectedStatus: 'Finished: not approved',
    supplementStatus: 'Waiting for your correction',
    nowLabel: 'Where your case is now',
    slaDue: (v) => `Expected to finish by ${v.due}`,
    slaPaused: 'The clock is stopped while we wait for your correction; the date moves on by as long.',
    slaOverdue: 'Past the promised time: staff are working on it. Questions: call 12333.',
    exBooked: (v) => `The application form is not sent yet. Please send it by ${v.due}, or you must book again.`,
    exSubmitted: 'Your form has arrived; pre-review starts now.',
    exPreReviewPerson: 'Staff need to check some details.',
    exPreReview: 'Your form is being checked; this usually takes a few minutes.',
    exChecking: 'Four departments are checking at once; this usually takes a few minutes. You need not wait here: a text message tells you when it is done.',
    exManual: (v) => `Staff need to review part of it: ${v.whoEn}.`,
    exSealing: 'The decision is made; the sealed papers are being issued.',
    exApproved: 'Your retirement is approved.',
    exRejected: 'It was not approved this time. The reasons and what to do are below.',
    exExpired: 'The form was not sent in time, so the case has expired. You can book again.',
    exWithdrawn: 'You withdrew this application; the case is closed. Book again if you still want to retire.',
    exSupplement: 'Staff asked you to correct the form. Please correct it as described above and send it again.',
    exAttention: 'Something went wrong in processing; staff are dealing with it. You need not book again.',
  },
);

/** A status alone, as the history names each step. */
export function statusWord(status) {
  return (isEnglish() ? STATUS_EN : STATUS_ZH)[status] || status;
}

export function statusText(c) {
  if (c.status === 'COMPLETED') return t(c.decision === 'REJECTED' ? 'rejectedStatus' : 'approvedStatus');
  if (c.status === 'SUPPLEMENT_REQUESTED') return t('supplementStatus');
  return (isEnglish() ? STATUS_EN : STATUS_ZH)[c.status] || c.status;
}

/**
 * The promised time while the case is still being worked: the promised completion date (承诺办结日期), and
 * that the clock stands still while the citizen is asked to act. Nothing once the case is over.
 * @returns {string[]}
 */
export function slaLines(c) {
  if (!c.sla || FINAL_STATUSES.has(c.status)) return [];
  const lines = [t('slaDue', { due: date(c.sla.caseDueDate) })];
  if (c.sla.state === 'PAUSED') lines.push(t('slaPaused'));
  else if (c.sla.state === 'OVERDUE') lines.push(t('slaOverdue'));
  return lines;
}

const DEPARTMENT_EN = {
  hr: 'human resources and social security (pension)',
  tax: 'tax (contributions)',
  medical: 'medical insurance',
  housingFund: 'housing provident fund',
};

export function statusExplain(c) {
  // The latest entry decides: a corrected form back at pre-review is checked again before anyone is asked.
  const waitingPerson = c.status === 'PRE_REVIEW' && /人工/.test(c.timeline.at(-1)?.note || '');
  switch (c.status) {
    case 'BOOKED':
      return t('exBooked', { due: date(c.deadline) });
    case 'SUBMITTED':
      return t('exSubmitted');
    case 'PRE_REVIEW':
      return t(waitingPerson ? 'exPreReviewPerson' : 'exPreReview');
    case 'CHECKING':
      return t('exChecking');
    case 'MANUAL_REVIEW': {
      const waiting = Object.keys(DEPARTMENT_ZH).filter((k) => c.departments?.[k]?.outcome === 'MANUAL');
      return t('exManual', { who: waiting.map((k) => DEPARTMENT_ZH[k]).join('、'), whoEn: waiting.map((k) => DEPARTMENT_EN[k]).join(', ') });
    }
    case 'SEALING':
      return t('exSealing');
    case 'COMPLETED':
      return t(c.decision === 'REJECTED' ? 'exRejected' : 'exApproved');
    case 'EXPIRED':
      return t('exExpired');
    case 'WITHDRAWN':
      return t('exWithdrawn');
    case 'SUPPLEMENT_REQUESTED':
      return t('exSupplement');
    case 'NEEDS_ATTENTION':
      return t('exAttention');
    default:
      return '';
  }
}
