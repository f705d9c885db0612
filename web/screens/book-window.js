// The window part of the booking screen: which service centre, its address, and the free time slots of a day.
import { api, h } from '../lib/api.js';
import { $, say } from '../lib/ui.js';
import { centresLoaded, loadCentres, knownCentre } from '../lib/service-centres.js';
import { problemText } from '../lib/citizen-problem.js';
import { tr, clock, chinese } from '../lib/i18n.js';

export async function listCentres() {
  if (centresLoaded()) return;
  const select = $('#book-centre');
  try {
    const centres = await loadCentres();
    select.replaceChildren(...centres.map((c) => h('option', { value: c.id, lang: 'zh-CN' }, c.name)));
    showCentreAddress();
  } catch (err) {
    say(problemText(err), 'error');
  }
}

export function showCentreAddress() {
  const c = knownCentre($('#book-centre').value);
  $('#book-centre-address').replaceChildren(...(c ? [tr('地址：'), chinese(c.address)] : []));
}

export async function loadSlots() {
  const box = $('#book-slots');
  const centre = $('#book-centre').value;
  const date = $('#book-date').value;
  if (!centre || !date) {
    box.replaceChildren(h('p', { class: 'hint' }, tr('请先选择服务中心和日期。')));
    return;
  }
  box.replaceChildren(h('p', { class: 'hint' }, tr('正在查询可预约的时间…')));
  try {
    const slots = await api('GET', `/v1/service-centers/${encodeURIComponent(centre)}/slots?date=${encodeURIComponent(date)}`);
    if (!slots.length) {
      box.replaceChildren(h('p', { class: 'hint' }, tr('这一天不办公（周末或节假日），请换一天。')));
      return;
    }
    box.replaceChildren(
      ...slots.map((s) =>
        h(
          'label',
          { class: `choice slot${s.remaining ? '' : ' full'}` },
          h('input', { type: 'radio', name: 'slotId', value: s.slotId, disabled: s.remaining === 0 }),
          ` ${clock(s.start)}–${clock(s.end)}　`,
          h('span', { class: 'seats' }, s.remaining ? tr('还剩 {n} 个名额', { n: s.remaining }) : tr('已约满')),
        ),
      ),
    );
  } catch (err) {
    box.replaceChildren(h('p', { class: 'error' }, problemText(err)));
  }
}
