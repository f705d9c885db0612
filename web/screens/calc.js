// (a) 退休时间测算 (#calc): the statutory retirement month, without signing in and without saving anything.
import { api, ApiError, h, monthZh } from '../lib/api.js';
import { $, say, clearErrors, fieldError, firstInput, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { problemText } from '../lib/citizen-problem.js';

export function setupCalc() {
  const form = $('#calc-form');
  const original = $('#calc-original');
  form.addEventListener('change', () => {
    const female = form.gender.value === 'female';
    original.hidden = !female;
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const out = $('#calc-result');
    const gender = form.gender.value;
    const birthDate = form.birthDate.value;
    const orig = form.originalRetirementAge.value;
    let ok = true;
    if (!gender) ok = fieldError(form, 'gender', '请选择性别。') && false;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) ok = fieldError(form, 'birthDate', '请填写出生日期，例如 1966-10-12。') && false;
    if (gender === 'female' && !orig) ok = fieldError(form, 'originalRetirementAge', '请选择原来的退休年龄：50 岁或 55 岁。') && false;
    if (!ok) {
      say('有内容没有填好，请看红色提示。', 'error');
      firstInput(form, $('.has-error', form).dataset.path)?.focus();
      return;
    }
    const body = { gender, birthDate, ...(gender === 'female' ? { originalRetirementAge: Number(orig) } : {}) };
    const button = $('button[type=submit]', form);
    busy(button, true, '正在计算…');
    try {
      const r = await api('POST', '/v1/eligibility/retirement', { body });
      out.replaceChildren(...resultParts(r));
      out.hidden = false;
      say(`计算完成：您的法定退休时间是${monthZh(r.statutoryRetirementMonth)}。`, 'ok');
      out.focus();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        for (const e of err.errors) fieldError(form, e.path, e.path === 'birthDate' ? '出生日期不正确，请再核对。' : '请检查这一项。');
      }
      say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
}

function resultParts(r) {
  const age = `${r.statutoryRetirementAge.years} 岁${r.statutoryRetirementAge.months ? ` ${r.statutoryRetirementAge.months} 个月` : ''}`;
  return [
    h('h2', {}, '计算结果'),
    h(
      'dl',
      { class: 'facts' },
      h(
        'div',
        {},
        h('dt', {}, '您的法定退休时间'),
        h('dd', { class: 'big', 'data-testid': 'statutory-month', 'data-month': r.statutoryRetirementMonth }, monthZh(r.statutoryRetirementMonth)),
      ),
      h('div', {}, h('dt', {}, '法定退休年龄'), h('dd', {}, age)),
      h('div', {}, h('dt', {}, '领取养老金最少要缴费'), h('dd', {}, `${r.minimumContributionYears} 年`)),
      h('div', {}, h('dt', {}, '可以选择的退休时间（弹性退休）'), h('dd', {}, `${monthZh(r.flexibleEarliestMonth)} 至 ${monthZh(r.flexibleLatestMonth)}`)),
    ),
    h('p', { class: 'hint' }, '提前或推迟都要自己申请；提前退休需要缴费满最低年限。结果仅供参考，以人社部门核定为准。'),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: session.token ? '#book' : '#login' }, '去办理退休')),
  ];
}
