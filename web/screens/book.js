// (c) 预约 (#book): book online or at a window and get a case number; a person who already has an open case
// is offered that case instead.
import { api, ApiError, newIdempotencyKey, h } from '../lib/api.js';
import { $, say, clearErrors, fieldError, firstInput, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go } from '../lib/navigation.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { listCentres, showCentreAddress, loadSlots } from './book-window.js';
import { setupResumeCase } from './resume-case.js';
import { tr, month } from '../lib/i18n.js';

let bookingKey = { body: '', key: '' };

export function setupBook() {
  const form = $('#book-form');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  $('#book-date').min = today;
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'channel') {
      const windowMode = form.channel.value === 'window';
      $('#window-part').hidden = !windowMode;
      if (windowMode) listCentres();
    }
    if (ev.target.id === 'book-centre') {
      showCentreAddress();
      loadSlots();
    }
    if (ev.target.id === 'book-date') loadSlots();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const phone = form.phone.value.trim();
    const channel = form.channel.value || 'online';
    const slotId = channel === 'window' ? $('input[name=slotId]:checked', form)?.value || '' : '';
    let ok = true;
    if (!/^1\d{10}$/.test(phone)) ok = fieldError(form, 'phone', tr('请填写 11 位手机号码。')) && false;
    if (channel === 'window' && !slotId) ok = fieldError(form, 'slotId', tr('请选择一个时间段。')) && false;
    if (!ok) {
      say(tr('有内容没有填好，请看红色提示。'), 'error');
      firstInput(form, $('.has-error', form).dataset.path)?.focus();
      return;
    }
    const body = { idNumber: session.idNumber, name: session.name, phone, channel, ...(slotId ? { slotId } : {}) };
    // The same booking sent again (say, after a lost answer) reuses its key, so it is never booked twice.
    const bodyText = JSON.stringify(body);
    if (bookingKey.body !== bodyText) bookingKey = { body: bodyText, key: newIdempotencyKey() };
    const button = $('button[type=submit]', form);
    busy(button, true, tr('正在预约…'));
    try {
      const r = await api('POST', '/v1/bookings', { token: session.token, body, headers: { 'Idempotency-Key': bookingKey.key } });
      session.caseNumber = r.caseNumber;
      session.booking = r;
      session.invitation = null;
      $('#invitation-note')?.remove();
      bookingKey = { body: '', key: '' };
      go('booked');
      say(tr('预约成功。'), 'ok');
    } catch (err) {
      if (handleAuth(err)) return;
      if (err instanceof ApiError && err.status === 409 && err.problem.caseNumber) {
        offerOpenCase(err.problem.caseNumber);
        return;
      }
      if (err instanceof ApiError && err.status === 409) {
        fieldError(form, 'slotId', tr('这个时间段已约满，请选择其他时间。'));
        loadSlots();
      }
      for (const e of err.errors || [])
        fieldError(
          form,
          e.path,
          e.path === 'slotId' ? tr('这个时间段不能预约，请换一个。') : e.path === 'phone' ? tr('请填写 11 位手机号码。') : tr('请检查这一项。'),
        );
      say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
  setupResumeCase();
}

export function showBook() {
  $('#open-case')?.remove();
  // The address line is drawn in the page's language, which may have changed since.
  showCentreAddress();
  if (session.invitation) fillFromInvitation(session.invitation);
}

/**
 * Opened from an invitation: the phone HR holds (the one the invitation went to) is proposed, and the page says
 * why. A reference that is not this person's (a forwarded text, another sign-in) is dropped without a word.
 */
async function fillFromInvitation(ref) {
  let invited;
  try {
    invited = (await api('GET', `/v1/cases?invitation=${encodeURIComponent(ref)}`, { token: session.token })).invitation;
  } catch (err) {
    if (handleAuth(err)) return;
    if (err instanceof ApiError && [400, 403].includes(err.status)) session.invitation = null;
    return;
  }
  if (session.invitation !== ref) return;
  if (!invited) {
    session.invitation = null;
    return;
  }
  const phone = $('#book-phone');
  if (!phone.value) phone.value = invited.phone;
  $('#invitation-note')?.remove();
  $('#book-form').before(
    h(
      'p',
      { id: 'invitation-note', class: 'notice', 'data-testid': 'invitation-note' },
      tr('您收到了我们的邀请：您将于 {month}达到法定退休年龄。手机号码已按人社部门的记录填好，请核对。', { month: month(invited.statutoryRetirementMonth) }),
    ),
  );
}

/** One person has one open case at a time: a refused booking points to the case already open. */
function offerOpenCase(n) {
  say(tr('您已经有一个正在办理的办件：{n}。请继续办理这个办件。', { n }), 'warn');
  const box = $('#book-slots').closest('form');
  const old = $('#open-case', box.parentElement);
  old?.remove();
  box.after(
    h(
      'div',
      { id: 'open-case', class: 'notice' },
      h('p', {}, tr('您已经有一个正在办理的办件：'), h('strong', { class: 'mono' }, n)),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: () => {
            session.caseNumber = n;
            session.booking = null;
            go('progress');
          },
        },
        tr('打开这个办件'),
      ),
    ),
  );
}
