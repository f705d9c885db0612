// 撤回申请: the confirmation dialog on the progress screen for withdrawing a case that waits for a person.
import { api, ApiError, h, idempotencyKeyFor } from '../lib/api.js';
import { $, say, clearErrors, fieldError, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { pollNow } from './progress.js';
import { tr } from '../lib/i18n.js';

/** Why a withdrawal was refused (409), in plain words, from the case's status now. */
async function withdrawRefusal() {
  let status = '';
  try {
    status = (await api('GET', `/v1/cases/${session.caseNumber}`, { token: session.token })).status;
  } catch {
    /* fall through */
  }
  if (status === 'WITHDRAWN') return tr('这个办件已经撤回了，不用再撤回。');
  if (status === 'COMPLETED') return tr('这个办件已经办结，不能撤回了。');
  if (status === 'EXPIRED') return tr('这个办件已经过期，不用撤回。');
  return tr('您的申请正在核查或正在出具文书，暂时不能撤回。请等办理结果出来；有疑问请拨打 12333。');
}

export function setupWithdraw() {
  const dialog = $('#withdraw-dialog');
  const form = $('#withdraw-form');
  const problem = $('#wd-problem');
  const confirm = $('#wd-confirm');
  const cancel = $('#wd-cancel');
  const reset = () => {
    clearErrors(form);
    problem.hidden = true;
    problem.replaceChildren();
    confirm.hidden = false;
    cancel.textContent = tr('不撤回，返回');
  };
  $('#p-withdraw-open').addEventListener('click', () => {
    reset();
    dialog.showModal();
    $('#wd-reason').focus();
  });
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    if (!confirm.disabled) reset();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    problem.hidden = true;
    const reason = $('#wd-reason').value.trim();
    if (reason.length > 500) {
      fieldError(form, 'reason', tr('原因最多写 500 个字。'));
      $('#wd-reason').focus();
      return;
    }
    busy(confirm, true, tr('正在撤回…'));
    try {
      const path = `/v1/cases/${session.caseNumber}/withdrawal`;
      const body = reason ? { reason } : {};
      await api('POST', path, { token: session.token, body, headers: { 'Idempotency-Key': idempotencyKeyFor(path, body) } });
      busy(confirm, false);
      $('#wd-reason').value = '';
      dialog.close();
      await pollNow('WITHDRAWN');
      say(tr('您的申请已撤回，本办件已结束。如果还要办理退休，可以重新预约。'), 'ok');
      $('#p-status-card').focus();
    } catch (err) {
      busy(confirm, false);
      if (handleAuth(err)) {
        dialog.close();
        return;
      }
      let text = problemText(err);
      if (err instanceof ApiError && err.status === 409) {
        text = await withdrawRefusal();
        confirm.hidden = true;
        cancel.textContent = tr('知道了，返回');
        pollNow();
      } else if (err instanceof ApiError && err.status === 400 && err.errors.some((e) => e.path === 'reason')) {
        fieldError(form, 'reason', tr('原因最多写 500 个字，请改短一些。'));
        text = tr('撤回原因太长了，请改短一些。');
      }
      problem.replaceChildren(h('p', {}, h('strong', {}, tr('没有撤回。')), ' ', text));
      problem.hidden = false;
      (confirm.hidden ? cancel : confirm).focus();
    }
  });
}
