// 预约成功 (#booked): the case number, the deadline for the form, and when and where to come if at a window,
// with the appointment as a calendar file (from the case view, which carries it).
import { api } from '../lib/api.js';
import { $ } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { knownCentre } from '../lib/service-centres.js';
import { currentScreen } from '../lib/navigation.js';
import { appointmentParts } from './progress-appointment.js';
import { tr, date, instant, clock, chinese } from '../lib/i18n.js';

export function showBooked() {
  const b = session.booking;
  $('#booked-number').textContent = session.caseNumber;
  $('#booked-deadline').textContent = b ? tr('请在 {due} 前提交申请表，过期要重新预约。', { due: date(b.applicationDeadline) }) : '';
  const slot = b?.slot;
  const centre = slot && knownCentre(slot.serviceCenterId);
  const when = slot && { start: instant(slot.start), end: clock(slot.end) };
  // The centre's name and address are its own, in Chinese: marked so on an English page.
  $('#booked-slot').replaceChildren(
    ...(!slot
      ? [tr('您选择了网上办理，不用去窗口。')]
      : centre
        ? [tr('窗口办理时间：{start}–{end}，', when), chinese(`${centre.name}（${centre.address}）`), tr('。请带上身份证。')]
        : [tr('窗口办理时间：{start}–{end}。请带上身份证。', when)]),
  );
  $('#booked-slot').hidden = false;
  $('#booked-appointment').replaceChildren();
  if (slot) showAppointment(session.caseNumber);
}

/** The centre, address and calendar file of a window booking; without them the line above still says when. */
async function showAppointment(caseNumber) {
  try {
    const c = await api('GET', `/v1/cases/${caseNumber}`, { token: session.token });
    if (currentScreen() !== 'booked' || caseNumber !== session.caseNumber) return;
    $('#booked-appointment').replaceChildren(...appointmentParts(c));
    $('#booked-slot').hidden = Boolean(c.appointment);
  } catch {
    /* the line above already says when and where */
  }
}
