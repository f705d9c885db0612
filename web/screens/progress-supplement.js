// At the top of the progress screen while pre-review waits for a correction (补正): what to correct, why in
// the staff's words, by when, and one button to do it.
import { h } from '../lib/api.js';
import { FIELD_ZH } from './case-status.js';
import { inFormOrder } from './supplement-fields.js';
import { tr, chinese, date } from '../lib/i18n.js';

/** China's date today, "YYYY-MM-DD". */
function todayInChina() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** @returns {Node[]} nothing unless the case waits for the citizen's correction */
export function supplementParts(c) {
  const s = c.supplement;
  if (c.status !== 'SUPPLEMENT_REQUESTED' || !s) return [];
  const late = todayInChina() > s.dueDate;
  return [
    h(
      'section',
      { class: 'supplement-box', 'aria-labelledby': 'p-supplement-h', 'data-testid': 'supplement-box' },
      h('h2', { id: 'p-supplement-h' }, tr('需要您补正的内容')),
      h(
        'ul',
        { class: 'asked' },
        inFormOrder(s.fields).map((f) => h('li', { 'data-field': f }, tr(FIELD_ZH[f] || f))),
      ),
      s.note ? h('p', { class: 'staff-note' }, h('span', { class: 'label' }, tr('工作人员的说明：')), chinese(s.note)) : null,
      h('p', { class: 'due' }, tr('请在 {due} 前提交', { due: date(s.dueDate) })),
      late ? h('p', { class: 'late' }, tr('已经过了补正的期限。请尽快提交，或拨打 12333 说明情况。')) : null,
      h('a', { class: 'button', href: '#supplement' }, tr('去修改')),
    ),
  ];
}
