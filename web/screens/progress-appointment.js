// A window appointment on the progress screen: the centre, its address, the day and time, and a button that
// saves the appointment as an .ics file a phone's calendar opens. The file is the one the case view carries
// (made on the server with the `ics` package), so the page only hands it over.
import { h } from '../lib/api.js';
import { addWords, t, chinaTime } from '../lib/i18n.js';

addWords(
  {
    apptHeading: '窗口办理的预约',
    apptWhen: (v) => `时间：${v.day} ${v.from}–${v.to}`,
    apptWhere: (v) => `地点：${v.name}`,
    apptAddress: (v) => `地址：${v.address}`,
    apptBring: '请带上身份证，按时到窗口，说出您的办件编号。',
    apptCalendar: '加到手机日历',
    apptSaved: '已保存日历文件，打开它就能加到日历里。',
  },
  {
    apptHeading: 'Your window appointment',
    apptWhen: (v) => `When: ${v.day}, ${v.from}–${v.to}`,
    apptWhere: (v) => `Where: ${v.name}`,
    apptAddress: (v) => `Address: ${v.address}`,
    apptBring: 'Bring your ID card, come on time and give your case number.',
    apptCalendar: 'Add to my phone calendar',
    apptSaved: 'The calendar file is saved: open it to add the appointment.',
  },
);

/** @returns {Node[]} */
export function appointmentParts(c) {
  const a = c.appointment;
  if (!a) return [];
  const start = chinaTime(a.start);
  const end = chinaTime(a.end);
  const saved = h('p', { class: 'hint', 'aria-live': 'polite' });
  return [
    h(
      'div',
      { class: 'appointment', 'data-testid': 'appointment' },
      h('h2', { class: 'next-heading' }, t('apptHeading')),
      h('p', { class: 'appt-when' }, t('apptWhen', { day: start.day, from: start.time, to: end.time })),
      h('p', {}, t('apptWhere', { name: a.name })),
      h('p', {}, t('apptAddress', { address: a.address })),
      h('p', {}, t('apptBring')),
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          onclick: () => {
            saveCalendar(c.caseNumber, a.calendar);
            saved.textContent = t('apptSaved');
          },
        },
        `${t('apptCalendar')}（.ics）`,
      ),
      saved,
    ),
  ];
}

function saveCalendar(caseNumber, text) {
  const href = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = href;
  link.download = `${caseNumber}.ics`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
