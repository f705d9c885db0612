// 办不成事: from the footer of every page, anyone (signed in or not) says what they could not get done
// (POST /v1/feedback). The open case, if any, goes with it.
import { api, h, idempotencyKeyFor } from './api.js';
import { t } from './i18n.js';
import { session } from './session.js';
import { problemText } from './citizen-problem.js';

let dialog = null;

const PHONE = /^1\d{10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function openFeedback() {
  dialog?.remove();
  dialog = build();
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('textarea').focus();
}

function build() {
  const problem = h('p', { class: 'error', id: 'fb-problem', role: 'alert', hidden: true });
  const text = h('textarea', { id: 'fb-text', rows: 4, maxlength: 2000, 'aria-describedby': 'fb-text-hint' });
  const contact = h('input', { type: 'text', id: 'fb-contact', maxlength: 254, autocomplete: 'tel', 'aria-describedby': 'fb-contact-hint' });
  const send = h('button', { type: 'submit', class: 'button' }, t('fbSend'));
  const close = h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, t('close'));
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { id: 'fb-title' }, t('fbTitle')),
    h('p', { id: 'fb-intro' }, t('fbIntro')),
    h('div', { class: 'field' }, h('label', { for: 'fb-text' }, t('fbText')), h('p', { class: 'hint', id: 'fb-text-hint' }, t('fbTextHint')), text),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'fb-contact' }, t('fbContact')),
      h('p', { class: 'hint', id: 'fb-contact-hint' }, t('fbContactHint')),
      contact,
    ),
    problem,
    h('div', { class: 'dialog-actions' }, send, close),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { text: text.value.trim() };
    const reach = contact.value.trim();
    const fail = (msg) => {
      problem.textContent = msg;
      problem.hidden = false;
    };
    if (!body.text) return fail(t('fbEmpty'));
    if (reach && !PHONE.test(reach) && !EMAIL.test(reach)) return fail(t('fbContactBad'));
    if (reach) body.contact = reach;
    if (session.caseNumber) body.caseNumber = session.caseNumber;
    problem.hidden = true;
    send.disabled = true;
    send.textContent = t('sending');
    try {
      await api('POST', '/v1/feedback', { token: session.token, body, headers: { 'Idempotency-Key': idempotencyKeyFor('/v1/feedback', body) } });
      form.replaceChildren(
        h('h2', { id: 'fb-title' }, t('fbTitle')),
        h('p', { class: 'done', role: 'status' }, t('fbSent')),
        h('div', { class: 'dialog-actions' }, close),
      );
      close.focus();
    } catch (err) {
      fail(problemText(err));
      send.disabled = false;
      send.textContent = t('fbSend');
    }
  });
  return h('dialog', { class: 'dialog', 'aria-labelledby': 'fb-title', 'aria-describedby': 'fb-intro' }, form);
}
