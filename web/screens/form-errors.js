// What the API rejected in the application form: a message under each field and a summary linking to them.
import { h, monthZh } from '../lib/api.js';
import { $, fieldError, firstInput } from '../lib/ui.js';

/** What to say under a field the form or the API found wrong; the correction (补正) page says the same. */
export const FIELD_MSG = {
  'applicant.name': '请填写姓名。',
  'applicant.idNumber': '身份证号码不正确。',
  'applicant.gender': '请选择性别。',
  'applicant.birthDate': '请填写正确的出生日期，例如 1966-10-12。',
  'applicant.phone': '请填写 11 位手机号码。',
  'applicant.address': '请填写现在的住址。',
  'retirement.type': '请选择退休方式。',
  'retirement.requestedMonth': '请填写退休月份，格式是 年-月，例如 2027-04。',
  'retirement.originalRetirementAge': '请选择原来的退休年龄。',
  'retirement.employerAgreement': '请选择单位是否同意您推迟退休。',
  'bankAccount.bankName': '请填写开户银行。',
  'bankAccount.accountNo': '银行卡号应为 8 到 30 位数字，不要空格。',
  'housingFund.withdraw': '请选择是否取出公积金。',
  'commitments.informationTrue': '请勾选这一项，承诺信息真实。',
  'commitments.dataSharingConsent': '请勾选这一项，同意四个部门共享信息。',
};

/**
 * What to say for an error the server named. A month the service does not take (it answers "must be between
 * 2027-06 and 2027-12") is not a format mistake: the person is told which months may be chosen.
 */
export function serverFieldText(e) {
  if (e.path === 'retirement.requestedMonth') {
    const range = /between (\d{4}-\d{2}) and (\d{4}-\d{2})/.exec(e.message || '');
    if (range) return `退休月份只能选 ${monthZh(range[1])} 到 ${monthZh(range[2])} 之间的月份，请重新选择。`;
  }
  return FIELD_MSG[e.path] || `请检查：${e.message}`;
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
  summary.replaceChildren(h('h2', {}, `有 ${items.length} 处需要修改`), h('ul', {}, items));
  summary.hidden = false;
  summary.focus();
}
