// (b) 登录 (#login): sign-in through the OpenID Provider (ID number + SMS code); where the hosting has it
// (local dev mode), also the quick development sign-in that mints a token without the provider.
import { api, ApiError, idNumberProblem } from '../lib/api.js';
import { $, say, clearErrors, fieldError, firstInput, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go } from '../lib/navigation.js';
import { problemText } from '../lib/citizen-problem.js';
import { finishSignIn, siteConfig, startSignIn } from '../lib/oidc-sign-in.js';
import { forgetForm } from './form.js';
import { forgetMyCases } from './my-cases.js';
import { tr } from '../lib/i18n.js';

function signedIn(token, idNumber, name) {
  session.signIn(token, idNumber, name);
  // Nothing of an earlier sign-in stays in the page; the person's own draft is on the device and comes back.
  forgetForm();
  forgetMyCases();
  // 我的办件 finds the person's cases (and sends someone without any to booking).
  go('cases');
  say(tr('{name}，您已登录。', { name }), 'ok');
}

/** Called once at start: when the provider sent the person back here, finish signing in. */
export async function completeSignIn() {
  let result;
  try {
    result = await finishSignIn();
  } catch {
    result = { error: 'network' };
  }
  if (!result) return;
  if ('error' in result) {
    go('login');
    say(result.error === 'access_denied' ? tr('您没有登录。') : tr('登录没有成功，请再试一次。'), result.error === 'access_denied' ? 'info' : 'error');
    return;
  }
  signedIn(result.token, result.claims.idNumber, result.claims.name);
}

export function setupLogin() {
  siteConfig().then((config) => {
    $('#dev-login').hidden = !config.devSignIn;
  });
  $('#oidc-sign-in').addEventListener('click', async (ev) => {
    ev.preventDefault();
    try {
      const { signIn } = await siteConfig();
      await startSignIn({ clientId: signIn.citizenClientId, redirectUri: `${location.origin}/` });
    } catch {
      say(tr('暂时无法打开登录页面，请稍后再试。'), 'error');
    }
  });

  const form = $('#login-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const name = form.name.value.trim();
    const idNumber = form.idNumber.value.trim().toUpperCase();
    let ok = true;
    if (!name) ok = fieldError(form, 'name', tr('请填写姓名。')) && false;
    const idProblem = idNumberProblem(idNumber);
    if (idProblem) ok = fieldError(form, 'idNumber', idProblem) && false;
    if (!ok) {
      say(tr('有内容没有填好，请看红色提示。'), 'error');
      firstInput(form, $('.has-error', form).dataset.path)?.focus();
      return;
    }
    const button = $('button[type=submit]', form);
    busy(button, true, tr('正在登录…'));
    try {
      const { token } = await api('POST', '/v1/dev/tokens', { body: { role: 'citizen', idNumber, name } });
      form.reset();
      signedIn(token, idNumber, name);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) say(tr('开发登录没有开启。请用上面的“用身份证号码登录”。'), 'error');
      else say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
}
