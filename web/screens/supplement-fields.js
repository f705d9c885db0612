// The fields pre-review may ask the citizen to correct (补正), built as the application form shows them:
// the same labels, hints, choices and messages (form-errors.js), one group of the form per page.
import { dateZh, h, monthZh } from '../lib/api.js';
import { $ } from '../lib/ui.js';
import { FIELD_MSG } from './form-errors.js';

/** The form's four parts, in the form's order, as its headings name them. */
export const GROUPS = [
  { key: 'applicant', title: '您的基本信息' },
  { key: 'retirement', title: '怎样退休' },
  { key: 'bankAccount', title: '养老金发到哪里' },
  { key: 'housingFund', title: '住房公积金' },
];

const RETIREMENT_TYPES = [
  ['normal', '按时退休', '到了法定退休年龄就退休。大多数人选这个。'],
  ['flexible-early', '提前退休（弹性）', '缴费满最低年限，可以比法定时间早退，最多早 3 年，但不能早于原来的退休年龄。'],
  ['flexible-late', '推迟退休（弹性）', '和单位商量好后，可以比法定时间晚退，最多晚 3 年。'],
  ['special-job', '特殊工种提前退休', '长期从事井下、高空、高温、繁重体力等有害身体健康的工作，年限够了可以提前。'],
  ['disability', '因病或伤残提前退休', '经劳动能力鉴定，完全丧失劳动能力的，可以提前。'],
];

const text = (max, tooLong) => (v) => (String(v).length > max ? tooLong : '');

/**
 * Each field: how it is asked (kind, label, hint, choices), how a value reads back in words, and what is
 * wrong with a value (a message, or '' when it is fine).
 */
const FIELDS = {
  'applicant.name': {
    kind: 'text',
    label: '姓名',
    hint: '和身份证上的一样',
    attrs: { autocomplete: 'name', maxlength: 50 },
    check: text(50, '姓名最多 50 个字。'),
  },
  'applicant.gender': {
    kind: 'radio',
    label: '性别',
    choices: [
      ['male', '男'],
      ['female', '女'],
    ],
  },
  'applicant.birthDate': { kind: 'date', label: '出生日期', hint: '身份证上的出生日期，例如 1966-10-12', pattern: /^\d{4}-\d{2}-\d{2}$/, words: dateZh },
  'applicant.phone': {
    kind: 'tel',
    label: '手机号码',
    hint: '11 位',
    attrs: { inputmode: 'numeric', maxlength: 11, autocomplete: 'tel' },
    pattern: /^1\d{10}$/,
  },
  'applicant.address': {
    kind: 'textarea',
    label: '现在的住址',
    hint: '邮寄材料用，写到门牌号',
    attrs: { rows: 3, maxlength: 200 },
    check: text(200, '住址最多 200 个字。'),
  },
  'retirement.type': { kind: 'radio', label: '退休方式', choices: RETIREMENT_TYPES.map(([v, t, explain]) => [v, t, explain]) },
  'retirement.requestedMonth': {
    kind: 'month',
    label: '想从哪个月开始退休',
    hint: '格式：年-月，例如 2027-04',
    pattern: /^\d{4}-(0[1-9]|1[0-2])$/,
    words: monthZh,
  },
  'retirement.originalRetirementAge': {
    kind: 'radio',
    label: '原来的退休年龄',
    hint: '男性都是 60 岁；女职工 50 岁，女干部 55 岁。',
    number: true,
    choices: [
      ['60', '60 岁（男性）'],
      ['55', '55 岁（女干部）'],
      ['50', '50 岁（女职工）'],
    ],
  },
  // The application form asks it as one checkbox next to 推迟退休; a correction asks it plainly, yes or no.
  'retirement.employerAgreement': {
    kind: 'radio',
    label: '单位是否同意您推迟退休？',
    hint: '推迟退休要和单位商量一致，并提前 1 个月写成书面材料。',
    boolean: true,
    choices: [
      ['yes', '是，单位已经同意'],
      ['no', '否，单位还没有同意'],
    ],
  },
  'bankAccount.bankName': { kind: 'text', label: '开户银行', attrs: { maxlength: 100 }, check: text(100, '银行名称最多 100 个字。') },
  'bankAccount.accountNo': {
    kind: 'text',
    label: '银行卡号',
    hint: '只写数字，不要空格',
    attrs: { inputmode: 'numeric', maxlength: 30, autocomplete: 'off', spellcheck: 'false' },
    pattern: /^\d{8,30}$/,
    digits: true,
    // Read back in groups of four, as printed on the card.
    words: (v) => String(v).replace(/(\d{4})(?=\d)/g, '$1 '),
  },
  'housingFund.withdraw': {
    kind: 'radio',
    label: '退休时是否把公积金全部取出？',
    hint: '取出后公积金账户会注销，钱转到银行卡。还有公积金贷款没还清的，需要工作人员和您联系。',
    boolean: true,
    choices: [
      ['yes', '取出并销户'],
      ['no', '暂不取出'],
    ],
  },
};

/** Element ids carry a prefix per page (the correction's `sp`, the application form's `f`): ids stay unique. */
const idFor = (path, prefix = 'sp') => `${prefix}-${path.replace(/[^a-zA-Z]/g, '-')}`;

/** The fields in the order the form asks them (staff may name them in any order). */
export function inFormOrder(paths) {
  const order = Object.keys(FIELDS);
  return [...paths].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export function groupOf(path) {
  return path.split('.')[0];
}

export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

export function setPath(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  let o = obj;
  for (const k of keys) o = o[k] ??= {};
  o[last] = value;
}

/** A field's value as the person reads it on the summary. */
export function valueWords(path, value) {
  const f = FIELDS[path];
  if (value === undefined || value === null || value === '') return '（没有填写）';
  if (f.kind === 'radio') {
    const v = f.boolean ? (value ? 'yes' : 'no') : String(value);
    return f.choices.find(([cv]) => cv === v)?.[1] ?? String(value);
  }
  return f.words ? f.words(value) : String(value);
}

/** The inputs for one field, showing `value`. */
export function fieldElement(path, value, prefix = 'sp') {
  const f = FIELDS[path];
  const id = idFor(path, prefix);
  const hintId = f.hint ? `${id}-hint` : undefined;
  const hint = f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null;
  // Its own id: the application form has a field of the same path, and ids must stay unique on the page.
  const error = h('p', { class: 'error', id: `${id}-error`, hidden: true });
  if (f.kind === 'radio') {
    const current = f.boolean ? (value === undefined ? '' : value ? 'yes' : 'no') : String(value ?? '');
    return h(
      'fieldset',
      { class: 'field', 'data-path': path },
      h('legend', {}, f.label),
      hint,
      f.choices.map(([v, label, explain], i) =>
        h(
          'label',
          { class: explain ? 'choice block' : 'choice' },
          h('input', { type: 'radio', name: id, value: v, id: i === 0 ? `${id}-first` : undefined, checked: v === current }),
          explain ? h('span', {}, h('strong', {}, label), h('span', { class: 'explain' }, explain)) : ` ${label}`,
        ),
      ),
      error,
    );
  }
  const attrs = { id, 'aria-describedby': hintId, ...f.attrs };
  const input =
    f.kind === 'textarea'
      ? h('textarea', attrs, value ?? '')
      : h('input', { type: f.kind === 'tel' ? 'tel' : f.kind === 'date' ? 'date' : f.kind === 'month' ? 'month' : 'text', value: value ?? '', ...attrs });
  return h('div', { class: 'field', 'data-path': path }, h('label', { for: id }, f.label), hint, input, error);
}

/** The value the person gave for this field on the page, shaped as the form's body wants it. */
export function readField(root, path, prefix = 'sp') {
  const f = FIELDS[path];
  const id = idFor(path, prefix);
  if (f.kind === 'radio') {
    const v = $(`input[name="${id}"]:checked`, root)?.value;
    if (v === undefined) return undefined;
    return f.boolean ? v === 'yes' : f.number ? Number(v) : v;
  }
  const raw = $(`#${id}`, root)?.value ?? '';
  return f.digits ? raw.replace(/\s+/g, '') : raw.trim().normalize('NFC');
}

/** '' when the value is fine, else what to say under the field — the application form's message where it has one. */
export function fieldProblem(path, value) {
  const f = FIELDS[path];
  if (value === undefined || value === '') return FIELD_MSG[path];
  if (f.pattern && !f.pattern.test(String(value))) return FIELD_MSG[path];
  return f.check?.(value) || '';
}
