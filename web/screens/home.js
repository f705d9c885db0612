// 首页: the start button leads to where this person is up to.
import { $ } from '../lib/ui.js';
import { session } from '../lib/session.js';

export function showHome() {
  $('#go-progress').hidden = !(session.token && session.caseNumber);
  $('#go-start').textContent = session.token ? (session.caseNumber ? '继续办理' : '去预约') : '开始办理退休';
  $('#go-start').setAttribute('href', session.token ? (session.caseNumber ? '#progress' : '#book') : '#login');
}
