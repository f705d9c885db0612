// 补正 (#supplement): pre-review asked the citizen to correct some fields of the form. Only those are asked,
// one part of the form per page, filled with what was sent; then a page to check old against new; then the
// whole form goes back (POST /v1/cases/{n}/supplement) with everything else exactly as first sent.
//
// What was sent comes from GET /v1/cases/{n}/application (the citizen's own form, latest version),
// else from the copy this tab kept when it sent the form (session.sentForm). Without either the page cannot
// rebuild the form, and says where to correct it instead.
import { api, ApiError, h, idempotencyKeyFor } from '../lib/api.js';
import { $, say, busy, clearErrors } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { FIELD_ZH } from './case-status.js';
import { showFormErrors } from './form-errors.js';
import { GROUPS, fieldElement, fieldProblem, getPath, groupOf, inFormOrder, readField, setPath, valueWords } from './supplement-fields.js';
import { explainMonth, monthChoice, monthProblem } from './form-fields.js';

const MONTH = 'retirement.requestedMonth';
import { tr, date, chinese, langOf } from '../lib/i18n.js';

/** @type {null | { caseNumber: string, requestedAt: string, base: any, fields: string[], groups: {key: string, title: string, fields: string[]}[], values: Record<string, unknown>, note: string, dueDate: string, months: null | { earliest: string, latest: string, statutory?: string }, step: number, done: boolean }} */
let state = null;

/** At sign-out: nothing of this person's correction stays in the page. */
export function forgetSupplement() {
  state = null;
}

const body = () => $('#sp-body');

/** Strings as the server keeps them (NFC), so an unchanged field compares equal to what was stored. */
function normalized(v) {
  if (typeof v === 'string') return v.normalize('NFC');
  if (Array.isArray(v)) return v.map(normalized);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalized(x)]));
  return v;
}

const backToProgress = (label = tr('返回办理进度'), cls = 'button') => h('a', { class: cls, href: '#progress' }, label);

export async function showSupplement() {
  const n = session.caseNumber;
  $('#sp-case').textContent = tr('办件编号 {n}', { n });
  body().replaceChildren(h('p', { class: 'hint' }, tr('正在读取需要修改的内容…')));
  let c;
  try {
    c = await api('GET', `/v1/cases/${n}`, { token: session.token });
  } catch (err) {
    if (handleAuth(err)) return;
    body().replaceChildren(h('p', { class: 'problem' }, problemText(err)), h('div', { class: 'actions' }, backToProgress()));
    return;
  }
  if (n !== session.caseNumber) return;
  if (c.status !== 'SUPPLEMENT_REQUESTED' || !c.supplement) {
    if (state?.done && state.caseNumber === n) renderDone();
    else
      body().replaceChildren(
        h('p', { class: 'notice' }, tr('这个办件现在不需要补正。请查看办理进度。')),
        h('div', { class: 'actions' }, backToProgress(tr('查看办理进度'))),
      );
    return;
  }
  // Coming back to the page for the same request keeps what the person already typed.
  if (state && state.caseNumber === n && state.requestedAt === c.supplement.requestedAt && !state.done) {
    renderStep(false);
    return;
  }
  const kept = session.sentForm;
  // The form as sent, from the server (GET /v1/cases/{n}/application); this tab's own copy if that fails.
  const fromServer = await api('GET', `/v1/cases/${n}/application`, { token: session.token }).catch(() => null);
  const sent = fromServer ?? c.application ?? (kept?.caseNumber === n ? kept.form : null);
  const fields = inFormOrder(c.supplement.fields);
  if (!sent) {
    state = null;
    renderNoForm(c);
    return;
  }
  const base = normalized(sent);
  // The month is chosen among the months the service takes today, by the rule the form and pre-review share
  // (the prefill's retirementMonths). Without them (the prefill did not answer) it is typed, and pre-review checks it.
  const months = fields.includes(MONTH)
    ? ((await api('GET', `/v1/cases/${n}/prefill`, { token: session.token }).catch(() => null))?.retirementMonths ?? null)
    : null;
  if (n !== session.caseNumber) return;
  state = {
    caseNumber: n,
    requestedAt: c.supplement.requestedAt,
    base,
    fields,
    groups: GROUPS.map((g) => ({ ...g, fields: fields.filter((f) => groupOf(f) === g.key) })).filter((g) => g.fields.length),
    values: Object.fromEntries(fields.map((f) => [f, getPath(base, f)])),
    note: c.supplement.note,
    dueDate: c.supplement.dueDate,
    months,
    step: 0,
    done: false,
  };
  renderStep(false);
}

/** Without the form as sent, the page cannot send it back whole: it says what to correct and where. */
function renderNoForm(c) {
  body().replaceChildren(
    h('h2', {}, tr('需要您补正的内容')),
    h(
      'ul',
      { class: 'asked' },
      inFormOrder(c.supplement.fields).map((f) => h('li', {}, tr(FIELD_ZH[f] || f))),
    ),
    h('p', { class: 'notice' }, tr('这台手机（电脑）上读不到您上次提交的申请表，暂时不能在网上修改。请拨打 12333，或带上身份证到服务中心窗口办理补正。')),
    h('p', { class: 'due' }, tr('请在 {due} 前办理', { due: date(c.supplement.dueDate) })),
    h('div', { class: 'actions' }, backToProgress()),
  );
}

function stepHeading(text) {
  return h('h2', { id: 'sp-step-h', tabindex: '-1' }, text);
}

function stepCount() {
  const total = state.groups.length + 1;
  return h('p', { class: 'step-count' }, tr('第 {step} 步，共 {total} 步', { step: state.step + 1, total }));
}

function after(moved) {
  window.scrollTo(0, 0);
  if (moved) $('#sp-step-h')?.focus();
}

/** One part of the form (one question group), or the check page after the last part. */
function renderStep(moved = true) {
  if (state.step >= state.groups.length) {
    renderCheck();
    after(moved);
    return;
  }
  const group = state.groups[state.step];
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const form = h(
    'form',
    { id: 'sp-form', novalidate: true },
    stepCount(),
    stepHeading(tr(group.title)),
    state.step === 0 ? askedNote() : null,
    summary,
    group.fields.map((f) =>
      f === MONTH && state.months ? monthChoice(state.values[f], state.months, retirementType(), 'sp') : fieldElement(f, state.values[f]),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'button' }, tr('下一步')),
      state.step > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'button secondary',
              onclick: () => {
                keep(form, group);
                state.step -= 1;
                renderStep();
              },
            },
            tr('上一步'),
          )
        : backToProgress(tr('先不改，返回办理进度'), 'button secondary'),
    ),
  );
  if (state.months) form.addEventListener('change', (ev) => ev.target.name === 'sp-retirement-type' && explainMonth(form, state.months, 'sp'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    keep(form, group);
    clearErrors(form);
    summary.hidden = true;
    const errors = group.fields.map((path) => ({ path, text: problemOf(path, state.values[path]) })).filter((e) => e.text);
    if (errors.length) {
      showFormErrors(form, errors, summary);
      say(tr('有 {n} 处需要修改，请看红色提示。', { n: errors.length }), 'error');
      return;
    }
    say('');
    state.step += 1;
    renderStep();
  });
  body().replaceChildren(form);
  after(moved);
}

/** What staff wrote and the due date, above the first question. */
function askedNote() {
  return h(
    'div',
    { class: 'asked-note' },
    state.note ? h('p', {}, h('span', { class: 'label' }, tr('工作人员的说明：')), chinese(state.note)) : null,
    h('p', {}, tr('请在 {due} 前提交。其他内容不用再填。', { due: date(state.dueDate) })),
  );
}

/** The way of retiring the month is explained for: as corrected on this page, else as sent. */
function retirementType() {
  return state.values['retirement.type'] ?? getPath(state.base, 'retirement.type');
}

function problemOf(path, value) {
  return path === MONTH && state.months ? monthProblem(value, state.months) : fieldProblem(path, value);
}

function keep(form, group) {
  for (const f of group.fields) state.values[f] = readField(form, f);
}

/** Old against new for every asked field, then send. */
function renderCheck() {
  const problem = h('div', { class: 'problem', role: 'alert', hidden: true });
  const send = h('button', { type: 'button', class: 'button', id: 'sp-send' }, tr('确认无误，重新提交'));
  send.addEventListener('click', () => submit(send, problem));
  body().replaceChildren(
    stepCount(),
    stepHeading(tr('请核对要修改的内容')),
    h(
      'dl',
      { class: 'compare' },
      state.fields.map((f) => {
        const before = getPath(state.base, f);
        const now = state.values[f];
        const same = JSON.stringify(before) === JSON.stringify(now);
        return h(
          'div',
          { 'data-field': f },
          h('dt', {}, tr(FIELD_ZH[f] || f)),
          same
            ? h('dd', {}, h('span', { class: 'now', lang: langOf(valueWords(f, now)) }, valueWords(f, now)), h('span', { class: 'same' }, tr('（没有改动）')))
            : [
                h('dd', { class: 'before' }, tr('原来：'), h('span', { lang: langOf(valueWords(f, before)) }, valueWords(f, before))),
                h('dd', { class: 'after' }, tr('改为：'), h('strong', { class: 'now', lang: langOf(valueWords(f, now)) }, valueWords(f, now))),
              ],
        );
      }),
    ),
    h('p', { class: 'hint' }, tr('其他内容和您上次提交的一样，不会改变。')),
    problem,
    h(
      'div',
      { class: 'actions' },
      send,
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          onclick: () => {
            state.step = 0;
            say('');
            renderStep();
          },
        },
        tr('返回修改'),
      ),
    ),
  );
}

async function submit(button, problem) {
  const n = state.caseNumber;
  const form = structuredClone(state.base);
  for (const f of state.fields) setPath(form, f, state.values[f]);
  const path = `/v1/cases/${n}/supplement`;
  problem.hidden = true;
  busy(button, true, tr('正在提交…'));
  try {
    await api('POST', path, { token: session.token, body: form, headers: { 'Idempotency-Key': idempotencyKeyFor(path, form) } });
    session.sentForm = { caseNumber: n, form };
    state.done = true;
    renderDone();
    say(tr('已重新提交，工作人员将重新审核。'), 'ok');
    $('#sp-done-h')?.focus();
  } catch (err) {
    busy(button, false);
    if (handleAuth(err)) return;
    if (err instanceof ApiError && err.status === 400 && err.errors.length) {
      const asked = err.errors.filter((e) => state.fields.includes(e.path));
      if (asked.length) {
        // Back to the first page with a problem, the problems under their fields.
        state.step = state.groups.findIndex((g) => g.fields.includes(asked[0].path));
        renderStep();
        const here = asked.filter((e) => state.groups[state.step].fields.includes(e.path));
        showFormErrors($('#sp-form'), here, $('#sp-form .error-summary'));
        say(tr('有 {n} 处需要修改，请看红色提示。', { n: here.length }), 'error');
        return;
      }
      showProblem(problem, tr('有不需要修改的内容和您上次提交的不一样，所以没有提交成功。请拨打 12333 咨询。'));
      return;
    }
    if (err instanceof ApiError && err.status === 409) {
      showProblem(problem, tr('这个办件现在不需要补正了，可能已经提交过。请查看办理进度。'), backToProgress(tr('查看办理进度')));
      button.hidden = true;
      return;
    }
    showProblem(problem, problemText(err));
  }
}

function showProblem(box, text, ...extra) {
  box.replaceChildren(h('p', {}, h('strong', {}, tr('没有提交成功。')), ' ', text), ...extra);
  box.hidden = false;
  say(text, 'error');
  box.scrollIntoView({ block: 'center' });
}

function renderDone() {
  body().replaceChildren(
    h(
      'div',
      { class: 'done-box', 'data-testid': 'supplement-done' },
      h('h2', { id: 'sp-done-h', tabindex: '-1' }, tr('已重新提交')),
      h('p', { class: 'big' }, tr('工作人员将重新审核您的申请表。')),
      h('p', {}, tr('审核后会继续办理，办理进度页面会显示结果，也会发短信告诉您。')),
    ),
    h('div', { class: 'actions' }, backToProgress()),
  );
}
