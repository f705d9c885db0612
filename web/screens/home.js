// 首页: a signed-in person (also in a new tab: the sign-in is kept on this device) is offered 我的办件, where
// their open case waits at the step they left it; anyone else starts by signing in.
import { $ } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { tr } from '../lib/i18n.js';

export function showHome() {
  const signedIn = Boolean(session.token);
  $('#go-start').textContent = signedIn ? tr('我的办件（接着办理）') : tr('开始办理退休');
  $('#go-start').setAttribute('href', signedIn ? '#cases' : '#login');
  $('#home-returning').hidden = signedIn;
}
