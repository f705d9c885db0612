// (a) 退休时间测算 (#calc): the statutory retirement month, without signing in and without saving anything.
import { api, ApiError, h } from '../lib/api.js';
import { $, say, clearErrors, fieldError, firstInput, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { problemText } from '../lib/citizen-problem.js';
import { tr, month } from '../lib/i18n.js';

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
    if (!gender) ok = fieldError(form, 'gender', tr('请选择性别。')) && false;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) ok = fieldError(form, 'birthDate', tr('请填写出生日期，例如 1966-10-12。')) && false;
    if (gender === 'female' && !orig) ok = fieldError(form, 'originalRetirementAge', tr('请选择原来的退休年龄：50 岁或 55 岁。')) && false;
    if (!ok) {
      say(tr('有内容没有填好，请看红色提示。'), 'error');
      firstInput(form, $('.has-error', form).dataset.path)?.focus();
      return;
    }
    const body = { gender, birthDate, ...(gender === 'female' ? { originalRetirementAge: Number(orig) } : {}) };
    const button = $('button[type=submit]', form);
    busy(button, true, tr('正在计算…'));
    try {
      const r = await api('POST', '/v1/eligibility/retirement', { body });
      out.replaceChildren(...resultParts(r));
      out.hidden = false;
      say(tr('计算完成：您的法定退休时间是{month}。', { month: month(r.statutoryRetirementMonth) }), 'ok');
      out.focus();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        for (const e of err.errors) fieldError(form, e.path, e.path === 'birthDate' ? tr('出生日期不正确，请再核对。') : tr('请检查这一项。'));
      }
      say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
}

function resultParts(r) {
  const age = r.statutoryRetirementAge.months
    ? tr('{years} 岁 {months} 个月', { years: r.statutoryRetirementAge.years, months: r.statutoryRetirementAge.months })
    : tr('{years} 岁', { years: r.statutoryRetirementAge.years });
  return [
    h('h2', {}, tr('计算结果')),
    h(
      'dl',
      { class: 'facts' },
      h(
        'div',
        {},
        h('dt', {}, tr('您的法定退休时间')),
        h('dd', { class: 'big', 'data-testid': 'statutory-month', 'data-month': r.statutoryRetirementMonth }, month(r.statutoryRetirementMonth)),
      ),
      h('div', {}, h('dt', {}, tr('法定退休年龄')), h('dd', {}, age)),
      h('div', {}, h('dt', {}, tr('领取养老金最少要缴费')), h('dd', {}, tr('{years} 年', { years: r.minimumContributionYears }))),
      h(
        'div',
        {},
        h('dt', {}, tr('可以选择的退休时间（弹性退休）')),
        h('dd', {}, tr('{from} 至 {to}', { from: month(r.flexibleEarliestMonth), to: month(r.flexibleLatestMonth) })),
      ),
    ),
    h('p', { class: 'hint' }, tr('提前或推迟都要自己申请；提前退休需要缴费满最低年限。结果仅供参考，以人社部门核定为准。')),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: session.token ? '#book' : '#login' }, tr('去办理退休'))),
  ];
}
