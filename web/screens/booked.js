// 预约成功 (#booked): the case number, the deadline for the form, and when and where to come if at a window.
import { dateZh, instantZh, timeZh } from '../lib/api.js';
import { $ } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { knownCentre } from '../lib/service-centres.js';

export function showBooked() {
  const b = session.booking;
  $('#booked-number').textContent = session.caseNumber;
  $('#booked-deadline').textContent = b ? `请在 ${dateZh(b.applicationDeadline)} 前提交申请表，过期要重新预约。` : '';
  const slot = b?.slot;
  const centre = slot && knownCentre(slot.serviceCenterId);
  $('#booked-slot').textContent = slot
    ? `窗口办理时间：${instantZh(slot.start)}–${timeZh(slot.end)}${centre ? `，${centre.name}（${centre.address}）` : ''}。请带上身份证。`
    : '您选择了网上办理，不用去窗口。';
}
