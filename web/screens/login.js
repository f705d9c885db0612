// (b) 登录 (#login): the development sign-in that stands in for the government platform's identity service.
import { api, ApiError, idNumberProblem } from '../lib/api.js';
import { $, say, clearErrors, fieldError, firstInput, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go } from '../lib/navigation.js';
import { problemText } from '../lib/citizen-problem.js';

export function setupLogin() {
  const form = $('#login-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const name = form.name.value.trim();
    const idNumber = form.idNumber.value.trim().toUpperCase();
    let ok = true;
    if (!name) ok = fieldError(form, 'name', '请填写姓名。') && false;
    const idProblem = idNumberProblem(idNumber);
    if (idProblem) ok = fieldError(form, 'idNumber', idProblem) && false;
    if (!ok) {
      say('有内容没有填好，请看红色提示。', 'error');
      firstInput(form, $('.has-error', form).dataset.path)?.focus();
      return;
    }
    const button = $('button[type=submit]', form);
    busy(button, true, '正在登录…');
    try {
      const { token } = await api('POST', '/v1/dev/tokens', { body: { role: 'citizen', idNumber, name } });
      session.signIn(token, idNumber, name);
      form.reset();
      go(session.caseNumber ? 'progress' : 'book');
      say(`${name}，您已登录。`, 'ok');
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) say('开发登录没有开启。正式环境请通过政务服务平台登录。', 'error');
      else say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
}
