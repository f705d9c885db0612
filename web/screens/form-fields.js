// The application form, one question group per page: which fields each page asks, how each is drawn (the
// same fields as the correction pages, supplement-fields.js, with ids of their own), and how it reads back.
// Two fields are the form's own: the ID number, shown but not changed, and the retirement month, chosen
// from the months the service takes on a form sent today (the prefill's `retirementMonths`), never typed.
import { h } from '../lib/api.js';
import { $ } from '../lib/ui.js';
import { fieldElement, fieldProblem, getPath, readField, setPath } from './supplement-fields.js';
import { tr, phrase, month, isEnglish } from '../lib/i18n.js';

const PREFIX = 'f';

/** The four question groups, in the form's order; the check page comes after them. */
export const STEPS = [
  {
    key: 'applicant',
    title: phrase('您的基本信息'),
    fields: ['applicant.name', 'applicant.idNumber', 'applicant.gender', 'applicant.birthDate', 'applicant.phone', 'applicant.address'],
  },
  {
    key: 'retirement',
    title: phrase('怎样退休'),
    fields: ['retirement.type', 'retirement.employerAgreement', 'retirement.originalRetirementAge', 'retirement.requestedMonth'],
  },
  { key: 'bankAccount', title: phrase('养老金发到哪里'), fields: ['bankAccount.bankName', 'bankAccount.accountNo'] },
  { key: 'housingFund', title: phrase('住房公积金'), fields: ['housingFund.withdraw'] },
];
export const FORM_PATHS = STEPS.flatMap((s) => s.fields);

/** Flexible late retirement needs the employer's agreement (办法 第三条): the question is asked for that choice only. */
export const asksAgreement = (type) => type === 'flexible-late';
export const AGREEMENT = 'retirement.employerAgreement';

function agreementField(value, type) {
  const id = `${PREFIX}-retirement-employerAgreement`;
  return h(
    'div',
    { class: 'field', 'data-path': AGREEMENT, id: `${id}-part`, hidden: !asksAgreement(type) },
    h(
      'label',
      { class: 'choice block' },
      h('input', { type: 'checkbox', id, checked: value === true }),
      h('span', {}, tr('单位已经同意我推迟退休（推迟退休要和单位商量一致，并提前 1 个月写成书面材料）')),
    ),
    h('p', { class: 'error', hidden: true }),
  );
}

/** The form's values, by path, as the prefill gives them (what nobody holds stays empty; normal retirement is the default). */
export function valuesFromPrefill(p) {
  const values = {};
  for (const path of FORM_PATHS) {
    const v = getPath(p, path);
    if (v !== undefined) values[path] = v;
  }
  values['retirement.type'] ??= 'normal';
  return values;
}

/** The body POST /v1/cases/{n}/application takes, from the values and the two promises. */
export function formBody(values, commitments) {
  const body = {};
  for (const path of FORM_PATHS) {
    if (path === AGREEMENT && !asksAgreement(values['retirement.type'])) continue;
    setPath(body, path, values[path]);
  }
  body.commitments = commitments;
  return body;
}

// ---------- the retirement month ----------

const monthIdx = (m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthAt = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** Every month the service takes today, earliest first. */
export function requestableMonths(months) {
  const list = [];
  for (let i = monthIdx(months.earliest); i <= monthIdx(months.latest); i++) list.push(monthAt(i));
  return list;
}

/** What to say about the month in words: the person's own statutory month, and which months may be chosen. */
export function monthExplanation(months, type) {
  const { earliest, latest, statutory, flexibleEarliest, flexibleLatest } = months;
  const ahead = monthIdx(latest) - monthIdx(earliest);
  const v = {
    earliest: month(earliest),
    latest: month(latest),
    ahead,
    statutory: month(statutory),
    flexibleEarliest: month(flexibleEarliest),
    flexibleLatest: month(flexibleLatest),
    applyFrom: statutory ? month(monthAt(monthIdx(statutory) - ahead)) : '',
  };
  const range = tr('网上申请可以选 {earliest} 到 {latest} 之间的月份（从本月起 {ahead} 个月以内），已经过去的月份不能选。', v);
  if (!statutory) return range;
  const own = (said) => `${said}${isEnglish() ? ' ' : ''}${range}`;
  if (type === 'flexible-early') return own(tr('按您的出生日期，法定退休时间是 {statutory}。弹性提前退休最早 {flexibleEarliest}，要早于 {statutory}。', v));
  if (type === 'flexible-late') return own(tr('按您的出生日期，法定退休时间是 {statutory}。弹性推迟退休要晚于 {statutory}，最晚 {flexibleLatest}。', v));
  if (type !== 'normal') return own(tr('按您的出生日期，法定退休时间是 {statutory}。', v));
  if (monthIdx(statutory) < monthIdx(earliest)) {
    return own(tr('按您的出生日期，法定退休时间是 {statutory}，已经过了。按时退休从您申请的这个月开始领取，就是 {earliest}。', v));
  }
  if (monthIdx(statutory) > monthIdx(latest)) return own(tr('按您的出生日期，法定退休时间是 {statutory}。现在还太早：请在 {applyFrom} 以后再提交申请。', v));
  return own(tr('按您的出生日期，法定退休时间是 {statutory}，按时退休就选这个月。', v));
}

/**
 * The month as a choice among the months the service takes, so no refused month can be sent; the application
 * form's (prefix `f`) and the correction pages' (`sp`) alike.
 */
export function monthChoice(value, months, type, prefix = PREFIX) {
  const id = `${prefix}-retirement-requestedMonth`;
  const options = requestableMonths(months);
  const current = options.includes(value) ? value : '';
  const note = (m) => (m === months.statutory ? tr('（法定退休时间）') : m === months.earliest ? tr('（本月）') : '');
  return h(
    'div',
    { class: 'field', 'data-path': 'retirement.requestedMonth' },
    h('label', { for: id }, tr('想从哪个月开始退休')),
    h('p', { class: 'hint', id: `${id}-hint` }, monthExplanation(months, type)),
    h(
      'select',
      { id, 'aria-describedby': `${id}-hint` },
      h('option', { value: '', selected: current === '' }, tr('请选择月份')),
      options.map((m) => h('option', { value: m, selected: m === current }, `${month(m)}${note(m)}`)),
    ),
    h('p', { class: 'error', id: `${id}-error`, hidden: true }),
  );
}

/** Redraws the month's explanation when the person picks another way of retiring. */
export function explainMonth(root, months, prefix = PREFIX) {
  const type = $(`input[name="${prefix}-retirement-type"]:checked`, root)?.value;
  const hint = $(`#${prefix}-retirement-requestedMonth-hint`, root);
  if (hint && type) hint.textContent = monthExplanation(months, type);
  const agreement = $(`#${prefix}-retirement-employerAgreement-part`, root);
  if (agreement) agreement.hidden = !asksAgreement(type);
}

// ---------- one page ----------

/** The inputs of one field of the form, showing `value`. */
export function formField(path, value, ctx) {
  if (path === 'applicant.idNumber') {
    const id = `${PREFIX}-applicant-idNumber`;
    return h(
      'div',
      { class: 'field', 'data-path': path },
      h('label', { for: id }, tr('身份证号码')),
      h('input', { type: 'text', id, value: value ?? '', readonly: true, 'aria-readonly': 'true', 'aria-describedby': `${id}-hint` }),
      h('p', { class: 'hint', id: `${id}-hint` }, tr('与预约时一致，不能修改。')),
      h('p', { class: 'error', hidden: true }),
    );
  }
  if (path === 'retirement.requestedMonth') return monthChoice(value, ctx.months, ctx.values['retirement.type']);
  if (path === AGREEMENT) return agreementField(value, ctx.values['retirement.type']);
  return fieldElement(path, value, PREFIX);
}

/** The value on the page for a field (the ID number is not on the page to change: it stays as it was). */
export function readFormField(root, path, values) {
  if (path === 'applicant.idNumber') return values[path];
  if (path === 'retirement.requestedMonth') return $(`#${PREFIX}-retirement-requestedMonth`, root)?.value || undefined;
  if (path === AGREEMENT) {
    const type = $(`input[name="${PREFIX}-retirement-type"]:checked`, root)?.value;
    return asksAgreement(type) ? $(`#${PREFIX}-retirement-employerAgreement`, root).checked : undefined;
  }
  return readField(root, path, PREFIX);
}

/** '' when the value is fine, else what to say under the field. */
export function formFieldProblem(path, value, months) {
  if (path === 'applicant.idNumber' || path === AGREEMENT) return '';
  if (path === 'retirement.requestedMonth') return monthProblem(value, months);
  return fieldProblem(path, value) || '';
}

/** '' when the month is one the service takes today, else what to say under the list. */
export function monthProblem(value, months) {
  if (!value) return tr('请选择想从哪个月开始退休。');
  return requestableMonths(months).includes(value) ? '' : monthRangeText(months.earliest, months.latest);
}

export function monthRangeText(earliest, latest) {
  return tr('退休月份只能选 {from} 到 {to} 之间的月份，请重新选择。', { from: month(earliest), to: month(latest) });
}
