// The application form's last page: everything on one page to check before sending, each value marked with
// who supplied it (as the EU Once-Only Technical System shows evidence before a person agrees to its use:
// "来自人社部门", or 您填写的 / 您改过的), then the two promises — consent to use what the departments supplied.
import { h } from '../lib/api.js';
import { FIELD_ZH } from './case-status.js';
import { AGREEMENT, STEPS, asksAgreement } from './form-fields.js';
import { valueWords } from './supplement-fields.js';
import { tr, phrase, langOf } from '../lib/i18n.js';

export const SOURCE_ZH = {
  hr: phrase('来自人社部门'),
  housingFund: phrase('来自住房公积金中心'),
  booking: phrase('来自您的预约'),
  idNumber: phrase('按您的身份证号码'),
};

/** Who a value on the check page came from: a department, the booking, or the person. */
export function sourceOf(path, values, prefilled, sources) {
  const from = sources?.[path];
  const same = JSON.stringify(values[path]) === JSON.stringify(prefilled[path]);
  if (from && same) return { kind: from, text: tr(SOURCE_ZH[from]) };
  if (from) return { kind: 'changed', text: tr('您改过（原来{source}）', { source: tr(SOURCE_ZH[from]) }) };
  return { kind: 'typed', text: tr('您填写的') };
}

const words = (path, value) => {
  if (path === 'applicant.idNumber') return value || tr('（没有填写）');
  if (path === AGREEMENT) return value === true ? tr('是') : tr('否');
  return valueWords(path, value);
};

/** The check list, one group per page of the form, each with a button back to that page. */
export function checkList({ values, prefilled, sources, onEdit }) {
  return STEPS.map((step, i) =>
    h(
      'section',
      { class: 'check-group', 'aria-labelledby': `chk-${step.key}` },
      h('h3', { id: `chk-${step.key}` }, tr(step.title)),
      h(
        'dl',
        { class: 'check-list' },
        step.fields
          .filter((path) => path !== AGREEMENT || asksAgreement(values['retirement.type']))
          .map((path) => {
            const source = sourceOf(path, values, prefilled, sources);
            return h(
              'div',
              { class: 'check-row', 'data-field': path },
              h('dt', {}, path === 'applicant.idNumber' ? tr('身份证号码') : tr(FIELD_ZH[path] || path)),
              h(
                'dd',
                {},
                h('span', { class: 'check-value', lang: langOf(words(path, values[path])) }, words(path, values[path])),
                h('span', { class: `source source-${source.kind}` }, source.text),
              ),
            );
          }),
      ),
      h(
        'button',
        { type: 'button', class: 'text-button check-edit', onclick: () => onEdit(i), 'aria-label': tr('修改{what}', { what: tr(step.title) }) },
        tr('修改'),
      ),
    ),
  );
}

/** The two promises, asked after the person has seen what will be used. */
export function commitmentFields(commitments) {
  const box = (id, path, text, checked) =>
    h(
      'div',
      { class: 'field', 'data-path': path },
      h('label', { class: 'choice block' }, h('input', { type: 'checkbox', id, checked }), h('span', {}, text)),
      h('p', { class: 'error', hidden: true }),
    );
  return h(
    'fieldset',
    { class: 'consent' },
    h('legend', {}, tr('请确认')),
    box(
      'f-consent',
      'commitments.dataSharingConsent',
      tr('我同意使用上面标明“来自”各部门的信息办理退休，并同意人社、税务、医保、公积金四个部门为办理退休共享和核查我的信息。'),
      commitments.dataSharingConsent,
    ),
    box('f-true', 'commitments.informationTrue', tr('我承诺以上信息真实、准确。'), commitments.informationTrue),
  );
}
