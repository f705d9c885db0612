// The parts of every page around the screens: 长辈版 (large type, kept in localStorage), the language
// switch, tap-to-call 12333, 办不成事 and 评价服务.
import { applyWords, isEnglish, setLang } from './i18n.js';
import { openFeedback } from './feedback-dialog.js';
import { openRating } from './rating-dialog.js';

const LARGE = 'ro.largeType';

function largeTypeOn() {
  try {
    return localStorage.getItem(LARGE) === '1';
  } catch {
    return false;
  }
}

function showLargeType(on) {
  document.documentElement.classList.toggle('large-type', on);
  const button = document.getElementById('large-type');
  if (button) button.setAttribute('aria-pressed', String(on));
}

/**
 * The switch is labelled in the language it switches to. Every screen speaks the page's language; what the
 * product keeps in Chinese inside them (a department's reasons, a staff note) is marked by i18n.js chinese().
 */
function labelLanguages() {
  document.getElementById('language')?.setAttribute('lang', isEnglish() ? 'zh-CN' : 'en');
}

export function setupChrome() {
  showLargeType(largeTypeOn());
  applyWords();
  labelLanguages();
  window.addEventListener('ro:lang', labelLanguages);
  document.getElementById('large-type')?.addEventListener('click', () => {
    const on = !largeTypeOn();
    try {
      if (on) localStorage.setItem(LARGE, '1');
      else localStorage.removeItem(LARGE);
    } catch {
      /* private mode: large type for this page only */
    }
    showLargeType(on);
  });
  document.getElementById('language')?.addEventListener('click', () => setLang(isEnglish() ? 'zh' : 'en'));
  document.getElementById('open-feedback')?.addEventListener('click', openFeedback);
  document.getElementById('open-rating')?.addEventListener('click', openRating);
}
