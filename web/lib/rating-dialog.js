// 好差评 from the footer of every page: a signed-in citizen rates the open case once it is completed
// (POST /v1/cases/{n}/rating, once); otherwise the dialog says when rating becomes possible.
import { api, h, idempotencyKeyFor } from './api.js';
import { t } from './i18n.js';
import { session } from './session.js';
import { problemText } from './citizen-problem.js';

let dialog = null;
const SCORES = [5, 4, 3, 2, 1];

export async function openRating() {
  dialog?.remove();
  const body = h('div', { class: 'rating-body' });
  const close = h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, t('close'));
  dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': 'rt-title' },
    h('h2', { id: 'rt-title' }, t('rtTitle')),
    body,
    h('div', { class: 'dialog-actions', id: 'rt-close' }, close),
  );
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
  if (!session.token || !session.caseNumber) return body.replaceChildren(h('p', {}, t('rtSignIn')));
  let c;
  try {
    c = await api('GET', `/v1/cases/${session.caseNumber}`, { token: session.token });
  } catch (err) {
    return body.replaceChildren(h('p', { class: 'error' }, problemText(err)));
  }
  if (c.rating) return body.replaceChildren(h('p', {}, t('rtDone', { score: t(`score${c.rating.score}`) })));
  if (c.status !== 'COMPLETED') return body.replaceChildren(h('p', {}, t('rtNotYet')));
  body.replaceChildren(ratingForm(c.caseNumber, body));
  body.querySelector('input').focus();
}

function ratingForm(caseNumber, body) {
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const comment = h('textarea', { id: 'rt-comment', rows: 3, maxlength: 500 });
  const send = h('button', { type: 'submit', class: 'button' }, t('rtSend'));
  const form = h(
    'form',
    { novalidate: true },
    h('p', {}, t('rtIntro')),
    h(
      'fieldset',
      { class: 'field' },
      h('legend', {}, t('rtScore')),
      SCORES.map((s) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'rt-score', value: s }), ` ${s} ${t(`score${s}`)}`)),
    ),
    h('div', { class: 'field' }, h('label', { for: 'rt-comment' }, t('rtComment')), comment),
    problem,
    h('div', { class: 'dialog-actions' }, send),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const picked = form.querySelector('input[name="rt-score"]:checked');
    if (!picked) {
      problem.textContent = t('rtPick');
      problem.hidden = false;
      return;
    }
    const rating = { score: Number(picked.value), ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) };
    const path = `/v1/cases/${caseNumber}/rating`;
    send.disabled = true;
    send.textContent = t('sending');
    try {
      await api('POST', path, { token: session.token, body: rating, headers: { 'Idempotency-Key': idempotencyKeyFor(path, rating) } });
      body.replaceChildren(h('p', { class: 'done', role: 'status' }, t('rtThanks')));
      // A page showing the case draws it again, now rated.
      window.dispatchEvent(new Event('ro:case-changed'));
      dialog.querySelector('#rt-close button').focus();
    } catch (err) {
      problem.textContent = problemText(err);
      problem.hidden = false;
      send.disabled = false;
      send.textContent = t('rtSend');
    }
  });
  return form;
}
