// 我的办件 (#cases): where a signed-in person lands. Their own cases from GET /v1/cases, the open one first,
// with the one next step it needs — go on with the form at the page they left it (the draft on this
// device), correct it (补正), or follow its progress. Someone with no case at all goes straight to booking.
import { api, h } from '../lib/api.js';
import { $, say } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go, currentScreen } from '../lib/navigation.js';
import { loadDraft } from '../lib/form-draft.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { FINAL_STATUSES, statusText } from './case-status.js';
import { STEPS } from './form-fields.js';
import { tr, date, instant } from '../lib/i18n.js';

const body = () => $('#cases-body');
/** The day of booking in China time (createdAt is an instant). */
const bookedOn = (c) => date(new Date(Date.parse(c.createdAt) + 8 * 3600_000).toISOString().slice(0, 10));

/** At sign-in and sign-out: the list of the person before is not left in the page. */
export function forgetMyCases() {
  body()?.replaceChildren();
}

export async function showMyCases() {
  body().replaceChildren(h('p', { class: 'hint' }, tr('正在查找您的办件…')));
  let cases;
  try {
    cases = (await api('GET', '/v1/cases', { token: session.token })).cases;
  } catch (err) {
    if (handleAuth(err)) return;
    body().replaceChildren(
      h('p', { class: 'problem' }, problemText(err)),
      h('div', { class: 'actions' }, h('a', { class: 'button', href: '#cases' }, tr('再试一次'))),
    );
    return;
  }
  if (currentScreen() !== 'cases') return;
  // The index behind the list follows a booking within moments: a case this device just booked counts too.
  const known = session.caseNumber;
  if (known && !cases.some((c) => c.caseNumber === known) && session.booking?.caseNumber === known) {
    cases = [{ caseNumber: known, status: 'BOOKED', createdAt: new Date().toISOString() }, ...cases];
  }
  if (cases.length === 0) {
    // Said once the booking screen is shown (the router clears the status line when the screen changes).
    window.addEventListener('hashchange', () => say(tr('您还没有办件。预约后就会得到办件编号。'), 'info'), { once: true });
    go('book');
    return;
  }
  const open = cases.filter((c) => !FINAL_STATUSES.has(c.status));
  const closed = cases.filter((c) => FINAL_STATUSES.has(c.status));
  const parts = [
    ...open.map(openCard),
    open.length === 0
      ? h(
          'div',
          { class: 'case-card none-open' },
          h('p', {}, tr('您现在没有正在办理的办件。')),
          h('div', { class: 'actions' }, h('a', { class: 'button', href: '#book' }, tr('预约新的办件'))),
        )
      : null,
    closed.length
      ? h(
          'section',
          { 'aria-labelledby': 'h-closed' },
          h('h2', { id: 'h-closed' }, tr('已经结束的办件')),
          h('ul', { class: 'case-list' }, closed.map(closedItem)),
        )
      : null,
  ];
  body().replaceChildren(...parts.filter(Boolean));
}

/** Opens a case at the screen its status needs. */
function openCase(caseNumber, screen) {
  if (session.caseNumber !== caseNumber) session.booking = null;
  session.caseNumber = caseNumber;
  go(screen);
}

/** What the open case needs next, in words, and the button that does it. */
function nextStep(c) {
  if (c.status === 'BOOKED') {
    const draft = loadDraft(c.caseNumber);
    if (!draft) return { text: tr('下一步：填写申请表。各部门已有的信息会先帮您填好。'), label: tr('填写申请表'), screen: 'form' };
    const where = draft.step >= STEPS.length ? tr('核对并提交') : tr(STEPS[draft.step].title);
    return {
      text: tr('申请表还没有提交。上次填到第 {step} 步“{where}”（{saved}）。', { step: draft.step + 1, where, saved: instant(draft.savedAt) }),
      label: tr('接着填写申请表'),
      screen: 'form',
    };
  }
  if (c.status === 'SUPPLEMENT_REQUESTED') return { text: tr('工作人员请您修改申请表中的一些内容。'), label: tr('去修改申请表'), screen: 'supplement' };
  return { text: tr('四个部门正在为您办理，可以随时查看进度。'), label: tr('查看办理进度'), screen: 'progress' };
}

function openCard(c) {
  const next = nextStep(c);
  return h(
    'section',
    { class: 'case-card open', 'data-case': c.caseNumber, 'aria-labelledby': `h-case-${c.caseNumber}` },
    h('h2', { id: `h-case-${c.caseNumber}` }, tr('正在办理')),
    h('p', { class: 'case-number-label' }, tr('办件编号')),
    h('p', { class: 'case-number mono' }, c.caseNumber),
    h('p', { class: 'case-status' }, h('span', { class: 'label' }, tr('现在的状态：')), h('strong', {}, statusText(c))),
    h('p', { class: 'small' }, tr('预约于 {day}', { day: bookedOn(c) })),
    h('p', { class: 'next-step' }, next.text),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button', onclick: () => openCase(c.caseNumber, next.screen) }, next.label)),
  );
}

function closedItem(c) {
  return h(
    'li',
    { 'data-case': c.caseNumber },
    h('span', { class: 'mono' }, c.caseNumber),
    h('span', { class: 'case-status' }, statusText(c)),
    h('span', { class: 'small' }, tr('预约于 {day}', { day: bookedOn(c) })),
    h(
      'button',
      { type: 'button', class: 'text-button', onclick: () => openCase(c.caseNumber, 'progress'), 'aria-label': tr('查看办件 {n}', { n: c.caseNumber }) },
      tr('查看'),
    ),
  );
}
