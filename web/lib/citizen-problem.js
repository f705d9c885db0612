// How the citizen pages answer an API failure: in plain words, and back to the login screen when the
// sign-in has lapsed.
import { ApiError } from './api.js';
import { problemText as wordedProblemText } from './problem-text.js';
import { say } from './ui.js';
import { session } from './session.js';
import { go } from './navigation.js';

const CITIZEN_WORDING = {
  notFound: '没有找到这个办件。请核对办件编号。',
  busy: '系统暂时忙，请过一会儿再试。',
  refused: () => '请求没有成功，请再试一次。',
};

export function problemText(err) {
  return wordedProblemText(err, CITIZEN_WORDING);
}

/** True when the failure was a lapsed sign-in, already dealt with by sending the person to log in again. */
export function handleAuth(err) {
  if (err instanceof ApiError && err.status === 401) {
    session.clear();
    go('login');
    say('登录已过期，请重新登录。', 'warn');
    return true;
  }
  return false;
}
