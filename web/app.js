// 退休一件事 — the citizen pages. One screen per task, switched by the address (#calc, #login, #book,
// #booked, #form, #progress). No framework; the API it speaks is described at /v1/openapi.json.
import {
  api, ApiError, downloadDocument, newIdempotencyKey, h, idNumberProblem,
  STATUS_ZH, DEPARTMENT_ZH, OUTCOME_ZH, yuan, monthZh, dateZh, instantZh, timeZh,
} from './lib/api.js';
import { $, $$, say, clearErrors, fieldError } from './lib/ui.js';


// ---------- session (sessionStorage: gone when the browser tab closes) ----------
const KEYS = { token: 'ro.token', id: 'ro.idNumber', name: 'ro.name', caseNumber: 'ro.caseNumber', booking: 'ro.booking' };
const session = {
  get token() { return sessionStorage.getItem(KEYS.token); },
  get idNumber() { return sessionStorage.getItem(KEYS.id); },
  get name() { return sessionStorage.getItem(KEYS.name); },
  get caseNumber() { return sessionStorage.getItem(KEYS.caseNumber); },
  set caseNumber(v) { v ? sessionStorage.setItem(KEYS.caseNumber, v) : sessionStorage.removeItem(KEYS.caseNumber); },
  get booking() { try { return JSON.parse(sessionStorage.getItem(KEYS.booking) || 'null'); } catch { return null; } },
  set booking(v) { v ? sessionStorage.setItem(KEYS.booking, JSON.stringify(v)) : sessionStorage.removeItem(KEYS.booking); },
  signIn(token, idNumber, name) {
    if (sessionStorage.getItem(KEYS.id) !== idNumber) { this.caseNumber = null; this.booking = null; }
    sessionStorage.setItem(KEYS.token, token);
    sessionStorage.setItem(KEYS.id, idNumber);
    sessionStorage.setItem(KEYS.name, name);
  },
  clear() { Object.values(KEYS).forEach((k) => sessionStorage.removeItem(k)); },
};


function firstInput(form, path) {
  const field = $$('.field', form).find((f) => f.dataset.path === path);
  return field && $('input:not([type=hidden]):not([readonly]), select, textarea', field);
}

function busy(button, on, text) {
  if (on) { button.dataset.label = button.textContent; button.textContent = text || '请稍候…'; button.disabled = true; }
  else { button.textContent = button.dataset.label || button.textContent; button.disabled = false; }
}

/** Any API failure in plain words; a lapsed sign-in sends the person back to the login screen. */
function problemText(err) {
  if (!(err instanceof ApiError)) return '出了点问题，请稍后再试。';
  if (err.status === 0) return err.message;
  if (err.status === 401) return '登录已过期，请重新登录。';
  if (err.status === 404) return '没有找到这个办件。请核对办件编号。';
  if (err.status >= 500) return '系统暂时忙，请过一会儿再试。';
  return err.problem.detail || err.problem.title || '请求没有成功，请再试一次。';
}

function handleAuth(err) {
  if (err instanceof ApiError && err.status === 401) {
    session.clear();
    go('login');
    say('登录已过期，请重新登录。', 'warn');
    return true;
  }
  return false;
}

// ---------- router ----------
const SCREENS = ['home', 'calc', 'login', 'book', 'booked', 'form', 'progress'];
const NEEDS_LOGIN = new Set(['book', 'booked', 'form', 'progress']);
const NEEDS_CASE = new Set(['booked', 'form', 'progress']);
let current = '';

function go(name) {
  if (location.hash !== `#${name}`) location.hash = name;
  else route();
}

function route() {
  let name = location.hash.replace(/^#\/?/, '') || 'home';
  if (!SCREENS.includes(name)) name = 'home';
  if (NEEDS_LOGIN.has(name) && !session.token) name = 'login';
  else if (NEEDS_CASE.has(name) && !session.caseNumber) name = 'book';
  if (`#${name}` !== location.hash && location.hash) history.replaceState(null, '', `#${name}`);
  if (current === 'progress' && name !== 'progress') stopPolling();
  const changed = current !== name;
  current = name;
  for (const s of SCREENS) $(`#screen-${s}`).hidden = s !== name;
  if (changed) say('');
  renderWho();
  const heading = $(`#screen-${name} h1`);
  document.title = `${heading.textContent} - 退休一件事`;
  if (changed) heading.focus();
  window.scrollTo(0, 0);
  ({ home: showHome, book: showBook, booked: showBooked, form: showForm, progress: showProgress })[name]?.();
}

function renderWho() {
  const signedIn = Boolean(session.token);
  $('#who').hidden = !signedIn;
  $('#who-name').textContent = signedIn ? `${session.name}，您好` : '';
}

function showHome() {
  $('#go-progress').hidden = !(session.token && session.caseNumber);
  $('#go-start').textContent = session.token ? (session.caseNumber ? '继续办理' : '去预约') : '开始办理退休';
  $('#go-start').setAttribute('href', session.token ? (session.caseNumber ? '#progress' : '#book') : '#login');
}

// ---------- (a) 退休时间测算 ----------
function setupCalc() {
  const form = $('#calc-form');
  const original = $('#calc-original');
  form.addEventListener('change', () => {
    const female = form.gender.value === 'female';
    original.hidden = !female;
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const out = $('#calc-result');
    const gender = form.gender.value;
    const birthDate = form.birthDate.value;
    const orig = form.originalRetirementAge.value;
    let ok = true;
    if (!gender) ok = fieldError(form, 'gender', '请选择性别。') && false;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) ok = fieldError(form, 'birthDate', '请填写出生日期，例如 1966-10-12。') && false;
    if (gender === 'female' && !orig) ok = fieldError(form, 'originalRetirementAge', '请选择原来的退休年龄：50 岁或 55 岁。') && false;
    if (!ok) { say('有内容没有填好，请看红色提示。', 'error'); firstInput(form, $('.has-error', form).dataset.path)?.focus(); return; }
    const body = { gender, birthDate, ...(gender === 'female' ? { originalRetirementAge: Number(orig) } : {}) };
    const button = $('button[type=submit]', form);
    busy(button, true, '正在计算…');
    try {
      const r = await api('POST', '/v1/eligibility/retirement', { body });
      const age = `${r.statutoryRetirementAge.years} 岁${r.statutoryRetirementAge.months ? ` ${r.statutoryRetirementAge.months} 个月` : ''}`;
      out.replaceChildren(
        h('h2', {}, '计算结果'),
        h('dl', { class: 'facts' },
          h('div', {}, h('dt', {}, '您的法定退休时间'), h('dd', { class: 'big', 'data-testid': 'statutory-month', 'data-month': r.statutoryRetirementMonth }, monthZh(r.statutoryRetirementMonth))),
          h('div', {}, h('dt', {}, '法定退休年龄'), h('dd', {}, age)),
          h('div', {}, h('dt', {}, '领取养老金最少要缴费'), h('dd', {}, `${r.minimumContributionYears} 年`)),
          h('div', {}, h('dt', {}, '可以选择的退休时间（弹性退休）'), h('dd', {}, `${monthZh(r.flexibleEarliestMonth)} 至 ${monthZh(r.flexibleLatestMonth)}`)),
        ),
        h('p', { class: 'hint' }, '提前或推迟都要自己申请；提前退休需要缴费满最低年限。结果仅供参考，以人社部门核定为准。'),
        h('div', { class: 'actions' }, h('a', { class: 'button', href: session.token ? '#book' : '#login' }, '去办理退休')),
      );
      out.hidden = false;
      say(`计算完成：您的法定退休时间是${monthZh(r.statutoryRetirementMonth)}。`, 'ok');
      out.focus();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        for (const e of err.errors) fieldError(form, e.path, e.path === 'birthDate' ? '出生日期不正确，请再核对。' : '请检查这一项。');
      }
      say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
}

// ---------- (b) 登录 ----------
function setupLogin() {
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
    if (!ok) { say('有内容没有填好，请看红色提示。', 'error'); firstInput(form, $('.has-error', form).dataset.path)?.focus(); return; }
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

// ---------- (c) 预约 ----------
let centres = null;
let bookingKey = { body: '', key: '' };

async function loadCentres() {
  if (centres) return;
  const select = $('#book-centre');
  try {
    centres = await api('GET', '/v1/service-centers');
    select.replaceChildren(...centres.map((c) => h('option', { value: c.id }, c.name)));
    showCentreAddress();
  } catch (err) {
    say(problemText(err), 'error');
  }
}

function showCentreAddress() {
  const c = centres?.find((x) => x.id === $('#book-centre').value);
  $('#book-centre-address').textContent = c ? `地址：${c.address}` : '';
}

async function loadSlots() {
  const box = $('#book-slots');
  const centre = $('#book-centre').value;
  const date = $('#book-date').value;
  if (!centre || !date) { box.replaceChildren(h('p', { class: 'hint' }, '请先选择服务中心和日期。')); return; }
  box.replaceChildren(h('p', { class: 'hint' }, '正在查询可预约的时间…'));
  try {
    const slots = await api('GET', `/v1/service-centers/${encodeURIComponent(centre)}/slots?date=${encodeURIComponent(date)}`);
    if (!slots.length) { box.replaceChildren(h('p', { class: 'hint' }, '这一天不办公（周末或节假日），请换一天。')); return; }
    box.replaceChildren(...slots.map((s) => h('label', { class: `choice slot${s.remaining ? '' : ' full'}` },
      h('input', { type: 'radio', name: 'slotId', value: s.slotId, disabled: s.remaining === 0 }),
      ` ${timeZh(s.start)}–${timeZh(s.end)}　`,
      h('span', { class: 'seats' }, s.remaining ? `还剩 ${s.remaining} 个名额` : '已约满'))));
  } catch (err) {
    box.replaceChildren(h('p', { class: 'error' }, problemText(err)));
  }
}

function setupBook() {
  const form = $('#book-form');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  $('#book-date').min = today;
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'channel') {
      const windowMode = form.channel.value === 'window';
      $('#window-part').hidden = !windowMode;
      if (windowMode) loadCentres();
    }
    if (ev.target.id === 'book-centre') { showCentreAddress(); loadSlots(); }
    if (ev.target.id === 'book-date') loadSlots();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const phone = form.phone.value.trim();
    const channel = form.channel.value || 'online';
    const slotId = channel === 'window' ? ($('input[name=slotId]:checked', form)?.value || '') : '';
    let ok = true;
    if (!/^1\d{10}$/.test(phone)) ok = fieldError(form, 'phone', '请填写 11 位手机号码。') && false;
    if (channel === 'window' && !slotId) ok = fieldError(form, 'slotId', '请选择一个时间段。') && false;
    if (!ok) { say('有内容没有填好，请看红色提示。', 'error'); firstInput(form, $('.has-error', form).dataset.path)?.focus(); return; }
    const body = { idNumber: session.idNumber, name: session.name, phone, channel, ...(slotId ? { slotId } : {}) };
    // The same booking sent again (say, after a lost answer) reuses its key, so it is never booked twice.
    const bodyText = JSON.stringify(body);
    if (bookingKey.body !== bodyText) bookingKey = { body: bodyText, key: newIdempotencyKey() };
    const button = $('button[type=submit]', form);
    busy(button, true, '正在预约…');
    try {
      const r = await api('POST', '/v1/bookings', { token: session.token, body, headers: { 'Idempotency-Key': bookingKey.key } });
      session.caseNumber = r.caseNumber;
      session.booking = r;
      bookingKey = { body: '', key: '' };
      go('booked');
      say('预约成功。', 'ok');
    } catch (err) {
      if (handleAuth(err)) return;
      if (err instanceof ApiError && err.status === 409 && err.problem.caseNumber) {
        const n = err.problem.caseNumber;
        say(`您已经有一个正在办理的办件：${n}。请继续办理这个办件。`, 'warn');
        const box = $('#book-slots').closest('form');
        const old = $('#open-case', box.parentElement);
        old?.remove();
        box.after(h('div', { id: 'open-case', class: 'notice' },
          h('p', {}, '您已经有一个正在办理的办件：', h('strong', { class: 'mono' }, n)),
          h('button', { type: 'button', class: 'button', onclick: () => { session.caseNumber = n; session.booking = null; go('progress'); } }, '打开这个办件')));
        return;
      }
      if (err instanceof ApiError && err.status === 409) { fieldError(form, 'slotId', '这个时间段已约满，请选择其他时间。'); loadSlots(); }
      for (const e of err.errors || []) fieldError(form, e.path, e.path === 'slotId' ? '这个时间段不能预约，请换一个。' : e.path === 'phone' ? '请填写 11 位手机号码。' : '请检查这一项。');
      say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
  $('#resume-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = ev.currentTarget;
    clearErrors(f);
    const n = $('#resume-number').value.trim().toUpperCase();
    if (!/^RT\d{8}[0-9A-Z]{6}$/.test(n)) { fieldError(f, 'caseNumber', '办件编号以 RT 开头，共 16 位，请核对。'); $('#resume-number').focus(); return; }
    session.caseNumber = n;
    session.booking = null;
    go('progress');
  });
}

function showBook() {
  $('#open-case')?.remove();
}

function showBooked() {
  const b = session.booking;
  $('#booked-number').textContent = session.caseNumber;
  $('#booked-deadline').textContent = b ? `请在 ${dateZh(b.applicationDeadline)} 前提交申请表，过期要重新预约。` : '';
  const slot = b?.slot;
  const centre = slot && centres?.find((c) => c.id === slot.serviceCenterId);
  $('#booked-slot').textContent = slot ? `窗口办理时间：${instantZh(slot.start)}–${timeZh(slot.end)}${centre ? `，${centre.name}（${centre.address}）` : ''}。请带上身份证。` : '您选择了网上办理，不用去窗口。';
}

// ---------- (d) 一表申请 ----------
const FIELD_MSG = {
  'applicant.name': '请填写姓名。',
  'applicant.idNumber': '身份证号码不正确。',
  'applicant.gender': '请选择性别。',
  'applicant.birthDate': '请填写正确的出生日期，例如 1966-10-12。',
  'applicant.phone': '请填写 11 位手机号码。',
  'applicant.address': '请填写现在的住址。',
  'retirement.type': '请选择退休方式。',
  'retirement.requestedMonth': '请填写退休月份，格式是 年-月，例如 2027-04。',
  'retirement.originalRetirementAge': '请选择原来的退休年龄。',
  'bankAccount.bankName': '请填写开户银行。',
  'bankAccount.accountNo': '银行卡号应为 8 到 30 位数字，不要空格。',
  'housingFund.withdraw': '请选择是否取出公积金。',
  'commitments.informationTrue': '请勾选这一项，承诺信息真实。',
  'commitments.dataSharingConsent': '请勾选这一项，同意四个部门共享信息。',
};
let formLoadedFor = '';

function setRadio(name, value) {
  for (const r of $$(`input[name="${name}"]`)) r.checked = r.value === String(value);
}

async function showForm() {
  const n = session.caseNumber;
  const form = $('#app-form');
  $('#form-case').textContent = `办件编号 ${n}`;
  if (formLoadedFor === n) return;
  clearErrors(form);
  $('#form-summary').hidden = true;
  say('正在读取各部门已有的信息…');
  try {
    const c = await api('GET', `/v1/cases/${n}`, { token: session.token });
    if (c.status !== 'BOOKED') { go('progress'); return; }
    const p = await api('GET', `/v1/cases/${n}/prefill`, { token: session.token });
    $('#form-source').textContent = p.source === 'departments'
      ? '下面的信息已经由各部门提前填好，请逐项核对，不对的直接改。'
      : '没有查到您在各部门的资料，请把下面的内容填完整。';
    $('#f-name').value = p.applicant.name || '';
    $('#f-id').value = p.applicant.idNumber || '';
    setRadio('f-gender', p.applicant.gender || '');
    $('#f-birth').value = p.applicant.birthDate || '';
    $('#f-phone').value = p.applicant.phone || '';
    setRadio('f-original', p.retirement?.originalRetirementAge ?? '');
    $('#f-bank').value = p.bankAccount?.bankName || '';
    $('#f-account').value = p.bankAccount?.accountNo || '';
    setRadio('f-withdraw', p.housingFund?.withdraw ? 'yes' : 'no');
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
    $('#f-month-hint').textContent = `按您的出生日期，法定退休时间是 ${monthZh(r.statutoryRetirementMonth)}（填 ${r.statutoryRetirementMonth}）；弹性退休可选 ${monthZh(r.flexibleEarliestMonth)} 至 ${monthZh(r.flexibleLatestMonth)}。`;
    if (!$('#f-month').value) $('#f-month').value = r.statutoryRetirementMonth;
  } catch {
    $('#f-month-hint').textContent = '格式：年-月，例如 2027-04';
  }
}

function readForm() {
  const radio = (name) => $(`input[name="${name}"]:checked`)?.value;
  const orig = radio('f-original');
  const withdraw = radio('f-withdraw');
  return {
    applicant: {
      idNumber: $('#f-id').value.trim(),
      name: $('#f-name').value.trim(),
      gender: radio('f-gender'),
      birthDate: $('#f-birth').value,
      phone: $('#f-phone').value.trim(),
      address: $('#f-address').value.trim(),
    },
    retirement: {
      type: radio('f-type'),
      requestedMonth: $('#f-month').value.trim(),
      originalRetirementAge: orig ? Number(orig) : undefined,
    },
    bankAccount: { bankName: $('#f-bank').value.trim(), accountNo: $('#f-account').value.replace(/\s+/g, '') },
    housingFund: { withdraw: withdraw === undefined ? undefined : withdraw === 'yes' },
    commitments: { informationTrue: $('#f-true').checked, dataSharingConsent: $('#f-consent').checked },
  };
}

function showFormErrors(form, errors) {
  const summary = $('#form-summary');
  const items = [];
  const seen = new Set();
  for (const e of errors) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    const msg = FIELD_MSG[e.path] || `请检查：${e.message}`;
    const placed = fieldError(form, e.path, msg);
    const input = placed && firstInput(form, e.path);
    items.push(h('li', {}, input
      ? h('a', { href: `#${input.id || ''}`, onclick: (ev) => { ev.preventDefault(); input.focus(); input.scrollIntoView({ block: 'center' }); } }, msg)
      : msg));
  }
  summary.replaceChildren(h('h2', {}, `有 ${items.length} 处需要修改`), h('ul', {}, items));
  summary.hidden = false;
  summary.focus();
}

function setupForm() {
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

// ---------- (e) 办理进度 ----------
const END = new Set(['COMPLETED', 'EXPIRED', 'WITHDRAWN']);
let pollTimer = null;
let lastStatus = '';
let pollFailures = 0;

function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
}

function showProgress() {
  stopPolling();
  lastStatus = '';
  $('#p-number').textContent = session.caseNumber;
  poll();
}

async function poll() {
  const n = session.caseNumber;
  try {
    const c = await api('GET', `/v1/cases/${n}`, { token: session.token });
    if (current !== 'progress' || n !== session.caseNumber) return;
    pollFailures = 0;
    renderCase(c);
    if (!END.has(c.status)) pollTimer = setTimeout(poll, 2000);
  } catch (err) {
    if (handleAuth(err)) return;
    if (err instanceof ApiError && err.status === 404) {
      say('没有找到这个办件。请核对办件编号，或重新预约。', 'error');
      session.caseNumber = null;
      $('#p-actions').replaceChildren(h('a', { class: 'button', href: '#book' }, '重新预约'));
      return;
    }
    pollFailures += 1;
    say(`${problemText(err)}（将自动重试）`, 'warn');
    if (current === 'progress') pollTimer = setTimeout(poll, Math.min(2000 * 2 ** pollFailures, 30_000));
  }
}

function statusText(c) {
  if (c.status === 'COMPLETED') return c.decision === 'REJECTED' ? '已办结：不予批准' : '已办结：批准退休';
  return STATUS_ZH[c.status] || c.status;
}

function statusExplain(c) {
  const waitingPerson = c.status === 'PRE_REVIEW' && c.timeline.some((t) => /人工/.test(t.note));
  switch (c.status) {
    case 'BOOKED': return `还没有提交申请表。请在 ${dateZh(c.deadline)} 前提交，过期要重新预约。`;
    case 'SUBMITTED': return '申请表已收到，马上开始预审。';
    case 'PRE_REVIEW': return waitingPerson ? '有信息需要工作人员核实，工作人员可能会打电话联系您，请保持电话畅通。' : '正在核对您的申请表。';
    case 'CHECKING': return '人社、税务、医保、公积金四个部门正在同时核查，一般几分钟内完成。';
    case 'MANUAL_REVIEW': return '有部门需要工作人员审核，工作人员可能会打电话联系您，请保持电话畅通。';
    case 'SEALING': return '结果已经确定，正在出具盖章的文书。';
    case 'COMPLETED': return c.decision === 'REJECTED'
      ? '这次没有批准。原因和解决办法写在下面各部门的结果里，也写在盖章的决定书里。办好后可以重新预约。'
      : '您的退休申请已经批准。请下载盖章的办理结果，妥善保存。';
    case 'EXPIRED': return '没有在期限内提交申请表，这个办件已经过期。您可以重新预约。';
    case 'WITHDRAWN': return '您已撤回这次申请，本办件已结束。如果还要办理退休，请重新预约。';
    default: return '';
  }
}

/** The duty or result a department's details carry, in plain words. */
function duties(key, d) {
  const x = d.details || {};
  const out = [];
  if (key === 'medical' && d.outcome === 'CONDITIONAL' && x.topUpMonths) {
    out.push(`您需要一次性补缴医保 ${x.topUpMonths} 个月，约 ${yuan(x.topUpAmountFen)} 元。补缴后，退休后可以享受医保待遇。`);
  }
  if (key === 'housingFund' && d.outcome === 'PASS') {
    if (x.withdrawalAmountFen > 0) out.push(`公积金 ${yuan(x.withdrawalAmountFen)} 元将转到您的银行卡，公积金账户同时注销。`);
    else if (x.closeAccount === false) out.push('您选择暂不取出公积金，账户保留。');
  }
  if (key === 'hr' && (d.outcome === 'PASS' || d.outcome === 'CONDITIONAL') && x.statutoryRetirementMonth) {
    out.push(`法定退休时间：${monthZh(x.statutoryRetirementMonth)}。`);
    if (typeof x.contributionMonths === 'number') out.push(`养老保险已缴费 ${Math.floor(x.contributionMonths / 12)} 年${x.contributionMonths % 12 ? ` ${x.contributionMonths % 12} 个月` : ''}。`);
  }
  if (key === 'tax' && d.outcome === 'PASS') out.push('社保费没有欠缴。');
  if (typeof x.note === 'string') out.push(x.note);
  return out;
}

function actorZh(actor) {
  if (!actor || actor === 'system') return '系统';
  if (actor.startsWith('citizen:')) return '本人';
  if (actor.startsWith('platform')) return '政务服务平台';
  if (actor.startsWith('pre-review') || actor.startsWith('supervisor')) return '工作人员';
  return actor;
}

function renderCase(c) {
  if (c.status !== lastStatus) {
    if (lastStatus) say(`办理状态更新：${statusText(c)}`, c.status === 'COMPLETED' ? 'ok' : 'info');
    lastStatus = c.status;
  }
  const card = $('#p-status-card');
  card.className = `status-card s-${c.status.toLowerCase()}${c.decision ? ` d-${c.decision.toLowerCase()}` : ''}`;
  $('#p-status').textContent = statusText(c);
  $('#p-status-explain').textContent = statusExplain(c);

  const actions = [];
  if (c.status === 'BOOKED') actions.push(h('a', { class: 'button', href: '#form' }, '填写申请表'));
  if (c.status === 'EXPIRED' || c.status === 'WITHDRAWN' || (c.status === 'COMPLETED' && c.decision === 'REJECTED')) {
    actions.push(h('button', { type: 'button', class: c.status === 'COMPLETED' ? 'button secondary' : 'button', onclick: () => { session.caseNumber = null; session.booking = null; go('book'); } }, '重新预约'));
  }
  $('#p-actions').replaceChildren(...actions);
  $('#p-withdraw').hidden = !WITHDRAWABLE.has(c.status);

  const docs = $('#p-documents');
  if (c.documents?.length) {
    docs.replaceChildren(h('h2', {}, '办理结果文书'), h('ul', { class: 'documents' }, c.documents.map((d) =>
      h('li', {}, h('button', {
        type: 'button',
        class: 'button download',
        'data-document-id': d.documentId,
        onclick: async (ev) => {
          const b = ev.currentTarget;
          busy(b, true, '正在下载…');
          try {
            await downloadDocument(`/v1/cases/${c.caseNumber}/documents/${encodeURIComponent(d.documentId)}`, session.token, `${d.documentId}.pdf`);
            say(`已下载：${d.title}`, 'ok');
          } catch (err) {
            if (!handleAuth(err)) say(`下载没有成功：${problemText(err)}`, 'error');
          } finally {
            busy(b, false);
          }
        },
      }, `下载：${d.title}`),
      h('p', { class: 'hint' }, h('a', { href: `/verify/${encodeURIComponent(d.documentId)}` }, `查验这份文书的电子印章`))))),
    h('p', { class: 'hint' }, '文书是 PDF 文件，带有电子印章，与窗口出具的纸质文书效力相同。'));
  } else {
    docs.replaceChildren();
  }

  $('#p-departments').replaceChildren(...Object.entries(DEPARTMENT_ZH).map(([key, label]) => {
    const d = c.departments?.[key] || { outcome: 'PENDING', reasons: [], details: {} };
    const notYet = d.outcome === 'PENDING' && ['BOOKED', 'SUBMITTED', 'PRE_REVIEW'].includes(c.status);
    // A withdrawn or expired case is over: what was still open will not be checked any more.
    const stopped = ['WITHDRAWN', 'EXPIRED'].includes(c.status) && ['PENDING', 'MANUAL'].includes(d.outcome);
    return h('li', { class: `dept o-${stopped ? 'stopped' : d.outcome.toLowerCase()}` },
      h('div', { class: 'dept-head' },
        h('span', { class: 'dept-name' }, label),
        h('span', { class: 'badge' }, stopped ? '不再办理' : notYet ? '等待开始' : OUTCOME_ZH[d.outcome] || d.outcome)),
      d.reasons?.length ? h('ul', { class: 'reasons' }, d.reasons.map((r) => h('li', {}, r.message))) : null,
      ...duties(key, d).map((t) => h('p', { class: 'duty' }, t)));
  }));

  $('#p-timeline').replaceChildren(...[...c.timeline].reverse().map((t) =>
    h('li', {},
      h('p', { class: 'when' }, instantZh(t.at)),
      h('p', { class: 'what' }, h('strong', {}, STATUS_ZH[t.status] || t.status), `　${t.note}`),
      h('p', { class: 'who-did' }, actorZh(t.actor)))));

  $('#p-updated').textContent = END.has(c.status) ? '' : '页面每 2 秒自动刷新，不用手动刷新。';
}

// ---------- 撤回申请 ----------
/** The API allows a withdrawal only while the case waits for a person. */
const WITHDRAWABLE = new Set(['BOOKED', 'PRE_REVIEW', 'MANUAL_REVIEW']);

/** Why a withdrawal was refused (409), in plain words, from the case's status now. */
async function withdrawRefusal() {
  let status = '';
  try { status = (await api('GET', `/v1/cases/${session.caseNumber}`, { token: session.token })).status; } catch { /* fall through */ }
  if (status === 'WITHDRAWN') return '这个办件已经撤回了，不用再撤回。';
  if (status === 'COMPLETED') return '这个办件已经办结，不能撤回了。';
  if (status === 'EXPIRED') return '这个办件已经过期，不用撤回。';
  return '您的申请正在核查或正在出具文书，暂时不能撤回。请等办理结果出来；有疑问请拨打 12333。';
}

function setupWithdraw() {
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
    cancel.textContent = '不撤回，返回';
  };
  $('#p-withdraw-open').addEventListener('click', () => {
    reset();
    dialog.showModal();
    $('#wd-reason').focus();
  });
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { if (!confirm.disabled) reset(); });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    problem.hidden = true;
    const reason = $('#wd-reason').value.trim();
    if (reason.length > 500) { fieldError(form, 'reason', '原因最多写 500 个字。'); $('#wd-reason').focus(); return; }
    busy(confirm, true, '正在撤回…');
    try {
      await api('POST', `/v1/cases/${session.caseNumber}/withdrawal`, { token: session.token, body: reason ? { reason } : {} });
      busy(confirm, false);
      $('#wd-reason').value = '';
      dialog.close();
      stopPolling();
      lastStatus = 'WITHDRAWN';
      await poll();
      say('您的申请已撤回，本办件已结束。如果还要办理退休，可以重新预约。', 'ok');
      $('#p-status-card').focus();
    } catch (err) {
      busy(confirm, false);
      if (handleAuth(err)) { dialog.close(); return; }
      let text = problemText(err);
      if (err instanceof ApiError && err.status === 409) {
        text = await withdrawRefusal();
        confirm.hidden = true;
        cancel.textContent = '知道了，返回';
        stopPolling();
        poll();
      } else if (err instanceof ApiError && err.status === 400 && err.errors.some((e) => e.path === 'reason')) {
        fieldError(form, 'reason', '原因最多写 500 个字，请改短一些。');
        text = '撤回原因太长了，请改短一些。';
      }
      problem.replaceChildren(h('p', {}, h('strong', {}, '没有撤回。'), ' ', text));
      problem.hidden = false;
      (confirm.hidden ? cancel : confirm).focus();
    }
  });
}

// ---------- start ----------
function start() {
  $('#sign-out').addEventListener('click', () => {
    stopPolling();
    session.clear();
    formLoadedFor = '';
    go('home');
    say('您已退出登录。', 'ok');
  });
  setupCalc();
  setupLogin();
  setupBook();
  setupForm();
  setupWithdraw();
  window.addEventListener('hashchange', route);
  route();
}

start();
