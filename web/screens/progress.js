// (e) 办理进度 (#progress): the case's status, read while something can still change (nextPollMs says how often),
// and not while the page is hidden.
import { api, ApiError, h } from '../lib/api.js';
import { $, say } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go, currentScreen } from '../lib/navigation.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { FINAL_STATUSES, WITHDRAWABLE, nextPollMs, statusText, statusExplain, slaLines } from './case-status.js';
import { documentParts } from './progress-documents.js';
import { departmentItems, timelineItems } from './progress-details.js';
import { supplementParts } from './progress-supplement.js';
import { nextParts } from './progress-next.js';
import { t, tr } from '../lib/i18n.js';

let pollTimer = null;
let lastStatus = '';
// When this page first saw the case in its current status (the page's own clock).
let statusSince = 0;
let pollFailures = 0;
// What the correction box shows now: redrawn only when that changes, so polling never moves the focus off 去修改.
let supplementShown = '';

// Something changed the case from elsewhere on the page (a rating): read it again now.
window.addEventListener('ro:case-changed', () => {
  if (currentScreen() === 'progress') pollNow(lastStatus);
});

// A hidden page reads nothing; shown again, it reads the case at once and carries on.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) stopPolling();
  else if (currentScreen() === 'progress' && session.caseNumber && !FINAL_STATUSES.has(lastStatus)) pollNow(lastStatus);
});

export function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
}

export function showProgress() {
  stopPolling();
  lastStatus = '';
  supplementShown = '';
  $('#p-supplement').replaceChildren();
  $('#p-number').textContent = session.caseNumber;
  poll();
}

/**
 * Reads the case at once instead of waiting for the next poll. `knownStatus` is a status the person has
 * just been told about elsewhere, so it is not announced again.
 */
export function pollNow(knownStatus) {
  stopPolling();
  if (knownStatus) lastStatus = knownStatus;
  return poll();
}

async function poll() {
  const n = session.caseNumber;
  try {
    const c = await api('GET', `/v1/cases/${n}`, { token: session.token });
    if (currentScreen() !== 'progress' || n !== session.caseNumber) return;
    pollFailures = 0;
    renderCase(c);
    const delay = nextPollMs(c.status, Date.now() - statusSince);
    if (delay !== null && !document.hidden) pollTimer = setTimeout(poll, delay);
  } catch (err) {
    if (handleAuth(err)) return;
    if (err instanceof ApiError && err.status === 404) {
      say(tr('没有找到这个办件。请核对办件编号，或重新预约。'), 'error');
      session.caseNumber = null;
      $('#p-actions').replaceChildren(h('a', { class: 'button', href: '#book' }, tr('重新预约')));
      return;
    }
    pollFailures += 1;
    say(tr('{problem}（将自动重试）', { problem: problemText(err) }), 'warn');
    if (currentScreen() === 'progress' && !document.hidden) pollTimer = setTimeout(poll, Math.min(2000 * 2 ** pollFailures, 30_000));
  }
}

function renderCase(c) {
  if (c.status !== lastStatus) {
    if (lastStatus) say(tr('办理状态更新：{status}', { status: statusText(c) }), c.status === 'COMPLETED' ? 'ok' : 'info');
    lastStatus = c.status;
    statusSince = Date.now();
  }
  const card = $('#p-status-card');
  card.className = `status-card s-${c.status.toLowerCase()}${c.decision ? ` d-${c.decision.toLowerCase()}` : ''}`;
  $('#p-status').textContent = statusText(c);
  $('#p-status-explain').textContent = statusExplain(c);
  $('#p-sla').replaceChildren(...slaLines(c).map((line) => h('p', {}, line)));
  $('#p-next-body').replaceChildren(...nextParts(c));
  const supplementNow = c.status === 'SUPPLEMENT_REQUESTED' ? JSON.stringify(c.supplement ?? null) : '';
  if (supplementNow !== supplementShown) {
    supplementShown = supplementNow;
    $('#p-supplement').replaceChildren(...supplementParts(c));
  }
  $('#p-actions').replaceChildren(...nextSteps(c));
  $('#p-withdraw').hidden = !WITHDRAWABLE.has(c.status);
  $('#p-documents').replaceChildren(...documentParts(c));
  $('#p-departments').replaceChildren(...departmentItems(c));
  $('#p-timeline').replaceChildren(...timelineItems(c));
  $('#p-updated').textContent = FINAL_STATUSES.has(c.status) ? '' : tr('页面每 2 秒自动刷新，不用手动刷新。');
}

function nextSteps(c) {
  const actions = [];
  if (c.status === 'BOOKED') actions.push(h('a', { class: 'button', href: '#form' }, tr('填写申请表')));
  if (c.status === 'EXPIRED' || c.status === 'WITHDRAWN' || (c.status === 'COMPLETED' && c.decision === 'REJECTED')) {
    actions.push(
      h(
        'button',
        {
          type: 'button',
          class: c.status === 'COMPLETED' ? 'button secondary' : 'button',
          onclick: () => {
            session.caseNumber = null;
            session.booking = null;
            go('book');
          },
        },
        t('bookAgain'),
      ),
    );
  }
  return actions;
}
