// What the API rejected in the application form: a message under each field and a summary linking to them.
import { h } from '../lib/api.js';
import { $, fieldError, firstInput } from '../lib/ui.js';
import { tr, phrase, month } from '../lib/i18n.js';

/** What to say under a field the form or the API found wrong; the correction (补正) page says the same. */
export const FIELD_MSG = {
  'applicant.name': phrase('请填写姓名。'),
  'applicant.idNumber': phrase('身份证号码不正确。'),
  'applicant.gender': phrase('请选择性别。'),
  'applicant.birthDate': phrase('请填写正确的出生日期，例如 1966-10-12。'),
  'applicant.phone': phrase('请填写 11 位手机号码。'),
  'applicant.address': phrase('请填写现在的住址。'),
  'retirement.type': phrase('请选择退休方式。'),
  'retirement.requestedMonth': phrase('请填写退休月份，格式是 年-月，例如 2027-04。'),
  'retirement.originalRetirementAge': phrase('请选择原来的退休年龄。'),
  'retirement.employerAgreement': phrase('请选择单位是否同意您推迟退休。'),
  'bankAccount.bankName': phrase('请填写开户银行。'),
  'bankAccount.accountNo': phrase('银行卡号应为 8 到 30 位数字，不要空格。'),
  'housingFund.withdraw': phrase('请选择是否取出公积金。'),
  'commitments.informationTrue': phrase('请勾选这一项，承诺信息真实。'),
  'commitments.dataSharingConsent': phrase('请勾选这一项，同意四个部门共享信息。'),
};

/**
 * What to say for an error the server named. A month the service does not take (it answers "must be between
 * 2027-06 and 2027-12") is not a format mistake: the person is told which months may be chosen.
 */
export function serverFieldText(e) {
  if (e.path === 'retirement.requestedMonth') {
    const range = /between (\d{4}-\d{2}) and (\d{4}-\d{2})/.exec(e.message || '');
    if (range) return tr('退休月份只能选 {from} 到 {to} 之间的月份，请重新选择。', { from: month(range[1]), to: month(range[2]) });
  }
  return FIELD_MSG[e.path] ? tr(FIELD_MSG[e.path]) : tr('请检查：{message}', { message: e.message });
}

/** @param {HTMLElement} [summary] where the list of problems goes (the application form's own by default) */
export function showFormErrors(form, errors, summary = $('#form-summary')) {
  const items = [];
  const seen = new Set();
  for (const e of errors) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    const msg = e.text || serverFieldText(e);
    const placed = fieldError(form, e.path, msg);
    const input = placed && firstInput(form, e.path);
    items.push(
      h(
        'li',
        {},
        input
          ? h(
              'a',
              {
                href: `#${input.id || ''}`,
                onclick: (ev) => {
                  ev.preventDefault();
                  input.focus();
                  input.scrollIntoView({ block: 'center' });
                },
              },
              msg,
            )
          : msg,
      ),
    );
  }
  summary.replaceChildren(h('h2', {}, tr('有 {n} 处需要修改', { n: items.length })), h('ul', {}, items));
  summary.hidden = false;
  summary.focus();
}
