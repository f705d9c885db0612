// Chinese first, English on request, the choice kept in localStorage. Two ways in: the chrome and the result
// cards name their words by key (t('key'), data-i18n="key"); the screens write their Chinese sentence itself
// and tr() looks it up in the English phrase book (web/lib/phrases-en.js), as gettext does with a msgid, so
// a screen reads as Chinese in its source. Static text in index.html carries data-tr and is looked up the same
// way. Screens draw again on the 'ro:lang' event. A small table of our own: the pages have no bundler, and
// the sentences are ours to write (tests/unit/web/i18n.test.ts checks that every sentence has its English).
import { PHRASES_EN } from './phrases-en.js';

const STORE = 'ro.lang';

const ZH = {
  skip: '跳到主要内容',
  brand: '退休一件事',
  signOut: '退出登录',
  myCases: '我的办件',
  hello: (v) => `${v.name}，您好`,
  largeType: '长辈版',
  language: 'English',
  languageLabel: 'Switch the page to English',
  helpLine: '遇到问题？请拨打',
  helpLineAfter: '咨询，或到就近的社会保障服务中心。',
  call: '拨打 12333',
  feedback: '办不成事？告诉我们',
  rate: '评价服务',
  close: '关闭',
  // feedback dialog
  fbTitle: '办不成事？告诉我们',
  fbIntro: '哪一步办不下去，请告诉我们。工作人员会看，需要时会联系您。',
  fbText: '遇到了什么问题',
  fbTextHint: '例如：找不到要去的服务中心。最多 2000 个字。',
  fbContact: '联系方式（可以不填）',
  fbContactHint: '手机号码或电子邮箱，方便工作人员回复您',
  fbSend: '提交',
  fbSent: '已收到您的反映，谢谢！工作人员会尽快处理。',
  fbEmpty: '请写下遇到的问题。',
  fbContactBad: '请填写 11 位手机号码或电子邮箱，或者不填。',
  // rating dialog
  rtTitle: '评价这次服务',
  rtIntro: '您的评价帮助我们改进服务。',
  rtScore: '您对这次办理满意吗？',
  rtComment: '想说的话（可以不填）',
  rtSend: '提交评价',
  rtThanks: '谢谢您的评价！',
  rtDone: (v) => `您已评价：${v.score}。谢谢！`,
  rtNotYet: '办件办结后，就可以在这里评价。',
  rtSignIn: '请先登录并打开您的办件；办结后就可以评价。',
  rtPick: '请选择一个评价。',
  score5: '非常满意',
  score4: '满意',
  score3: '基本满意',
  score2: '不满意',
  score1: '非常不满意',
  sending: '正在提交…',
};

const EN = {
  skip: 'Skip to main content',
  brand: 'Retire in One Go',
  signOut: 'Sign out',
  myCases: 'My cases',
  hello: (v) => `Hello, ${v.name}`,
  largeType: 'Large type',
  language: '中文',
  languageLabel: '把页面换成中文',
  helpLine: 'Need help? Call',
  helpLineAfter: 'or visit your nearest social security service centre.',
  call: 'Call 12333',
  feedback: 'Could not get it done? Tell us',
  rate: 'Rate the service',
  close: 'Close',
  fbTitle: 'Could not get it done? Tell us',
  fbIntro: 'Tell us which step you could not finish. Staff read every message and contact you if needed.',
  fbText: 'What went wrong',
  fbTextHint: 'For example: I could not find the service centre. Up to 2000 characters.',
  fbContact: 'How to reach you (optional)',
  fbContactHint: 'A mobile number or an email address, so staff can answer you',
  fbSend: 'Send',
  fbSent: 'Thank you, we have your message. Staff will deal with it soon.',
  fbEmpty: 'Please write what went wrong.',
  fbContactBad: 'Please give an 11-digit mobile number or an email address, or leave it empty.',
  rtTitle: 'Rate this service',
  rtIntro: 'Your rating helps us improve.',
  rtScore: 'How satisfied are you?',
  rtComment: 'Anything you want to say (optional)',
  rtSend: 'Send rating',
  rtThanks: 'Thank you for your rating!',
  rtDone: (v) => `You rated it: ${v.score}. Thank you!`,
  rtNotYet: 'You can rate the service here once your case is finished.',
  rtSignIn: 'Please sign in and open your case; you can rate it once it is finished.',
  rtPick: 'Please choose a rating.',
  score5: 'Very satisfied',
  score4: 'Satisfied',
  score3: 'Fairly satisfied',
  score2: 'Dissatisfied',
  score1: 'Very dissatisfied',
  sending: 'Sending…',
};

const TABLES = { zh: ZH, en: EN };
/** Screens add their own words (the result cards) under their own keys. */
export function addWords(zh, en) {
  Object.assign(ZH, zh);
  Object.assign(EN, en);
}

/** The keys each language has: a word missing in English would silently fall back to Chinese. */
export function wordKeys() {
  return { zh: Object.keys(ZH).sort(), en: Object.keys(EN).sort() };
}

export function lang() {
  try {
    return localStorage.getItem(STORE) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export const isEnglish = () => lang() === 'en';

/** The word for `key` in the page's language; Chinese when English lacks it. */
export function t(key, vars = {}) {
  const w = TABLES[lang()][key] ?? ZH[key];
  if (w === undefined) return key;
  return typeof w === 'function' ? w(vars) : w;
}

export function setLang(l) {
  try {
    if (l === 'en') localStorage.setItem(STORE, 'en');
    else localStorage.removeItem(STORE);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  applyWords();
  window.dispatchEvent(new Event('ro:lang'));
}

/**
 * A screen's sentence in the page's language: `zh` itself in Chinese, its English from the phrase book
 * otherwise; {name} placeholders are filled from `vars` in either.
 */
export function tr(zh, vars = {}) {
  const text = isEnglish() ? (PHRASES_EN[zh] ?? zh) : zh;
  return text.replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));
}

/** Marks a sentence of a table for the phrase book; tr() translates it where it is shown (gettext's N_). */
export const phrase = (zh) => zh;

/**
 * Words the product keeps in Chinese whatever the page's language (a department's reasons, a staff note,
 * a service centre's address): in an English page they are wrapped and marked lang="zh-CN", so a screen
 * reader reads them as Chinese.
 */
export function chinese(text) {
  if (!isEnglish() || text === undefined || text === null || text === '') return text;
  const span = document.createElement('span');
  span.lang = 'zh-CN';
  span.textContent = String(text);
  return span;
}

/** The lang attribute for a value the person or a department gave (a name, an address): 'zh-CN' when it is Chinese on an English page. */
export function langOf(text) {
  return isEnglish() && /[\u3400-\u9fff]/.test(String(text ?? '')) ? 'zh-CN' : undefined;
}

/** Fills every [data-i18n] and [data-tr] element and sets the document's language. */
export function applyWords(root = document) {
  document.documentElement.lang = isEnglish() ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  // The page's own Chinese is the key: kept aside the first time, so switching back restores it.
  for (const el of root.querySelectorAll('[data-tr]')) {
    if (!el.dataset.zh) el.dataset.zh = el.textContent.trim();
    el.textContent = tr(el.dataset.zh);
  }
  for (const el of root.querySelectorAll('[data-tr-label]')) {
    if (!el.dataset.zhLabel) el.dataset.zhLabel = el.getAttribute('aria-label') ?? '';
    el.setAttribute('aria-label', tr(el.dataset.zhLabel));
  }
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Money in fen → "¥1,234.56". */
export function money(fen) {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return '';
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "2027-04" → "2027年4月" / "Apr 2027". */
export function month(m) {
  const r = /^(\d{4})-(\d{2})$/.exec(m || '');
  if (!r) return m || '';
  return isEnglish() ? `${MONTHS_EN[Number(r[2]) - 1]} ${r[1]}` : `${r[1]}年${Number(r[2])}月`;
}

/** "2027-04-19" → "2027年4月19日" / "19 Apr 2027". */
export function date(d) {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || '');
  if (!r) return d || '';
  return isEnglish() ? `${Number(r[3])} ${MONTHS_EN[Number(r[2]) - 1]} ${r[1]}` : `${r[1]}年${Number(r[2])}月${Number(r[3])}日`;
}

/** An instant in China time as one line: "2027年3月20日 09:30" / "20 Mar 2027 09:30". */
export function instant(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso || '';
  const d = new Date(ms + 8 * 3600_000).toISOString();
  return `${date(d.slice(0, 10))} ${d.slice(11, 16)}`;
}

/** Only the time of day in China time: "09:30". */
export function clock(iso) {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** An instant in China time: { day: "2027年3月20日（星期六）", time: "09:30" }. */
export function chinaTime(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { day: iso || '', time: '' };
  const d = new Date(ms + 8 * 3600_000);
  const ymd = d.toISOString().slice(0, 10);
  const weekday = (isEnglish() ? WEEKDAYS_EN : WEEKDAYS_ZH)[d.getUTCDay()];
  return { day: isEnglish() ? `${weekday}, ${date(ymd)}` : `${date(ymd)}（${weekday}）`, time: d.toISOString().slice(11, 16) };
}
