// (d) 一表申请 (#form): one form, prefilled by the departments, checked and corrected by the person, sent once.
import { api, ApiError, monthZh } from '../lib/api.js';
import { $, say, clearErrors, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go } from '../lib/navigation.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { fillForm, readForm } from './form-fields.js';
import { showFormErrors } from './form-errors.js';

// The case whose prefill is in the fields, so coming back to the screen keeps what the person typed.
let formLoadedFor = '';

/** Next time the screen opens, it reads the prefill again (after a submission or a sign-out). */
export function forgetForm() {
  formLoadedFor = '';
}

export async function showForm() {
  const n = session.caseNumber;
  const form = $('#app-form');
  $('#form-case').textContent = `办件编号 ${n}`;
  if (formLoadedFor === n) return;
  clearErrors(form);
  $('#form-summary').hidden = true;
  say('正在读取各部门已有的信息…');
  try {
    const c = await api('GET', `/v1/cases/${n}`, { token: session.token });
    if (c.status !== 'BOOKED') {
      go('progress');
      return;
    }
    const p = await api('GET', `/v1/cases/${n}/prefill`, { token: session.token });
    $('#form-source').textContent =
      p.source === 'departments' ? '下面的信息已经由各部门提前填好，请逐项核对，不对的直接改。' : '没有查到您在各部门的资料，请把下面的内容填完整。';
    fillForm(p);
    formLoadedFor = n;
    say('');
    suggestMonth();
  } catch (err) {
    if (handleAuth(err)) return;
    say(problemText(err), 'error');
  }
}

/** Proposes the statutory month and states the flexible window beside the month field. */
async function suggestMonth() {
  const gender = $('input[name=f-gender]:checked')?.value;
  const birthDate = $('#f-birth').value;
  const orig = $('input[name=f-original]:checked')?.value;
  if (!gender || !birthDate) return;
  const body = { gender, birthDate };
  if (gender === 'female') {
    if (orig !== '50' && orig !== '55') return;
    body.originalRetirementAge = Number(orig);
  }
  try {
    const r = await api('POST', '/v1/eligibility/retirement', { body });
    $('#f-month-hint').textContent =
      `按您的出生日期，法定退休时间是 ${monthZh(r.statutoryRetirementMonth)}（填 ${r.statutoryRetirementMonth}）；弹性退休可选 ${monthZh(r.flexibleEarliestMonth)} 至 ${monthZh(r.flexibleLatestMonth)}。`;
    if (!$('#f-month').value) $('#f-month').value = r.statutoryRetirementMonth;
  } catch {
    $('#f-month-hint').textContent = '格式：年-月，例如 2027-04';
  }
}

export function setupForm() {
  const form = $('#app-form');
  // Give the radio groups an id so the error summary can link to them.
  for (const name of ['f-gender', 'f-type', 'f-original', 'f-withdraw']) {
    const first = $(`input[name="${name}"]`);
    if (first && !first.id) first.id = `${name}-first`;
  }
  form.addEventListener('change', (ev) => {
    if (['f-gender', 'f-original'].includes(ev.target.name) || ev.target.id === 'f-birth') suggestMonth();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    $('#form-summary').hidden = true;
    const body = readForm();
    const button = $('#f-submit');
    busy(button, true, '正在提交…');
    try {
      await api('POST', `/v1/cases/${session.caseNumber}/application`, { token: session.token, body });
      session.sentForm = { caseNumber: session.caseNumber, form: body };
      formLoadedFor = '';
      form.reset();
      go('progress');
      say('申请表已提交。四个部门将同时为您核查。', 'ok');
    } catch (err) {
      if (handleAuth(err)) return;
      if (err instanceof ApiError && err.status === 400 && err.errors.length) {
        showFormErrors(form, err.errors);
        say(`有 ${new Set(err.errors.map((e) => e.path)).size} 处需要修改，请看红色提示。`, 'error');
      } else if (err instanceof ApiError && err.status === 409) {
        say('这个办件已经提交过申请表，或者已经过期。请查看办理进度。', 'warn');
        formLoadedFor = '';
        go('progress');
      } else {
        say(problemText(err), 'error');
      }
    } finally {
      busy(button, false);
    }
  });
}
