// 退休一件事 — the citizen pages. One screen per task, switched by the address (#calc, #login, #book,
// #booked, #form, #progress, #supplement, #cases); each screen is a module in screens/. This file routes between them and
// starts them. No framework; the API it speaks is described at /v1/openapi.json.
import { $, say } from './lib/ui.js';
import { session } from './lib/session.js';
import { go, useRouter, currentScreen, setCurrentScreen } from './lib/navigation.js';
import { showHome } from './screens/home.js';
import { setupCalc } from './screens/calc.js';
import { completeSignIn, setupLogin } from './screens/login.js';
import { setupBook, showBook } from './screens/book.js';
import { showBooked } from './screens/booked.js';
import { showForm, forgetForm } from './screens/form.js';
import { showProgress, stopPolling } from './screens/progress.js';
import { setupWithdraw } from './screens/withdraw.js';
import { showSupplement, forgetSupplement } from './screens/supplement.js';
import { showMyCases, forgetMyCases } from './screens/my-cases.js';
import { setupChrome } from './lib/chrome.js';
import { keepInvitationFromLink } from './lib/invitation.js';
import { t, tr, chinese, isEnglish } from './lib/i18n.js';

const SCREENS = ['home', 'calc', 'login', 'cases', 'book', 'booked', 'form', 'progress', 'supplement'];
const NEEDS_LOGIN = new Set(['cases', 'book', 'booked', 'form', 'progress', 'supplement']);
const NEEDS_CASE = new Set(['booked', 'form', 'progress', 'supplement']);
const SHOW = { home: showHome, cases: showMyCases, book: showBook, booked: showBooked, form: showForm, progress: showProgress, supplement: showSupplement };

function route() {
  let name = location.hash.replace(/^#\/?/, '') || 'home';
  if (!SCREENS.includes(name)) name = 'home';
  if (NEEDS_LOGIN.has(name) && !session.token) name = 'login';
  else if (NEEDS_CASE.has(name) && !session.caseNumber) name = 'book';
  if (`#${name}` !== location.hash && location.hash) history.replaceState(null, '', `#${name}`);
  if (currentScreen() === 'progress' && name !== 'progress') stopPolling();
  const changed = currentScreen() !== name;
  setCurrentScreen(name);
  for (const s of SCREENS) $(`#screen-${s}`).hidden = s !== name;
  if (changed) say('');
  renderWho();
  const heading = $(`#screen-${name} h1`);
  document.title = `${heading.textContent} - ${t('brand')}`;
  if (changed) heading.focus();
  window.scrollTo(0, 0);
  SHOW[name]?.();
}

function renderWho() {
  const signedIn = Boolean(session.token);
  $('#who').hidden = !signedIn;
  // The name is the person's own, in Chinese characters: marked so on an English page.
  $('#who-name').replaceChildren(...(!signedIn ? [] : isEnglish() ? ['Hello, ', chinese(session.name)] : [t('hello', { name: session.name })]));
}

function start() {
  keepInvitationFromLink();
  setupChrome();
  useRouter(route);
  $('#sign-out').addEventListener('click', () => {
    stopPolling();
    session.clear();
    forgetForm();
    forgetSupplement();
    forgetMyCases();
    go('home');
    say(tr('您已退出登录。'), 'ok');
  });
  setupCalc();
  setupLogin();
  setupBook();
  setupWithdraw();
  window.addEventListener('hashchange', route);
  // Another language: the screen draws itself again in it; the last message, said in the other one, goes.
  window.addEventListener('ro:lang', () => {
    say('');
    route();
  });
  route();
  // Back from the provider's sign-in (?code=…): exchange the code, then go on as signed in.
  completeSignIn();
}

start();
