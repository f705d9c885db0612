// What happens next, at the top of the progress screen, from the case view's nextSteps / appointment /
// callback / sla: an approval's pension and duties, a refusal's reasons and appeal route, a wait's length
// and who will phone, a window appointment with a calendar file.
import { h } from '../lib/api.js';
import { addWords, t, money, month, date, chinaTime, isEnglish } from '../lib/i18n.js';
import { appointmentParts } from './progress-appointment.js';
import { openRating } from '../lib/rating-dialog.js';

addWords(
  {
    nextApproved: '接下来',
    rateThis: '评价这次服务',
    pensionLabel: '每月基本养老金',
    pensionFrom: (v) => `从 ${v.month} 起，每月发到您申请表上登记的银行卡。`,
    pensionParts: (v) => `其中基础养老金 ${v.basic}，个人账户养老金 ${v.account}。以后按国家规定调整。`,
    dutiesHeading: '您还要办的事',
    topUpWhat: (v) => `补缴医保 ${v.amount}（${v.months} 个月）`,
    topUpWhere: (v) => `在哪里缴：${v.where}。`,
    topUpWhen: (v) => `什么时候缴：请在 ${v.month}前缴清。缴清后的下个月起，享受退休人员医保待遇；缴清前不能按退休人员报销。`,
    payoutsHeading: '会发给您的钱',
    fundPayout: (v) => `住房公积金 ${v.amount} 转到您的银行卡（${v.bank} ${v.account}）${v.closes ? '，公积金账户同时注销' : ''}。`,
    keepPapers: '盖章的文书在下面，可以下载保存，与窗口出具的纸质文书效力相同。',
    nextRejected: '为什么没有批准，怎么办',
    reasonWhat: '怎么办：',
    reasonWhere: '到哪里办：',
    appealHeading: '如果您不同意这个决定',
    appealReview: (v) => `可以在收到决定之日起 60 日内，向${v.to}申请行政复议（${v.basis}）；`,
    appealCourt: (v) => `也可以在收到决定之日起 6 个月内，直接向${v.to}提起行政诉讼（${v.basis}）。`,
    appealDecided: (v) => `这个决定是 ${v.day} 作出的。不清楚怎么办，可以拨打 12333 咨询。`,
    againAfter: '问题解决后，可以重新预约申请。',
    waitHow: (v) => `预计还要 ${v.days} 个工作日，在 ${v.due} 前办完这一步。`,
    waitOverdue: (v) => `这一步原定 ${v.due} 前办完，已经超时，工作人员正在加紧办理。`,
    waitCall: (v) => `${v.who}的工作人员会打电话到您预约时留的手机 ${v.phone}，请保持电话畅通。`,
    waitCallMaybe: (v) => `有疑问时，${v.who}的工作人员会打电话到您预约时留的手机 ${v.phone}。`,
    provisional: '（明年的节假日安排还没有公布，日期可能微调。）',
  },
  {
    nextApproved: 'What happens next',
    rateThis: 'Rate this service',
    pensionLabel: 'Monthly basic pension',
    pensionFrom: (v) => `From ${v.month}, paid every month to the bank card on your application.`,
    pensionParts: (v) => `Basic pension ${v.basic}, personal-account pension ${v.account}. Adjusted as the state decides.`,
    dutiesHeading: 'What you still need to do',
    topUpWhat: (v) => `Top up your medical insurance: ${v.amount} (${v.months} months)`,
    topUpWhere: () => 'Where: at a medical insurance office or through the online payment channels.',
    topUpWhen: (v) => `When: please pay before ${v.month}. Retiree medical cover starts the month after you pay; until then you cannot claim as a retiree.`,
    payoutsHeading: 'Money paid to you',
    fundPayout: (v) => `Housing fund ${v.amount} goes to your bank card (${v.account})${v.closes ? '; the fund account is closed' : ''}.`,
    keepPapers: 'The sealed papers are below: download and keep them. They count the same as papers from a service window.',
    nextRejected: 'Why it was not approved, and what to do',
    reasonWhat: 'What to do: ',
    reasonWhere: 'Where: ',
    appealHeading: 'If you disagree with the decision',
    appealReview: () => 'You may apply for administrative reconsideration within 60 days of receiving it (Administrative Reconsideration Law);',
    appealCourt: () => 'or sue in a people’s court within 6 months of receiving it (Administrative Litigation Law, Article 46).',
    appealDecided: (v) => `The decision was made on ${v.day}. Call 12333 if you are unsure what to do.`,
    againAfter: 'Once the problem is solved, you can book again.',
    waitHow: (v) => `About ${v.days} more working days: this step should be done by ${v.due}.`,
    waitOverdue: (v) => `This step was due by ${v.due} and is late; staff are working on it.`,
    waitCall: (v) => `Staff of ${v.whoEn} will phone the number you gave when booking, ${v.phone}. Please keep your phone on.`,
    waitCallMaybe: (v) => `If they have questions, staff of ${v.whoEn} will phone the number you gave when booking, ${v.phone}.`,
    provisional: ' (Next year’s public holidays are not announced yet; the date may move slightly.)',
  },
);

/** Reasons and remedies in English, by reason code (the department's own words stay, in Chinese, beside them). */
const REASON_EN = {
  RETIREMENT_AGE_NOT_REACHED: [
    'You have not reached the statutory retirement age.',
    'Apply once you reach it, or choose flexible early retirement if you qualify.',
  ],
  FLEXIBLE_WINDOW_EXCEEDED: ['Flexible retirement must be within 3 years of the statutory month.', 'Choose another retirement month.'],
  CONTRIBUTION_YEARS_SHORT: [
    'Your pension contributions are shorter than the minimum.',
    'Keep contributing until you reach the minimum, or top up where local rules allow.',
  ],
  DUPLICATE_PENSION: ['You already receive a basic pension elsewhere.', 'Contact the office that pays it to transfer or check it.'],
  NO_INSURANCE_RECORD: ['No insurance record was found.', 'Bring your ID card to the social insurance office to check your record.'],
  BIRTH_DATE_MISMATCH: ['Your personnel file gives another birth date.', 'The file counts; bring the file papers to a window if you disagree.'],
  SPECIAL_JOB_YEARS_SHORT: ['Fewer than 10 years in a special job.', 'Apply for retirement at the normal age.'],
  DISABILITY_NOT_CERTIFIED: ['No certificate of loss of working capacity.', 'Apply to the labour ability appraisal committee first.'],
  TAX_ARREARS: ['Social insurance contributions are unpaid.', 'Ask your employer, or go to the tax office, to pay them, then apply again.'],
  HOUSING_FUND_LOAN_OUTSTANDING: ['A housing fund loan is not repaid.', 'Repay it, or agree a repayment with the fund centre.'],
  STAFF_DECISION: ['Staff found you do not qualify.', 'Bring your papers to a service window to ask for a re-check.'],
};

const BODY_EN = {
  人力资源和社会保障局: 'the human resources and social security bureau',
  税务局: 'the tax bureau',
  医疗保障局: 'the medical insurance bureau',
  住房公积金管理中心: 'the housing provident fund centre',
  一站式服务窗口: 'the one-stop service window',
  一站式服务预审: 'one-stop pre-review',
};

/** Where to go, in English, by the body that found the reason (the Chinese comes from the case view). */
const WHERE_EN = {
  hr: 'the social insurance office of the human resources and social security bureau (call 12333 first)',
  tax: 'the tax service hall, or ask your employer',
  medical: 'the medical insurance office (call 12333 first)',
  housingFund: 'a housing provident fund service point',
  'pre-review': 'the one-stop window of your nearest social security service centre (call 12333 first)',
};

/** "the tax bureau" → "Tax bureau": a body's name as a heading. */
const headingEn = (name) => name.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase());

/** A sentence with 12333 as a tap-to-call link. */
function callable(text) {
  return text.split(/(12333)/).map((part) => (part === '12333' ? h('a', { href: 'tel:12333' }, '12333') : part));
}

/** @returns {Node[]} the body of the next-steps box under the status explanation */
export function nextParts(c) {
  const out = [];
  const steps = c.nextSteps;
  if (steps && c.decision === 'APPROVED') out.push(...approvedParts(steps));
  if (steps && c.decision === 'REJECTED') out.push(...rejectedParts(steps));
  if (!steps && c.appointment && ['BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'CHECKING', 'MANUAL_REVIEW'].includes(c.status))
    out.push(...appointmentParts(c));
  out.push(...waitingParts(c));
  if (c.status === 'COMPLETED' && !c.rating)
    out.push(h('p', {}, h('button', { type: 'button', class: 'button secondary', onclick: openRating }, t('rateThis'))));
  return out;
}

function approvedParts(steps) {
  const parts = [h('h2', { class: 'next-heading' }, t('nextApproved'))];
  const p = steps.pension;
  if (p) {
    parts.push(
      h(
        'div',
        { class: 'pension', 'data-testid': 'pension' },
        h('p', { class: 'pension-label' }, t('pensionLabel')),
        h('p', { class: 'pension-amount' }, money(p.monthlyFen)),
        h('p', {}, t('pensionFrom', { month: month(p.firstMonth) })),
        h('p', { class: 'hint' }, t('pensionParts', { basic: money(p.basicPensionFen), account: money(p.personalAccountPensionFen) })),
      ),
    );
  }
  if (steps.duties.length) {
    parts.push(
      h('h3', {}, t('dutiesHeading')),
      h(
        'ul',
        { class: 'duties' },
        steps.duties.map((d) =>
          h(
            'li',
            { class: 'duty-item', 'data-testid': `duty-${d.kind}` },
            h('p', { class: 'duty-what' }, t('topUpWhat', { amount: money(d.amountFen), months: d.months })),
            h('p', {}, t('topUpWhere', { where: d.where })),
            h('p', {}, t('topUpWhen', { month: month(d.payBefore) })),
          ),
        ),
      ),
    );
  }
  if (steps.payouts.length) {
    parts.push(
      h('h3', {}, t('payoutsHeading')),
      h(
        'ul',
        { class: 'payouts' },
        steps.payouts.map((x) =>
          h(
            'li',
            { 'data-testid': `payout-${x.kind}` },
            t('fundPayout', { amount: money(x.amountFen), bank: x.bankName, account: x.accountNoMasked, closes: x.closesAccount }),
          ),
        ),
      ),
    );
  }
  parts.push(h('p', { class: 'hint' }, t('keepPapers')));
  return parts;
}

function rejectedParts(steps) {
  const en = isEnglish();
  const parts = [
    h('h2', { class: 'next-heading' }, t('nextRejected')),
    h(
      'ol',
      { class: 'refusals' },
      steps.reasons.map((r) => {
        const english = en ? REASON_EN[r.code] : undefined;
        return h(
          'li',
          { class: 'refusal', 'data-testid': 'refusal-reason', 'data-code': r.code },
          h('p', { class: 'refusal-body' }, en && BODY_EN[r.body] ? headingEn(BODY_EN[r.body]) : h('span', { lang: en ? 'zh-CN' : undefined }, r.body)),
          english ? h('p', { class: 'refusal-message' }, english[0]) : null,
          h('p', { class: 'refusal-message', lang: 'zh-CN' }, r.message),
          h('p', {}, h('strong', {}, t('reasonWhat')), english ? english[1] : h('span', { lang: 'zh-CN' }, r.remedy)),
          h('p', {}, h('strong', {}, t('reasonWhere')), callable(en ? WHERE_EN[r.from] || r.where : r.where)),
        );
      }),
    ),
  ];
  const a = steps.appeal;
  if (a) {
    parts.push(
      h(
        'div',
        { class: 'appeal', 'data-testid': 'appeal' },
        h('h3', {}, t('appealHeading')),
        h('p', {}, t('appealReview', { to: a.reconsiderationTo, basis: a.reconsiderationBasis })),
        h('p', {}, t('appealCourt', { to: a.litigationTo, basis: a.litigationBasis })),
        h('p', { class: 'hint' }, callable(t('appealDecided', { day: chinaTime(a.decidedAt).day }))),
      ),
    );
  }
  parts.push(h('p', {}, t('againAfter')));
  return parts;
}

/** How long a wait lasts (the stage's promised date) and who will phone. */
function waitingParts(c) {
  const final = ['COMPLETED', 'EXPIRED', 'WITHDRAWN'].includes(c.status);
  if (final || !c.sla) return c.callback && !final ? [callLine(c)] : [];
  const s = c.sla;
  const lines = [];
  const provisional = s.provisional ? t('provisional') : '';
  // A person's step (pre-review, manual review) has its own promised date; the whole case's is already above.
  const personStep = s.stage !== 'case';
  if (personStep && s.state === 'OVERDUE') lines.push(h('p', { class: 'wait-how' }, t('waitOverdue', { due: date(s.dueDate) })));
  else if (personStep && s.state !== 'PAUSED')
    lines.push(h('p', { class: 'wait-how' }, t('waitHow', { days: s.workingDaysLeft, due: date(s.dueDate) }) + provisional));
  if (c.callback) lines.push(callLine(c));
  return lines;
}

function callLine(c) {
  const who = c.callback.by.join(isEnglish() ? ', ' : '、');
  const whoEn = c.callback.by.map((b) => BODY_EN[b] || b).join(', ');
  // While the citizen is the one to act (补正), a call is only for questions.
  const key = c.status === 'SUPPLEMENT_REQUESTED' ? 'waitCallMaybe' : 'waitCall';
  return h('p', { class: 'wait-call' }, t(key, { who, whoEn, phone: c.callback.phoneMasked }));
}
