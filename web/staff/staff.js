// 预审工作台 — the pre-review team's console: the work queue with promised times and claims, the page to
// decide from (applicant, form, department answers, supplement rounds, decisions), the supervisors' dashboard.
// The API enforces who may do what (four-eyes rule, assignee); its refusals are shown here in plain Chinese.
import { api, ApiError, downloadDocument, idempotencyKeyFor, h, STATUS_ZH, DEPARTMENT_ZH, dateZh, instantZh, monthZh, timeZh, yuan } from '../lib/api.js';
import { $, $$, say, clearErrors, fieldError, busy } from '../lib/ui.js';
import { FORM_FIELD_ZH, FORM_SECTION_ZH, formValueZh } from '../lib/form-labels.js';
import { finishSignIn, siteConfig, startSignIn } from '../lib/oidc-sign-in.js';
import { pathWords, staffProblemText } from './staff-problem.js';

const KEYS = { token: 'ro.staff.token', name: 'ro.staff.name', role: 'ro.staff.role', staffId: 'ro.staff.staffId' };
const ROLE_ZH = { 'pre-review': '预审员', supervisor: '审核主管' };
const session = {
  get token() {
    return sessionStorage.getItem(KEYS.token);
  },
  get name() {
    return sessionStorage.getItem(KEYS.name);
  },
  get role() {
    return sessionStorage.getItem(KEYS.role);
  },
  get staffId() {
    return sessionStorage.getItem(KEYS.staffId) || '';
  },
  set(token, role, name, staffId) {
    sessionStorage.setItem(KEYS.token, token);
    sessionStorage.setItem(KEYS.role, role);
    sessionStorage.setItem(KEYS.name, name);
    sessionStorage.setItem(KEYS.staffId, staffId || '');
  },
  clear() {
    for (const k of Object.values(KEYS)) sessionStorage.removeItem(k);
  },
};

/** The claims of our own token (the API verifies it; the page only reads who is signed in). */
function claimsOf(token) {
  try {
    const json = decodeURIComponent(
      [...atob((token.split('.')[1] || '').replace(/-/g, '+').replace(/_/g, '/'))].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/** Status as the team says it. */
const STAFF_STATUS_ZH = { ...STATUS_ZH, SUPPLEMENT_REQUESTED: '等待群众补正', NEEDS_ATTENTION: '需处理（系统步骤失败）' };
const SLA_STATE_ZH = { ON_TIME: '按时', DUE_SOON: '即将到期', OVERDUE: '已超期', PAUSED: '等待群众补正' };
const SLA_STAGE_ZH = { 'pre-review': '预审', manual: '人工审核', case: '整件办理' };
const STAFF_OUTCOME_ZH = {
  PENDING: '正在核查',
  PASS: '通过',
  CONDITIONAL: '有条件通过',
  FAIL: '不通过',
  MANUAL: '需工作人员审核',
  NOT_APPLICABLE: '无需办理',
};
const DEPT_ZH = { ...DEPARTMENT_ZH, health: '卫健部门（独生子女父母奖励）' };
const ASSIGNABLE = ['NEEDS_ATTENTION', 'SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'CHECKING', 'MANUAL_REVIEW'];
const ENDED = ['COMPLETED', 'EXPIRED', 'WITHDRAWN'];

function problemText(err) {
  return staffProblemText(err);
}

function handleAuth(err) {
  if (err instanceof ApiError && err.status === 401) {
    session.clear();
    location.hash = '';
    route();
    say('登录已过期，请重新登录。', 'warn');
    return true;
  }
  return false;
}

/**
 * "剩 3 个工作日", "今天到期", "已超 2 个工作日", or, paused, the days kept for when the correction comes; for a
 * completed case, whether the promise was kept ("已按时办结", "超时办结，超 2 个工作日").
 */
function daysLeftWords(sla, status) {
  const n = sla.workingDaysLeft;
  if (status === 'COMPLETED') return n >= 0 ? '已按时办结' : `超时办结，超 ${-n} 个工作日`;
  if (sla.state === 'PAUSED') return `计时暂停，还剩 ${Math.max(n, 0)} 个工作日`;
  if (n > 0) return `剩 ${n} 个工作日`;
  if (n === 0) return '今天到期';
  return `已超 ${-n} 个工作日`;
}

/** Said wherever a promised date counts days of a year whose holiday notice is not out yet (`sla.provisional`). */
const PROVISIONAL_NOTE = '按暂定日历计算：所涉年份的国务院放假安排尚未公布，暂只计法定节假日，公布后日期可能变动。';

function slaBadge(sla, status) {
  if (status === 'COMPLETED') return h('span', { class: `sla-badge sla-${sla.state.toLowerCase()}` }, sla.workingDaysLeft >= 0 ? '按时办结' : '超时办结');
  return h('span', { class: `sla-badge sla-${sla.state.toLowerCase()}` }, SLA_STATE_ZH[sla.state] || '—');
}

function who(staffId) {
  return staffId === session.staffId ? `${staffId}（我）` : staffId;
}

// ---------- router: #queue, #case/RT…, #dashboard ----------
// One timer per view, each cleared when its view is left: a queue refresh still pending from before can
// never cancel the case page's (the defect where the case page stopped refreshing ~10 s after sign-in).
let view = '';
const timers = { queue: 0, case: 0, dashboard: 0 };
let caseNumber = '';

function stopTimers() {
  for (const k of Object.keys(timers)) {
    clearTimeout(timers[k]);
    timers[k] = 0;
  }
}

/** Schedules the next refresh of one view, replacing any pending one of that view. */
function refreshLater(name, fn, ms) {
  clearTimeout(timers[name]);
  timers[name] = view === name ? setTimeout(fn, ms) : 0;
}

function show(name) {
  for (const v of ['login', 'queue', 'case', 'dashboard']) $(`#view-${v}`).hidden = v !== name;
  const changed = view !== name;
  view = name;
  const signedIn = Boolean(session.token);
  $('#who').hidden = !signedIn;
  $('#who-name').textContent = signedIn ? `${ROLE_ZH[session.role] || session.role}：${session.name}` : '';
  $('#who-id').textContent = signedIn && session.staffId && session.staffId !== session.name ? `工号 ${session.staffId}` : '';
  $('#tabs').hidden = !signedIn;
  $('#tab-dashboard').hidden = session.role !== 'supervisor';
  for (const [tab, v] of [
    ['#tab-queue', 'queue'],
    ['#tab-dashboard', 'dashboard'],
  ]) {
    if (v === name || (v === 'queue' && name === 'case')) $(tab).setAttribute('aria-current', 'page');
    else $(tab).removeAttribute('aria-current');
  }
  if (changed) $(`#view-${name} h1`).focus();
}

function route() {
  stopTimers();
  if (!session.token) {
    show('login');
    return;
  }
  const m = /^#case\/(RT[0-9A-Z]{14})$/.exec(location.hash);
  if (m) {
    const other = caseNumber !== m[1];
    caseNumber = m[1];
    show('case');
    if (other) lastCase = null;
    resetAudit();
    resetReveal();
    loadCase(true);
    return;
  }
  if (location.hash === '#dashboard' && session.role === 'supervisor') {
    show('dashboard');
    loadDashboard();
    return;
  }
  show('queue');
  loadQueue();
}

// ---------- sign-in ----------
/** Back from the provider's staff sign-in (?code=…): keep its token and the person it names. */
async function completeSignIn() {
  const result = await finishSignIn().catch(() => ({ error: 'network' }));
  if (!result) return;
  if ('error' in result) {
    say(result.error === 'access_denied' ? '没有登录。' : '登录没有成功，请再试一次。', 'error');
    return;
  }
  session.set(result.token, result.claims.role, result.claims.name, result.claims.staffId);
  say(`已登录：${ROLE_ZH[result.claims.role] || result.claims.role} ${result.claims.name}`, 'ok');
  location.hash = 'queue';
  route();
}

function setupLogin() {
  siteConfig().then((config) => {
    $('#dev-login').hidden = !config.devSignIn;
  });
  $('#oidc-sign-in').addEventListener('click', async (ev) => {
    ev.preventDefault();
    try {
      const { signIn } = await siteConfig();
      await startSignIn({ clientId: signIn.staffClientId, redirectUri: `${location.origin}/staff/` });
    } catch {
      say('暂时无法打开登录页面，请稍后再试。', 'error');
    }
  });
  const form = $('#login-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const role = form.role.value;
    const name = form.name.value.trim();
    const staffId = form.staffId.value.trim();
    if (!name) {
      fieldError(form, 'name', '请填写姓名或工号。');
      form.name.focus();
      return;
    }
    if (staffId && !/^[A-Za-z0-9._-]{1,64}$/.test(staffId)) {
      fieldError(form, 'staffId', '工号只能用英文字母、数字、点、横线或下划线。');
      form.staffId.focus();
      return;
    }
    try {
      const { token } = await api('POST', '/v1/dev/tokens', { body: { role, name, ...(staffId ? { staffId } : {}) } });
      session.set(token, role, name, claimsOf(token).staffId || staffId);
      form.reset();
      say(`已登录：${ROLE_ZH[role]} ${name}`, 'ok');
      location.hash = 'queue';
      route();
    } catch (err) {
      say(err instanceof ApiError && err.status === 404 ? '开发登录没有开启（仅本地开发模式可用）。' : problemText(err), 'error');
    }
  });
  $('#sign-out').addEventListener('click', () => {
    stopTimers();
    session.clear();
    location.hash = '';
    route();
    say('已退出。', 'ok');
  });
}

// ---------- queue ----------
function queueQuery() {
  const f = $('#filter-form');
  const q = new URLSearchParams();
  if (f.status.value) q.set('status', f.status.value);
  if (f.overdue.value) q.set('overdue', f.overdue.value);
  if (f.dueWithinDays.value !== '') q.set('dueWithinDays', f.dueWithinDays.value);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const QUICK = {
  '': () => true,
  overdue: (i) => i.sla?.state === 'OVERDUE' || i.overdue,
  dueSoon: (i) => i.sla?.state === 'DUE_SOON',
  mine: (i) => Boolean(session.staffId) && i.assignee?.staffId === session.staffId,
  unassigned: (i) => !i.assignee && ASSIGNABLE.includes(i.status),
};

function attentionText(a) {
  return a ? `系统步骤“${a.failedState}”多次重试仍失败，请审核主管处理` : '';
}

function queueRow(i) {
  const cls = [i.sla ? `sla-row-${i.sla.state.toLowerCase()}` : '', i.status === 'NEEDS_ATTENTION' ? 'attention' : ''].filter(Boolean).join(' ');
  const canClaim = !i.assignee && ASSIGNABLE.includes(i.status) && Boolean(session.staffId);
  return h(
    'tr',
    { class: cls, 'data-case': i.caseNumber },
    h(
      'td',
      { 'data-label': '办件编号' },
      h('a', { href: `#case/${i.caseNumber}`, class: 'mono case-link' }, i.caseNumber),
      h('br'),
      h('span', { class: 'small' }, i.channel === 'window' ? '窗口预约' : '网上预约'),
    ),
    h('td', { 'data-label': '申请人' }, i.applicant.name, h('br'), h('span', { class: 'small mono' }, i.applicant.idNumber)),
    h(
      'td',
      { 'data-label': '状态' },
      STAFF_STATUS_ZH[i.status] || '其他',
      i.attention ? h('span', { class: 'badge overdue-badge', title: attentionText(i.attention) }, '步骤失败') : null,
    ),
    h(
      'td',
      { 'data-label': '承诺期限', class: 'sla-cell' },
      i.sla
        ? [
            slaBadge(i.sla, i.status),
            h('br'),
            h('span', {}, `${dateZh(i.sla.dueDate)}前`),
            h('br'),
            h('span', { class: 'small' }, `${SLA_STAGE_ZH[i.sla.stage]}：${daysLeftWords(i.sla, i.status)}`),
            ...(i.sla.provisional ? [h('br'), h('span', { class: 'small provisional', title: PROVISIONAL_NOTE }, '暂定日历')] : []),
          ]
        : [h('span', { class: 'small' }, `申请表期限 ${dateZh(i.deadline)}`), i.overdue ? h('span', { class: 'badge overdue-badge' }, '已超期') : null],
    ),
    h(
      'td',
      { 'data-label': '认领人', class: 'assignee-cell' },
      i.assignee
        ? h('span', { class: i.assignee.staffId === session.staffId ? 'mine' : '' }, who(i.assignee.staffId))
        : [
            h('span', { class: 'unassigned' }, '未认领'),
            canClaim ? h('button', { type: 'button', class: 'button small-button claim', 'data-claim': i.caseNumber }, '认领') : null,
          ],
    ),
    h('td', { 'data-label': '待人工决定' }, i.waitingFor.length ? i.waitingFor.map((k) => DEPT_ZH[k]?.replace(/（.*）/, '') || '其他部门').join('、') : '—'),
  );
}

async function loadQueue() {
  clearTimeout(timers.queue);
  const f = $('#filter-form');
  clearErrors(f);
  loadNotices($('#q-notices-list'), $('#q-notices'));
  try {
    const items = await api('GET', `/v1/staff/cases${queueQuery()}`, { token: session.token });
    if (view !== 'queue') return;
    // A case whose workflow step failed (NEEDS_ATTENTION) comes first, as the API orders it; then the promised date.
    const attentionFirst = (i) => (i.status === 'NEEDS_ATTENTION' ? 0 : 1);
    const due = (i) => i.sla?.dueDate || i.deadline;
    items.sort((a, b) => attentionFirst(a) - attentionFirst(b) || due(a).localeCompare(due(b)) || a.caseNumber.localeCompare(b.caseNumber));
    const shown = items.filter(QUICK[f.quick.value] || QUICK['']);
    const count = (p) => items.filter(p).length;
    const parts = [
      count(QUICK.overdue) && `已超期 ${count(QUICK.overdue)} 件`,
      count(QUICK.dueSoon) && `即将到期 ${count(QUICK.dueSoon)} 件`,
      count(QUICK.unassigned) && `未认领 ${count(QUICK.unassigned)} 件`,
    ].filter(Boolean);
    $('#queue-count').textContent =
      `${shown.length === items.length ? `共 ${items.length} 件` : `显示 ${shown.length} 件（共 ${items.length} 件）`}${parts.length ? `；${parts.join('，')}` : ''}。需处理的排在最前，其余按承诺期限从早到晚，每 10 秒自动刷新。`;
    $('#queue-body').replaceChildren(...(shown.length ? shown.map(queueRow) : [h('tr', {}, h('td', { colspan: 6 }, '没有符合条件的办件。'))]));
  } catch (err) {
    if (handleAuth(err)) return;
    if (err instanceof ApiError && err.status === 400) fieldError(f, 'dueWithinDays', '请填写 0 到 3650 之间的整数。');
    say(problemText(err), 'error');
  }
  refreshLater('queue', loadQueue, 10_000);
}

/** Claim for oneself (the queue's 认领 and the case page's 认领本件). */
async function assign(n, staffId) {
  const path = `/v1/staff/cases/${n}/assignment`;
  const body = { staffId };
  return api('POST', path, { token: session.token, body, headers: { 'Idempotency-Key': idempotencyKeyFor(path, body) } });
}

function setupQueue() {
  $('#filter-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    loadQueue();
  });
  $('#filter-form').addEventListener('change', (ev) => {
    if (ev.target.tagName === 'SELECT' || ev.target.name === 'quick') loadQueue();
  });
  $('#queue-body').addEventListener('click', async (ev) => {
    const button = ev.target.closest('button[data-claim]');
    if (!button) return;
    const n = button.dataset.claim;
    busy(button, true, '认领中…');
    try {
      await assign(n, session.staffId);
      say(`已认领 ${n}。`, 'ok');
    } catch (err) {
      if (handleAuth(err)) return;
      say(problemText(err), 'error');
    }
    loadQueue();
  });
}

// ---------- 提醒 (the caller's reminders) ----------
const NOTICE_ZH = { 'due-soon': '即将到期', overdue: '已超期' };

function noticeItem(n) {
  return h(
    'li',
    { class: `notice-item n-${n.kind}`, 'data-case': n.caseNumber },
    h('span', { class: `sla-badge ${n.kind === 'overdue' ? 'sla-overdue' : 'sla-due_soon'}` }, NOTICE_ZH[n.kind] || '提醒'),
    ' ',
    h('a', { href: `#case/${n.caseNumber}`, class: 'mono' }, n.caseNumber),
    ` ${SLA_STAGE_ZH[n.stage] || ''}承诺期限 ${dateZh(n.dueDate)}`,
    h('span', { class: 'small' }, `（${instantZh(n.at)} 提醒${n.to === 'team' ? '，本件还没有人认领' : ''}）`),
  );
}

async function loadNotices(list, box) {
  try {
    const { notices } = await api('GET', '/v1/staff/notices', { token: session.token });
    list.replaceChildren(...notices.slice(0, 20).map(noticeItem));
    box.hidden = notices.length === 0;
    return notices;
  } catch {
    box.hidden = true;
    return null;
  }
}

// ---------- case ----------

// ---------- 访问记录 (supervisors only; read when opened, since each read is itself recorded) ----------
const AUDIT_ROLE_ZH = { citizen: '申请人', platform: '政务服务平台', 'pre-review': '预审员', supervisor: '审核主管', system: '系统', none: '未登录' };
const AUDIT_ACTION_ZH = {
  'read-case': '查看办件',
  'read-prefill': '查看预填信息',
  'submit-application': '提交申请',
  'read-events': '查看进度',
  withdraw: '撤回申请',
  'read-audit': '查看访问记录',
  'read-case-detail': '查看办件（工作台）',
  'reveal-applicant': '查看申请人完整信息',
  'submit-supplement': '提交补正',
  'read-documents': '查看文书',
  rating: '评价',
  retry: '重新处理',
};

function auditAction(action) {
  const denied = /:denied$/.test(action);
  const base = denied ? action.slice(0, -':denied'.length) : action;
  let text = AUDIT_ACTION_ZH[base];
  if (!text && base.startsWith('assign:')) text = `认领或转交给 ${base.slice('assign:'.length)}`;
  if (!text && base.startsWith('read-document:')) text = `下载文书（${base.slice('read-document:'.length)}）`;
  if (!text && base.startsWith('review:'))
    text = `作出审核决定（${base.slice('review:'.length) === 'manual' ? '人工审核' : base.slice('review:'.length) === 'pre-review' ? '预审' : base.slice('review:'.length)}）`;
  return { text: text || '其他操作', denied };
}

function auditActor(actor) {
  if (actor.startsWith('citizen:')) return actor.slice('citizen:'.length);
  const i = actor.indexOf(':');
  return i > 0 && ROLE_ZH[actor.slice(0, i)] ? actor.slice(i + 1) : actor;
}

let auditFor = '';

async function loadAudit() {
  const n = caseNumber;
  const state = $('#c-audit-state');
  state.textContent = '正在读取访问记录…';
  try {
    const entries = await api('GET', `/v1/staff/cases/${n}/audit`, { token: session.token });
    if (view !== 'case' || n !== caseNumber) return;
    auditFor = n;
    const denied = entries.filter((e) => /:denied$/.test(e.action)).length;
    state.textContent = `共 ${entries.length} 条，最新的在最上面${denied ? `；其中被拒绝 ${denied} 条（红色）` : ''}。`;
    $('#c-audit-body').replaceChildren(
      ...entries.map((e) => {
        const a = auditAction(e.action);
        return h(
          'tr',
          { class: a.denied ? 'denied' : '', 'data-action': e.action },
          h('td', {}, instantZh(e.at)),
          h('td', {}, auditActor(e.actor)),
          h('td', {}, AUDIT_ROLE_ZH[e.role] || e.role),
          h(
            'td',
            {},
            a.text,
            a.denied ? h('span', { class: 'badge denied-badge' }, '被拒绝') : null,
            // A polled read stands for every read by the same person until the window's end.
            e.until ? h('span', { class: 'audit-window' }, `（至 ${instantZh(e.until)} 的多次查看合为一条）`) : null,
          ),
          h('td', {}, h('span', { class: 'code' }, e.requestId)),
        );
      }),
    );
    $('#c-audit-wrap').hidden = entries.length === 0;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      handleAuth(err);
      return;
    }
    state.textContent = err instanceof ApiError && err.status === 403 ? '只有审核主管可以查看访问记录。' : `没有读取成功：${problemText(err)}`;
  }
}

function setupAudit() {
  const box = $('#c-audit');
  box.addEventListener('toggle', () => {
    if (box.open && auditFor !== caseNumber) loadAudit();
  });
  $('#c-audit-refresh').addEventListener('click', loadAudit);
}

/** Shows the section to supervisors only, closed and empty each time a case is opened. */
function resetAudit() {
  const box = $('#c-audit');
  box.hidden = session.role !== 'supervisor';
  auditFor = '';
  box.open = false;
  $('#c-audit-state').textContent = '';
  $('#c-audit-body').replaceChildren();
  $('#c-audit-wrap').hidden = true;
}

function statusText(c) {
  if (c.status === 'COMPLETED') return `已办结：${c.decision === 'REJECTED' ? '不予批准' : '批准'}`;
  return STAFF_STATUS_ZH[c.status] || '其他状态';
}

function detailLines(key, d) {
  const x = d.details || {};
  const lines = [];
  if (key === 'hr' && x.statutoryRetirementMonth)
    lines.push(`法定退休时间 ${monthZh(x.statutoryRetirementMonth)}；缴费 ${x.contributionMonths ?? '?'} 个月（最低 ${x.minimumContributionMonths ?? '?'}）`);
  if (key === 'medical' && x.topUpMonths) lines.push(`需补缴 ${x.topUpMonths} 个月，约 ${yuan(x.topUpAmountFen)} 元`);
  if (key === 'housingFund' && typeof x.balanceFen === 'number') lines.push(`余额 ${yuan(x.balanceFen)} 元；未还贷款 ${yuan(x.outstandingLoanFen || 0)} 元`);
  if (key === 'tax' && x.totalArrearsFen) lines.push(`欠缴合计 ${yuan(x.totalArrearsFen)} 元`);
  if (key === 'health' && typeof x.rewardFen === 'number')
    lines.push(`独生子女父母退休奖励 ${yuan(x.rewardFen)} 元${x.rewardDemoDefault ? '（演示默认值）' : ''}`);
  if (x.staffDecision && typeof x.staffDecision === 'object') {
    const sd = x.staffDecision;
    lines.push(`人工决定：${sd.outcome === 'FAIL' ? '不通过' : '通过'}${sd.note ? `（${sd.note}）` : ''}${sd.staffId ? `，${sd.staffId}` : ''}`);
  }
  if (typeof x.note === 'string') lines.push(x.note);
  return lines;
}

/** Who did it, for the timeline: a staff id, 系统, 申请人 (ID numbers arrive masked). */
function actorWords(actor) {
  if (!actor) return '';
  if (actor === 'system' || actor.startsWith('system')) return '系统';
  if (actor.startsWith('citizen:')) return `申请人 ${actor.slice('citizen:'.length)}`;
  if (actor.startsWith('platform')) return '政务服务平台';
  const i = actor.indexOf(':');
  if (i > 0 && ROLE_ZH[actor.slice(0, i)]) return `${ROLE_ZH[actor.slice(0, i)]} ${actor.slice(i + 1)}`;
  return actor;
}

/** Everything staff decide from (GET /v1/staff/cases/{n}): the case view, masked applicant and form, findings, decisions, supplements. */
function fetchCase(n) {
  return api('GET', `/v1/staff/cases/${n}`, { token: session.token });
}

let lastCase = null;
let lastDetail = null;

async function loadCase(fresh) {
  clearTimeout(timers.case);
  const n = caseNumber;
  try {
    const d = await fetchCase(n);
    if (view !== 'case' || n !== caseNumber) return;
    renderCase(d, fresh);
  } catch (err) {
    if (handleAuth(err)) return;
    if (view === 'case' && n === caseNumber) say(problemText(err), 'error');
  }
  if (view === 'case' && n === caseNumber && !ENDED.includes(lastCase?.status)) refreshLater('case', () => loadCase(false), 3000);
}

function renderSla(c) {
  const box = $('#c-sla');
  const sla = c.sla;
  box.hidden = !sla;
  if (!sla) return;
  // Completed: the promise is over, so the card says whether it was kept, not how many days are "left".
  const done = c.status === 'COMPLETED';
  box.className = `sla-card sla-card-${sla.state.toLowerCase()}`;
  box.replaceChildren(
    h('p', { class: 'status-label' }, `${SLA_STAGE_ZH[sla.stage] || ''}承诺期限`),
    done
      ? h('p', { class: 'sla-big', id: 'c-sla-kept' }, daysLeftWords(sla, c.status))
      : h('p', { class: 'sla-big' }, slaBadge(sla), ' ', h('span', { class: 'nowrap' }, `${dateZh(sla.dueDate)}前`)),
    done
      ? h(
          'p',
          { class: 'small' },
          `承诺 ${dateZh(sla.dueDate)}前办结，用了 ${sla.workingDaysAllowed - sla.workingDaysLeft} 个工作日（承诺 ${sla.workingDaysAllowed} 个，${dateZh(sla.startedOn)}起算）`,
        )
      : h('p', { class: 'small' }, `${daysLeftWords(sla)}（共 ${sla.workingDaysAllowed} 个工作日，${dateZh(sla.startedOn)}起算）`),
    ...[
      sla.caseDueDate && !done ? h('p', { class: 'small' }, `整件承诺办结日期：${dateZh(sla.caseDueDate)}`) : null,
      sla.provisional ? h('p', { class: 'small provisional', id: 'c-sla-provisional' }, PROVISIONAL_NOTE) : null,
    ].filter(Boolean),
  );
}

function renderAssignee(d) {
  const c = d.case;
  const a = d.assignee;
  const assignable = ASSIGNABLE.includes(c.status);
  $('#c-assignee').replaceChildren(
    a
      ? h(
          'span',
          {},
          h('strong', { class: a.staffId === session.staffId ? 'mine' : '' }, who(a.staffId)),
          h('span', { class: 'small' }, `　${instantZh(a.assignedAt)} ${a.assignedBy === a.staffId ? '自己认领' : `由 ${a.assignedBy} 转交`}`),
        )
      : h('span', { class: 'unassigned' }, assignable ? '未认领：认领后由您负责办理，同事会看到是您在办。' : '未认领'),
  );
  $('#c-claim').hidden = Boolean(a) || !assignable || !session.staffId;
  $('#handover-form').hidden = session.role !== 'supervisor' || !assignable;
  // People the supervisor has seen holding cases: offered as suggestions, any staff id may be typed.
  const known = new Set(knownStaff);
  if (a) known.add(a.staffId);
  for (const r of d.reviews || []) if (r.staffId) known.add(r.staffId);
  $('#h-staff-list').replaceChildren(...[...known].sort().map((id) => h('option', { value: id })));
}

let revealed = null;

function resetReveal() {
  revealed = null;
  $('#c-hide').hidden = true;
  $('#c-reveal').hidden = false;
  $('#c-reveal-note').textContent = '为保护个人信息，号码只显示部分。查看完整信息会记入本件的访问记录。';
}

function renderApplicant(d) {
  const a = revealed || d.applicant || {};
  const rows = [
    ['姓名', a.name],
    ['身份证号码', a.idNumber],
    ['手机号码', a.phone],
    ['住址', a.address],
    ...(revealed?.bankAccount ? [['银行账号', `${revealed.bankAccount.bankName} ${revealed.bankAccount.accountNo}`]] : []),
  ].filter(([, v]) => v);
  $('#c-applicant').replaceChildren(...rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', { class: k === '住址' || k === '姓名' ? '' : 'mono' }, v))));
}

function renderForm(d) {
  const form = d.form;
  $('#c-form-empty').hidden = Boolean(form);
  $('#c-form-wrap').hidden = !form;
  if (!form) return;
  const asked = new Set(d.supplements?.flatMap((s) => (s.receivedAt ? [] : s.fields)) || []);
  const rows = [];
  for (const [section, values] of Object.entries(form)) {
    rows.push(h('tr', { class: 'section' }, h('th', { colspan: 2, scope: 'rowgroup' }, FORM_SECTION_ZH[section] || section)));
    for (const [key, value] of Object.entries(values)) {
      const path = `${section}.${key}`;
      rows.push(
        h(
          'tr',
          { 'data-path': path, class: asked.has(path) ? 'asked' : '' },
          h('th', { scope: 'row' }, FORM_FIELD_ZH[path] || key),
          h('td', {}, formValueZh(path, value), asked.has(path) ? h('span', { class: 'badge asked-badge' }, '待补正') : null),
        ),
      );
    }
  }
  $('#c-form').replaceChildren(...rows);
}

function renderFindings(d) {
  const reasons = d.preReview?.reasons || [];
  $('#c-prereview-box').hidden = reasons.length === 0;
  $('#c-prereview').replaceChildren(...reasons.map((r) => h('li', {}, r.message)));
}

function renderDepartments(c) {
  $('#c-departments').replaceChildren(
    ...Object.entries(c.departments).map(([key, d]) => {
      const stopped = ['WITHDRAWN', 'EXPIRED'].includes(c.status) && ['PENDING', 'MANUAL'].includes(d.outcome);
      // Before pre-review passes the departments are not asked yet: "正在核查" would say otherwise.
      const notYet = d.outcome === 'PENDING' && ['BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED'].includes(c.status);
      return h(
        'li',
        { class: `dept o-${stopped ? 'stopped' : d.outcome.toLowerCase()}`, 'data-department': key },
        h(
          'div',
          { class: 'dept-head' },
          h('span', { class: 'dept-name' }, DEPT_ZH[key] || '其他部门'),
          h('span', { class: 'badge' }, stopped ? `不再办理（${STAFF_STATUS_ZH[c.status]}）` : notYet ? '预审通过后核查' : STAFF_OUTCOME_ZH[d.outcome] || '—'),
        ),
        d.reasons.length
          ? h(
              'ul',
              { class: 'reasons' },
              d.reasons.map((r) => h('li', {}, r.message)),
            )
          : null,
        ...detailLines(key, d).map((t) => h('p', { class: 'duty' }, t)),
      );
    }),
  );
}

function renderRounds(d) {
  const sups = d.supplements || [];
  $('#c-supplements-box').hidden = sups.length === 0;
  $('#c-supplements').replaceChildren(
    ...sups.map((s, i) =>
      h(
        'li',
        { class: `round ${s.receivedAt ? 'received' : 'waiting'}` },
        h(
          'p',
          {},
          h('strong', {}, `第 ${i + 1} 次补正`),
          '　',
          s.receivedAt ? h('span', { class: 'badge ok-badge' }, '已补正') : h('span', { class: 'badge warn-badge' }, '等待群众补正'),
        ),
        h('p', {}, `要补正：${s.fields.map((f) => FORM_FIELD_ZH[f] || f).join('、')}`),
        h('p', {}, `补正期限：${dateZh(s.dueDate)}`),
        h('p', {}, `原因：${s.note}`),
        h('p', { class: 'small' }, `${instantZh(s.requestedAt)} 由 ${s.requestedBy} 提出${s.receivedAt ? `；${instantZh(s.receivedAt)} 收到补正` : ''}`),
      ),
    ),
  );
  const reviews = d.reviews || [];
  $('#c-reviews-box').hidden = reviews.length === 0;
  $('#c-reviews').replaceChildren(
    ...reviews.map((r) =>
      h(
        'li',
        { class: `round ${r.outcome === 'FAIL' ? 'failed' : 'passed'}` },
        h(
          'p',
          {},
          h('strong', {}, r.stage === 'pre-review' ? '预审' : `人工审核${r.department ? `（${DEPT_ZH[r.department] || '部门'}）` : ''}`),
          '　',
          h('span', { class: `badge ${r.outcome === 'FAIL' ? 'bad-badge' : 'ok-badge'}` }, r.outcome === 'FAIL' ? '不通过' : '通过'),
        ),
        h('p', {}, r.note),
        h('p', { class: 'small' }, `${instantZh(r.at)}${r.staffId ? ` · ${r.staffId}` : ''}`),
      ),
    ),
  );
}

function renderDocuments(c) {
  const docs = c.documents || [];
  $('#c-documents-box').hidden = docs.length === 0;
  $('#c-documents').replaceChildren(
    ...docs.map((doc) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'button secondary',
            onclick: () =>
              downloadDocument(`/v1/cases/${c.caseNumber}/documents/${doc.documentId}`, session.token, `${c.caseNumber}-${doc.documentId}.pdf`).catch((err) =>
                say(problemText(err), 'error'),
              ),
          },
          `下载：${doc.title}`,
        ),
      ),
    ),
  );
}

/** Which decision the case waits for now: none, pre-review (pass/fail/supplement), refuse a correction that never came, manual. */
function waitingFor(c) {
  if (c.status === 'MANUAL_REVIEW') return 'manual';
  if (c.status === 'PRE_REVIEW' && c.timeline.some((t) => /人工/.test(t.note))) return 'pre-review';
  if (c.status === 'SUPPLEMENT_REQUESTED') return 'supplement-overdue';
  return '';
}

function renderCase(d, fresh) {
  const c = d.case;
  const previous = lastCase;
  lastCase = c;
  lastDetail = d;
  $('#c-number').textContent = c.caseNumber;
  $('#c-status').textContent = statusText(c);
  $('#c-status-card').className = `status-card s-${c.status.toLowerCase()}${c.decision ? ` d-${c.decision.toLowerCase()}` : ''}`;
  // The form's deadline matters only until the form is in; a completed case says when it was completed instead.
  const completedAt = c.timeline.find((t) => t.status === 'COMPLETED')?.at;
  $('#c-deadline').textContent =
    c.supplement && !c.supplement.receivedAt
      ? `群众补正期限：${dateZh(c.supplement.dueDate)}`
      : completedAt
        ? `办结时间：${instantZh(completedAt)}`
        : ['BOOKED', 'EXPIRED'].includes(c.status)
          ? `申请表提交期限：${dateZh(c.deadline)}`
          : '';
  if (previous && previous.caseNumber === c.caseNumber && previous.status !== c.status) say(`办件状态更新：${statusText(c)}`, 'info');

  renderSla(c);
  renderAssignee(d);
  renderApplicant(d);
  renderForm(d);
  renderFindings(d);
  renderDepartments(c);
  renderRounds(d);
  renderDocuments(c);

  $('#c-timeline').replaceChildren(
    ...[...c.timeline]
      .reverse()
      .map((t) =>
        h(
          'li',
          {},
          h('p', { class: 'when' }, instantZh(t.at)),
          h('p', { class: 'what' }, h('strong', {}, STAFF_STATUS_ZH[t.status] || ''), `　${t.note}`),
          h('p', { class: 'who-did' }, actorWords(t.actor)),
        ),
      ),
  );

  const waiting = waitingFor(c);
  const manualDepts = Object.entries(c.departments)
    .filter(([, x]) => x.outcome === 'MANUAL')
    .map(([k]) => k);
  const form = $('#decide-form');
  const closed = $('#decide-closed');
  const heldByOther = d.assignee && d.assignee.staffId !== session.staffId && session.role !== 'supervisor';
  closed.hidden = Boolean(waiting) && waiting !== 'supplement-overdue' && !heldByOther;
  closed.textContent = heldByOther
    ? `本件由 ${d.assignee.staffId} 认领，只有认领人或审核主管可以作出决定。`
    : waiting === 'supplement-overdue'
      ? `正在等待群众补正（期限 ${dateZh(c.supplement?.dueDate)}）。期限过后仍未补正，可以在下面作出不通过的决定并写明原因；期限内提交会被拒绝。`
      : waiting
        ? ''
        : c.status === 'PRE_REVIEW'
          ? '本件正在自动预审，暂不需要人工决定。'
          : `本件现在是“${statusText(c)}”，不在等待人工决定的环节。`;
  form.hidden = !waiting || heldByOther;
  // Keep what the reviewer is typing; reset only when the case or its waiting stage changes.
  const stageKey = `${c.caseNumber}:${c.status}:${manualDepts.join(',')}`;
  if (fresh || form.dataset.stageKey !== stageKey) {
    form.dataset.stageKey = stageKey;
    clearErrors(form);
    $('#decide-problem').hidden = true;
    for (const r of $$('input[name=stage]', form)) r.checked = r.value === (waiting === 'manual' ? 'manual' : 'pre-review');
    for (const r of $$('input[name=stage]', form)) r.closest('label').hidden = r.value !== (waiting === 'manual' ? 'manual' : 'pre-review');
    for (const r of $$('input[name=outcome]', form)) r.checked = false;
    $('#o-pass').hidden = waiting === 'supplement-overdue';
    $('#o-supplement').hidden = waiting !== 'pre-review';
    $('#d-department').replaceChildren(...manualDepts.map((k) => h('option', { value: k }, DEPT_ZH[k] || '其他部门')));
    $('#s-fields').replaceChildren(
      ...SUPPLEMENT_FIELDS.map((f) => h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'fields', value: f }), ` ${FORM_FIELD_ZH[f]}`)),
    );
    $('#s-due').value = '';
    syncStage();
  }
}

/** What pre-review may ask to correct (schemas/supplement.ts): not the ID number, not the commitments. */
const SUPPLEMENT_FIELDS = [
  'applicant.name',
  'applicant.gender',
  'applicant.birthDate',
  'applicant.phone',
  'applicant.address',
  'retirement.type',
  'retirement.requestedMonth',
  'retirement.originalRetirementAge',
  'retirement.employerAgreement',
  'bankAccount.bankName',
  'bankAccount.accountNo',
  'housingFund.withdraw',
];

function syncStage() {
  const form = $('#decide-form');
  const manual = form.stage.value === 'manual';
  $('#dept-part').hidden = !manual;
  $('#d-department').disabled = !manual;
  const supplement = form.outcome.value === 'SUPPLEMENT';
  $('#supplement-part').hidden = !supplement;
  $('#d-note-label').textContent = supplement
    ? '补正原因（必填，会用短信告知申请人要改什么、为什么）'
    : form.outcome.value === 'FAIL'
      ? '不通过的原因（必填，会写入办理记录并告知申请人）'
      : '说明（必填，会写入办理记录并告知申请人）';
}

function reviewProblem(err) {
  const now = lastCase ? `（当前状态：${statusText(lastCase)}）` : '';
  const text = problemText(err);
  if (err instanceof ApiError && err.status === 409 && /不在等待/.test(text)) return `${text.replace(/。$/, '')}${now}。`;
  return text;
}

const OUTCOME_DONE_ZH = { PASS: '通过', FAIL: '不通过', SUPPLEMENT: '请群众补正' };

function setupDecision() {
  const form = $('#decide-form');
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'stage' || ev.target.name === 'outcome') syncStage();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const problem = $('#decide-problem');
    problem.hidden = true;
    const stage = form.stage.value;
    const outcome = form.outcome.value;
    const note = $('#d-note').value.trim();
    const department = stage === 'manual' ? $('#d-department').value : '';
    const fields = $$('input[name=fields]:checked', form).map((i) => i.value);
    const dueDate = $('#s-due').value;
    let ok = true;
    if (!stage) ok = fieldError(form, 'stage', '请选择环节。') && false;
    if (!outcome) ok = fieldError(form, 'outcome', '请选择结论。') && false;
    if (outcome === 'SUPPLEMENT' && fields.length === 0) ok = fieldError(form, 'supplement.fields', '请至少勾选一项要补正的内容。') && false;
    if (!note)
      ok = fieldError(form, 'note', outcome === 'SUPPLEMENT' ? '请写明为什么要补正：申请人会看到。' : '请填写说明：决定的理由会写入办理记录。') && false;
    if (!ok) {
      say('决定还没有填完整。', 'error');
      $('.has-error input, .has-error textarea, .has-error select', form)?.focus();
      return;
    }
    const body =
      outcome === 'SUPPLEMENT'
        ? { stage, outcome, note, supplement: { fields, ...(dueDate ? { dueDate } : {}) } }
        : { stage, outcome, note, ...(department ? { department } : {}) };
    const button = $('#d-submit');
    busy(button, true, '提交中…');
    try {
      const path = `/v1/staff/cases/${caseNumber}/reviews`;
      await api('POST', path, { token: session.token, body, headers: { 'Idempotency-Key': idempotencyKeyFor(path, body) } });
      say(
        outcome === 'SUPPLEMENT' ? '已请群众补正：申请人会收到短信，说明要改什么、在什么日期前改好。' : `决定已记录：${OUTCOME_DONE_ZH[outcome]}。流程已继续。`,
        'ok',
      );
      $('#d-note').value = '';
      for (const r of $$('input[name=outcome]', form)) r.checked = false;
      loadCase(true);
    } catch (err) {
      if (handleAuth(err)) return;
      if (err instanceof ApiError && err.status === 400 && err.errors.length) {
        for (const e of err.errors) {
          const path = e.path.startsWith('supplement.fields') ? 'supplement.fields' : e.path;
          fieldError(
            form,
            path,
            path === 'department'
              ? '这个部门不在等待人工决定，请重新选择。'
              : path === 'note'
                ? '请填写说明。'
                : path === 'supplement.dueDate'
                  ? '补正期限要选今天以后的工作日（不能是周末或节假日），最多 90 天。'
                  : `请检查${pathWords(path)}。`,
          );
        }
      }
      const text = reviewProblem(err);
      problem.replaceChildren(h('p', {}, h('strong', {}, '没有提交成功。'), ' ', text));
      problem.hidden = false;
      say(text, 'error');
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) loadCase(false);
    } finally {
      busy(button, false);
    }
  });
}

// ---------- claim and hand-over on the case page ----------
const knownStaff = new Set();

function setupAssignment() {
  const problem = $('#assign-problem');
  const done = (text) => {
    problem.hidden = true;
    say(text, 'ok');
    loadCase(false);
  };
  const failed = (err) => {
    if (handleAuth(err)) return;
    const text = problemText(err);
    problem.replaceChildren(h('p', {}, h('strong', {}, '没有成功。'), ' ', text));
    problem.hidden = false;
    say(text, 'error');
    loadCase(false);
  };
  $('#c-claim').addEventListener('click', async () => {
    const button = $('#c-claim');
    busy(button, true, '认领中…');
    try {
      await assign(caseNumber, session.staffId);
      done('已认领本件，由您负责办理。');
    } catch (err) {
      failed(err);
    } finally {
      busy(button, false);
    }
  });
  const form = $('#handover-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const staffId = form.staffId.value.trim();
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(staffId)) {
      fieldError(form, 'staffId', '请填写同事的工号（英文字母、数字、点、横线或下划线）。');
      form.staffId.focus();
      return;
    }
    const button = $('#h-submit');
    busy(button, true, '转交中…');
    try {
      await assign(caseNumber, staffId);
      knownStaff.add(staffId);
      form.reset();
      done(`已把本件转交给 ${staffId}。`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) fieldError(form, 'staffId', '这个工号的格式不对。');
      failed(err);
    } finally {
      busy(button, false);
    }
  });
}

// ---------- 查看完整信息 (every reveal is on the case's audit trail) ----------
function setupReveal() {
  $('#c-reveal').addEventListener('click', async () => {
    const button = $('#c-reveal');
    const n = caseNumber;
    busy(button, true, '读取中…');
    try {
      const full = await api('GET', `/v1/staff/cases/${n}/applicant`, { token: session.token });
      if (n !== caseNumber) return;
      revealed = full;
      if (lastDetail) renderApplicant(lastDetail);
      $('#c-reveal').hidden = true;
      $('#c-hide').hidden = false;
      $('#c-reveal-note').textContent = `已显示完整信息。本次查看已记入访问记录（${session.name}，${instantZh(new Date().toISOString())}）。`;
      say('已显示申请人完整信息，本次查看已记入访问记录。', 'info');
    } catch (err) {
      if (handleAuth(err)) return;
      say(problemText(err), 'error');
    } finally {
      busy(button, false);
    }
  });
  $('#c-hide').addEventListener('click', () => {
    resetReveal();
    say('已隐藏完整信息。', 'info');
    if (lastDetail) renderApplicant(lastDetail);
    $('#c-reveal').focus();
  });
}

// ---------- 数据看板 (supervisors) ----------
const CHART_ORDER = [
  'NEEDS_ATTENTION',
  'BOOKED',
  'SUBMITTED',
  'PRE_REVIEW',
  'SUPPLEMENT_REQUESTED',
  'CHECKING',
  'MANUAL_REVIEW',
  'SEALING',
  'COMPLETED',
  'EXPIRED',
  'WITHDRAWN',
];

/** Short names for the chart's labels. */
const CHART_LABEL_ZH = { ...STAFF_STATUS_ZH, NEEDS_ATTENTION: '需处理', CHECKING: '部门核查中' };

/**
 * Horizontal bars, one per status, drawn as inline SVG at the width it is shown (so its text is as large as
 * the page's on a phone and on a desk): the label before each bar, the count at its end.
 */
function statusChart(byStatus, width) {
  const NS = 'http://www.w3.org/2000/svg';
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const rows = CHART_ORDER.filter((k) => k in byStatus || byStatus[k]).map((k) => [k, byStatus[k] || 0]);
  for (const [k, v] of Object.entries(byStatus)) if (!CHART_ORDER.includes(k)) rows.push([k, v]);
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const W = Math.max(280, Math.min(width || 600, 720));
  const label = 130;
  const bar = 26;
  const gap = 10;
  const H = rows.length * (bar + gap) + gap;
  const total = rows.reduce((s, [, v]) => s + v, 0);
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-labelledby': 'd-chart-title', class: 'bars' });
  svg.append(
    el('title', { id: 'd-chart-title' }, `各状态办件数，共 ${total} 件：${rows.map(([k, v]) => `${STAFF_STATUS_ZH[k] || '其他'} ${v} 件`).join('，')}`),
  );
  rows.forEach(([k, v], i) => {
    const y = gap + i * (bar + gap);
    const w = Math.round(((W - label - 48) * v) / max);
    const g = el('g', { class: `bar bar-${k.toLowerCase()}`, 'data-status': k, 'data-count': v });
    g.append(
      el('text', { x: label - 10, y: y + bar / 2, 'text-anchor': 'end', 'dominant-baseline': 'central', class: 'bar-label' }, CHART_LABEL_ZH[k] || '其他'),
    );
    g.append(el('rect', { x: label, y, width: Math.max(w, v ? 4 : 0), height: bar, rx: 4 }));
    g.append(el('text', { x: label + Math.max(w, v ? 4 : 0) + 8, y: y + bar / 2, 'dominant-baseline': 'central', class: 'bar-value' }, `${v}`));
    svg.append(g);
  });
  return svg;
}

function tile(label, value, note, cls = '') {
  return h(
    'li',
    { class: `tile ${cls}` },
    h('p', { class: 'tile-label' }, label),
    h('p', { class: 'tile-value' }, value),
    note ? h('p', { class: 'small' }, note) : null,
  );
}

let feedbackCursor = '';
let lastStats = null;

function feedbackItem(f) {
  return h(
    'li',
    { class: 'feedback-item' },
    h('p', { class: 'feedback-text' }, f.text),
    h(
      'p',
      { class: 'small' },
      instantZh(f.receivedAt),
      f.caseNumber ? ['　办件 ', h('a', { href: `#case/${f.caseNumber}`, class: 'mono' }, f.caseNumber)] : '　（未填办件编号）',
      f.contact ? `　联系方式 ${f.contact}` : '',
      f.from ? `　${f.from.role === 'citizen' ? '申请人登录后提交' : '登录后提交'}` : '　未登录提交',
    ),
  );
}

async function loadFeedback(more) {
  const q = more && feedbackCursor ? `?cursor=${encodeURIComponent(feedbackCursor)}` : '';
  const page = await api('GET', `/v1/staff/feedback${q}`, { token: session.token });
  // GET /v1/staff/feedback → { feedback: [...], nextCursor? } (schemas/feedback.ts).
  feedbackCursor = page.nextCursor || '';
  const items = (page.feedback || []).map(feedbackItem);
  if (more) $('#d-feedback').append(...items);
  else $('#d-feedback').replaceChildren(...items);
  $('#d-feedback-empty').hidden = $('#d-feedback').children.length > 0;
  $('#d-feedback-more').hidden = !feedbackCursor;
}

async function loadDashboard() {
  clearTimeout(timers.dashboard);
  try {
    const [stats, notices] = await Promise.all([
      api('GET', '/v1/staff/stats', { token: session.token }),
      loadNotices($('#d-notices'), { hidden: false }),
      loadFeedback(false),
    ]);
    if (view !== 'dashboard') return;
    const open = Object.entries(stats.byStatus)
      .filter(([k]) => !ENDED.includes(k))
      .reduce((s, [, v]) => s + v, 0);
    const rate = stats.onTimeRate === null ? '—' : `${Math.round(stats.onTimeRate * 1000) / 10}%`;
    $('#d-tiles').replaceChildren(
      tile('在办', `${open} 件`, '未办结的办件'),
      tile('即将到期', `${stats.dueSoon} 件`, '承诺期限快到了', stats.dueSoon ? 'tile-warn' : ''),
      tile('已超期', `${stats.overdue} 件`, '超过承诺期限', stats.overdue ? 'tile-bad' : 'tile-ok'),
      tile(
        '按时办结率',
        rate,
        stats.onTimeRate === null ? '还没有办结的办件' : '在承诺期限内办结的比例',
        stats.onTimeRate === null ? '' : stats.onTimeRate >= 0.95 ? 'tile-ok' : 'tile-warn',
      ),
      tile(
        '办结用时中位数',
        stats.medianWorkingDaysToComplete === null ? '—' : `${stats.medianWorkingDaysToComplete} 工作日`,
        '一半的办件在这么多个工作日内办结',
      ),
      tile(
        '群众评价',
        stats.ratings.count ? `${(Math.round(stats.ratings.average * 10) / 10).toFixed(1)} 分` : '—',
        stats.ratings.count ? `满分 5 分，共 ${stats.ratings.count} 人评价` : '还没有人评价',
      ),
    );
    lastStats = stats;
    $('#d-chart').replaceChildren(statusChart(stats.byStatus, $('#d-chart').clientWidth));
    $('#d-notices-empty').hidden = Boolean(notices?.length);
    if (notices === null) $('#d-notices-empty').textContent = '暂时读不到提醒。';
    $('#d-updated').textContent = `${timeZh(new Date().toISOString())} 更新，每 60 秒自动刷新。`;
  } catch (err) {
    if (handleAuth(err)) return;
    if (!(err instanceof ApiError)) console.error(err);
    say(problemText(err), 'error');
  }
  refreshLater('dashboard', loadDashboard, 60_000);
}

function setupDashboard() {
  let resizing = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (view === 'dashboard' && lastStats) $('#d-chart').replaceChildren(statusChart(lastStats.byStatus, $('#d-chart').clientWidth));
    }, 100);
  });
  $('#d-feedback-more').addEventListener('click', () => loadFeedback(true).catch((err) => say(problemText(err), 'error')));
}

setupLogin();
setupQueue();
setupDecision();
setupAssignment();
setupReveal();
setupAudit();
setupDashboard();
window.addEventListener('hashchange', route);
route();
completeSignIn();
