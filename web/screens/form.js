// (d) 一表申请 (#form): the one form, one question group per page (as the 补正 pages ask), prefilled by the
// departments, then a page to check everything with who supplied it, and the consent to use it; sent once.
// Every answer is kept on this device as it is typed (web/lib/form-draft.js), with the page the person is on,
// so a reload, a new tab or coming back from 我的办件 carries on at the same page.
import { api, ApiError, h } from '../lib/api.js';
import { $, say, clearErrors, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go } from '../lib/navigation.js';
import { forgetDraft, loadDraft, saveDraft } from '../lib/form-draft.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { STEPS, explainMonth, formBody, formField, formFieldProblem, readFormField, valuesFromPrefill } from './form-fields.js';
import { checkList, commitmentFields } from './form-check.js';
import { showFormErrors } from './form-errors.js';
import { tr, instant } from '../lib/i18n.js';

const CHECK_STEP = STEPS.length;
const TOTAL = STEPS.length + 1;

/** @type {null | { caseNumber: string, prefill: any, prefilled: Record<string, unknown>, values: Record<string, unknown>, commitments: { informationTrue: boolean, dataSharingConsent: boolean }, step: number }} */
let state = null;
/** Set when the person came from the check page to change one group: 下一步 takes them back there. */
let backToCheck = false;

/** At sign-in and sign-out: nothing of the form stays in the page (the draft stays on the device until sign-out). */
export function forgetForm() {
  state = null;
  backToCheck = false;
  $('#form-body')?.replaceChildren();
  if ($('#form-case')) $('#form-case').textContent = '';
}

const body = () => $('#form-body');

export async function showForm() {
  const n = session.caseNumber;
  $('#form-case').textContent = tr('办件编号 {n}', { n });
  if (state?.caseNumber === n) {
    render(false);
    return;
  }
  body().replaceChildren(h('p', { class: 'hint' }, tr('正在读取各部门已有的信息…')));
  $('#form-source').hidden = true;
  try {
    const c = await api('GET', `/v1/cases/${n}`, { token: session.token });
    if (n !== session.caseNumber) return;
    if (c.status !== 'BOOKED') {
      forgetDraft(n);
      go('progress');
      return;
    }
    const p = await api('GET', `/v1/cases/${n}/prefill`, { token: session.token });
    const prefilled = valuesFromPrefill(p);
    const draft = loadDraft(n);
    state = {
      caseNumber: n,
      prefill: p,
      prefilled,
      values: { ...prefilled, ...(draft?.values ?? {}) },
      commitments: { informationTrue: false, dataSharingConsent: false },
      step: Math.min(Math.max(draft?.step ?? 0, 0), CHECK_STEP),
    };
    // A month kept from an earlier day may have passed since: the proposal of today replaces it.
    if (!monthStillTaken(state.values['retirement.requestedMonth'])) state.values['retirement.requestedMonth'] = prefilled['retirement.requestedMonth'];
    $('#form-source').textContent = draft
      ? tr('已接着您上次填写的内容（{saved} 保存在这台设备上）。', { saved: instant(draft.savedAt) })
      : p.source === 'departments'
        ? tr('各部门已经把知道的信息填好了，请逐页核对，不对的直接改。')
        : tr('没有查到您在各部门的资料，请逐页填写完整。');
    $('#form-source').hidden = false;
    say('');
    render(false);
  } catch (err) {
    if (handleAuth(err)) return;
    body().replaceChildren(h('p', { class: 'problem' }, problemText(err)));
    say(problemText(err), 'error');
  }
}

async function refreshMonths(n) {
  try {
    const p = await api('GET', `/v1/cases/${n}/prefill`, { token: session.token });
    if (state?.caseNumber === n) state.prefill.retirementMonths = p.retirementMonths;
  } catch {
    // The old months stay; the message under the field still says which ones the server takes.
  }
}

function monthStillTaken(m) {
  const { earliest, latest } = state.prefill.retirementMonths;
  return typeof m === 'string' && m >= earliest && m <= latest;
}

/** Keeps what the page shows in the state and on the device. */
function keep(form) {
  if (state.step < CHECK_STEP) for (const path of STEPS[state.step].fields) state.values[path] = readFormField(form, path, state.values);
  saveDraft(state.caseNumber, state.step, state.values);
}

function moveTo(step) {
  if (step >= CHECK_STEP) backToCheck = false;
  state.step = step;
  saveDraft(state.caseNumber, state.step, state.values);
  say('');
  render(true);
}

const stepCount = () => h('p', { class: 'step-count' }, tr('第 {step} 步，共 {total} 步', { step: state.step + 1, total: TOTAL }));
const heading = (text) => h('h2', { id: 'form-step-h', tabindex: '-1' }, text);
const savedNote = () => h('p', { class: 'hint draft-note' }, tr('填写的内容会自动保存在这台设备上。可以随时离开，回来从“我的办件”接着填；退出登录时会删除。'));

function render(moved) {
  if (state.step >= CHECK_STEP) renderCheck();
  else renderStep();
  window.scrollTo(0, 0);
  if (moved) $('#form-step-h')?.focus();
}

/** One question group. */
function renderStep() {
  const step = STEPS[state.step];
  const months = state.prefill.retirementMonths;
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const form = h(
    'form',
    { id: 'app-form', novalidate: true, 'data-step': step.key },
    stepCount(),
    heading(tr(step.title)),
    summary,
    step.fields.map((path) => formField(path, state.values[path], { months, values: state.values })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'button' }, backToCheck ? tr('改好了，回到核对页') : tr('下一步')),
      state.step > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'button secondary',
              onclick: () => {
                keep(form);
                moveTo(state.step - 1);
              },
            },
            tr('上一步'),
          )
        : h('a', { class: 'button secondary', href: '#cases' }, tr('先保存，稍后再填')),
    ),
    savedNote(),
  );
  form.addEventListener('input', () => keep(form));
  form.addEventListener('change', (ev) => {
    keep(form);
    if (ev.target.name === 'f-retirement-type') explainMonth(form, months);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    keep(form);
    clearErrors(form);
    summary.hidden = true;
    const errors = step.fields.map((path) => ({ path, text: formFieldProblem(path, state.values[path], months) })).filter((e) => e.text);
    if (errors.length) {
      showFormErrors(form, errors, summary);
      say(tr('有 {n} 处需要修改，请看红色提示。', { n: errors.length }), 'error');
      return;
    }
    moveTo(backToCheck ? CHECK_STEP : state.step + 1);
  });
  body().replaceChildren(form);
}

/** Everything at once, with who supplied it; the consent; send. */
function renderCheck() {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const send = h('button', { type: 'submit', class: 'button', id: 'f-submit' }, tr('提交申请'));
  const form = h(
    'form',
    { id: 'app-form', novalidate: true, 'data-step': 'check' },
    stepCount(),
    heading(tr('请核对后提交')),
    h('p', {}, tr('下面是要交给四个部门的全部内容。标着“来自”的是部门已有的信息，其余是您填写的。')),
    summary,
    checkList({
      values: state.values,
      prefilled: state.prefilled,
      sources: state.prefill.sources,
      onEdit: (i) => {
        backToCheck = true;
        moveTo(i);
      },
    }),
    commitmentFields(state.commitments),
    h('div', { class: 'actions' }, send, h('button', { type: 'button', class: 'button secondary', onclick: () => moveTo(state.step - 1) }, tr('上一步'))),
    savedNote(),
  );
  form.addEventListener('change', () => {
    state.commitments = { informationTrue: $('#f-true', form).checked, dataSharingConsent: $('#f-consent', form).checked };
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit(form, summary, send);
  });
  body().replaceChildren(form);
}

async function submit(form, summary, button) {
  clearErrors(form);
  summary.hidden = true;
  const missing = Object.entries(state.commitments)
    .filter(([, v]) => !v)
    .map(([k]) => ({ path: `commitments.${k}` }));
  if (missing.length) {
    showFormErrors(form, missing, summary);
    say(tr('有 {n} 处需要确认，请看红色提示。', { n: missing.length }), 'error');
    return;
  }
  const n = state.caseNumber;
  const sent = formBody(state.values, state.commitments);
  busy(button, true, tr('正在提交…'));
  try {
    await api('POST', `/v1/cases/${n}/application`, { token: session.token, body: sent });
    session.sentForm = { caseNumber: n, form: sent };
    forgetDraft(n);
    forgetForm();
    go('progress');
    say(tr('申请表已提交。四个部门将同时为您核查。'), 'ok');
  } catch (err) {
    busy(button, false);
    if (handleAuth(err)) return;
    if (err instanceof ApiError && err.status === 400 && err.errors.length) {
      // Back to the first page with a problem, the problems under their fields.
      const first = STEPS.findIndex((s) => err.errors.some((e) => s.fields.includes(e.path)));
      // A month refused: the months the service takes have moved on (a new month began); offer today's.
      if (err.errors.some((e) => e.path === 'retirement.requestedMonth')) await refreshMonths(n);
      if (first >= 0) {
        moveTo(first);
        const here = err.errors.filter((e) => STEPS[first].fields.includes(e.path));
        showFormErrors($('#app-form'), here, $('#app-form .error-summary'));
        say(tr('有 {n} 处需要修改，请看红色提示。', { n: here.length }), 'error');
        return;
      }
      showFormErrors(form, err.errors, summary);
      say(tr('有内容需要修改，请看红色提示。'), 'error');
    } else if (err instanceof ApiError && err.status === 409) {
      forgetDraft(n);
      forgetForm();
      say(tr('这个办件已经提交过申请表，或者已经过期。请查看办理进度。'), 'warn');
      go('progress');
    } else {
      say(problemText(err), 'error');
    }
  }
}
