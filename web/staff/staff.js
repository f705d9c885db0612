// 预审工作台 — the pre-review team's console: work queue, case detail, decisions (four-eyes rule enforced
// by the API; its 403/409 answers are shown here in plain words).
import { api, ApiError, idempotencyKeyFor, h, STATUS_ZH, DEPARTMENT_ZH, OUTCOME_ZH, dateZh, instantZh, monthZh, yuan } from '../lib/api.js';
import { $, $$, say, clearErrors, fieldError } from '../lib/ui.js';
import { problemText as wordedProblemText } from '../lib/problem-text.js';
import { finishSignIn, siteConfig, startSignIn } from '../lib/oidc-sign-in.js';

const KEYS = { token: 'ro.staff.token', name: 'ro.staff.name', role: 'ro.staff.role' };
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
  set(token, role, name) {
    sessionStorage.setItem(KEYS.token, token);
    sessionStorage.setItem(KEYS.role, role);
    sessionStorage.setItem(KEYS.name, name);
  },
  clear() {
    for (const k of Object.values(KEYS)) sessionStorage.removeItem(k);
  },
};

const STAFF_WORDING = {
  notFound: '没有找到这个办件。',
  busy: '系统暂时忙，请稍后再试。',
  refused: (status) => `请求失败（${status}）`,
};

function problemText(err) {
  return wordedProblemText(err, STAFF_WORDING);
}

function handleAuth(err) {
  if (err instanceof ApiError && err.status === 401) {
    session.clear();
    location.hash = '';
    route();
    say('登录已过期，请重新登录。', 'warn');
    return true;
  }
  if (err instanceof ApiError && err.status === 403 && !err.problem.title?.includes('Separation')) {
    say('您的岗位没有权限使用工作台。', 'error');
    return true;
  }
  return false;
}

// ---------- router: #queue, #case/RT… ----------
let view = '';
let timer = null;
let caseNumber = '';

function show(name) {
  for (const v of ['login', 'queue', 'case']) $(`#view-${v}`).hidden = v !== name;
  const changed = view !== name;
  view = name;
  $('#who').hidden = !session.token;
  $('#who-name').textContent = session.token ? `${ROLE_ZH[session.role] || session.role}：${session.name}` : '';
  if (changed) $(`#view-${name} h1`).focus();
}

function route() {
  clearTimeout(timer);
  if (!session.token) {
    show('login');
    return;
  }
  const m = /^#case\/(RT[0-9A-Z]{14})$/.exec(location.hash);
  if (m) {
    caseNumber = m[1];
    show('case');
    resetAudit();
    loadCase(true);
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
  session.set(result.token, result.claims.role, result.claims.name);
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
    if (!name) {
      fieldError(form, 'name', '请填写姓名或工号。');
      form.name.focus();
      return;
    }
    try {
      const { token } = await api('POST', '/v1/dev/tokens', { body: { role, name } });
      session.set(token, role, name);
      form.reset();
      say(`已登录：${ROLE_ZH[role]} ${name}`, 'ok');
      location.hash = 'queue';
      route();
    } catch (err) {
      say(err instanceof ApiError && err.status === 404 ? '开发登录没有开启（仅本地开发模式可用）。' : problemText(err), 'error');
    }
  });
  $('#sign-out').addEventListener('click', () => {
    clearTimeout(timer);
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

async function loadQueue() {
  clearTimeout(timer);
  const f = $('#filter-form');
  clearErrors(f);
  try {
    const items = await api('GET', `/v1/staff/cases${queueQuery()}`, { token: session.token });
    if (view !== 'queue') return;
    // A case whose workflow step failed (NEEDS_ATTENTION) comes first, as the API orders it.
    const attentionFirst = (i) => (i.status === 'NEEDS_ATTENTION' ? 0 : 1);
    items.sort((a, b) => attentionFirst(a) - attentionFirst(b) || a.deadline.localeCompare(b.deadline) || a.caseNumber.localeCompare(b.caseNumber));
    const overdue = items.filter((i) => i.overdue).length;
    $('#queue-count').textContent = `共 ${items.length} 件${overdue ? `，其中逾期 ${overdue} 件` : ''}。按申请期限从早到晚排列，每 10 秒自动刷新。`;
    $('#queue-body').replaceChildren(
      ...(items.length
        ? items.map((i) =>
            h(
              'tr',
              { class: i.overdue ? 'overdue' : '', 'data-case': i.caseNumber },
              h('td', {}, h('a', { href: `#case/${i.caseNumber}`, class: 'mono' }, i.caseNumber)),
              h('td', {}, `${i.applicant.name}`, h('br'), h('span', { class: 'small mono' }, i.applicant.idNumber)),
              h(
                'td',
                {},
                STATUS_ZH[i.status] || i.status,
                i.attention
                  ? h('span', { class: 'badge overdue-badge', title: `${i.attention.error}: ${i.attention.cause}` }, `${i.attention.failedState} 失败`)
                  : null,
              ),
              h('td', {}, dateZh(i.deadline), i.overdue ? h('span', { class: 'badge overdue-badge' }, '已逾期') : null),
              h('td', {}, i.waitingFor.length ? i.waitingFor.map((k) => DEPARTMENT_ZH[k]?.replace(/（.*）/, '') || k).join('、') : '—'),
              h('td', {}, i.channel === 'window' ? '窗口' : '网上'),
            ),
          )
        : [h('tr', {}, h('td', { colspan: 6 }, '没有符合条件的办件。'))]),
    );
  } catch (err) {
    if (handleAuth(err)) return;
    if (err instanceof ApiError && err.status === 400) fieldError(f, 'dueWithinDays', '请填写 0 到 3650 之间的整数。');
    say(problemText(err), 'error');
  }
  if (view === 'queue') timer = setTimeout(loadQueue, 10_000);
}

// ---------- case ----------
let lastCase = null;

// ---------- 访问记录 (supervisors only; read when opened, since each read is itself recorded) ----------
const AUDIT_ROLE_ZH = { citizen: '申请人', platform: '政务服务平台', 'pre-review': '预审员', supervisor: '审核主管', system: '系统', none: '未登录' };
const AUDIT_ACTION_ZH = {
  'read-case': '查看办件',
  'read-prefill': '查看预填信息',
  'submit-application': '提交申请',
  'read-events': '查看进度',
  withdraw: '撤回申请',
  'read-audit': '查看访问记录',
};

function auditAction(action) {
  const denied = /:denied$/.test(action);
  const base = denied ? action.slice(0, -':denied'.length) : action;
  let text = AUDIT_ACTION_ZH[base];
  if (!text && base.startsWith('read-document:')) text = `下载文书（${base.slice('read-document:'.length)}）`;
  if (!text && base.startsWith('review:'))
    text = `作出审核决定（${base.slice('review:'.length) === 'manual' ? '人工审核' : base.slice('review:'.length) === 'pre-review' ? '预审' : base.slice('review:'.length)}）`;
  return { text: text || base, denied };
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
          h('td', {}, a.text, a.denied ? h('span', { class: 'badge denied-badge' }, '被拒绝') : null),
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
  return STATUS_ZH[c.status] || c.status;
}

function detailLines(key, d) {
  const x = d.details || {};
  const lines = [];
  if (key === 'hr' && x.statutoryRetirementMonth)
    lines.push(`法定退休时间 ${monthZh(x.statutoryRetirementMonth)}；缴费 ${x.contributionMonths ?? '?'} 个月（最低 ${x.minimumContributionMonths ?? '?'}）`);
  if (key === 'medical' && x.topUpMonths) lines.push(`需补缴 ${x.topUpMonths} 个月，约 ${yuan(x.topUpAmountFen)} 元`);
  if (key === 'housingFund' && typeof x.balanceFen === 'number') lines.push(`余额 ${yuan(x.balanceFen)} 元；未还贷款 ${yuan(x.outstandingLoanFen || 0)} 元`);
  if (key === 'tax' && x.totalArrearsFen) lines.push(`欠缴合计 ${yuan(x.totalArrearsFen)} 元`);
  if (x.staffDecision) lines.push(`人工决定：${JSON.stringify(x.staffDecision)}`);
  if (typeof x.note === 'string') lines.push(x.note);
  return lines;
}

async function loadCase(fresh) {
  clearTimeout(timer);
  const n = caseNumber;
  try {
    const c = await api('GET', `/v1/cases/${n}`, { token: session.token });
    if (view !== 'case' || n !== caseNumber) return;
    renderCase(c, fresh);
  } catch (err) {
    if (handleAuth(err)) return;
    say(problemText(err), 'error');
  }
  if (view === 'case' && n === caseNumber && !['COMPLETED', 'EXPIRED', 'WITHDRAWN'].includes(lastCase?.status)) timer = setTimeout(() => loadCase(false), 3000);
}

function renderCase(c, fresh) {
  const previous = lastCase;
  lastCase = c;
  $('#c-number').textContent = c.caseNumber;
  $('#c-status').textContent = statusText(c);
  $('#c-status-card').className = `status-card s-${c.status.toLowerCase()}${c.decision ? ` d-${c.decision.toLowerCase()}` : ''}`;
  $('#c-deadline').textContent = `申请期限：${dateZh(c.deadline)}`;
  if (previous && previous.caseNumber === c.caseNumber && previous.status !== c.status) say(`办件状态更新：${statusText(c)}`, 'info');

  $('#c-departments').replaceChildren(
    ...Object.entries(DEPARTMENT_ZH).map(([key, label]) => {
      const d = c.departments[key];
      const stopped = ['WITHDRAWN', 'EXPIRED'].includes(c.status) && ['PENDING', 'MANUAL'].includes(d.outcome);
      return h(
        'li',
        { class: `dept o-${stopped ? 'stopped' : d.outcome.toLowerCase()}`, 'data-department': key },
        h(
          'div',
          { class: 'dept-head' },
          h('span', { class: 'dept-name' }, label),
          h('span', { class: 'badge' }, stopped ? `不再办理（${STATUS_ZH[c.status]}）` : OUTCOME_ZH[d.outcome] || d.outcome),
        ),
        d.reasons.length
          ? h(
              'ul',
              { class: 'reasons' },
              d.reasons.map((r) => h('li', {}, h('span', { class: 'code' }, r.code), ' ', r.message)),
            )
          : null,
        ...detailLines(key, d).map((t) => h('p', { class: 'duty' }, t)),
      );
    }),
  );

  $('#c-timeline').replaceChildren(
    ...[...c.timeline]
      .reverse()
      .map((t) =>
        h(
          'li',
          {},
          h('p', { class: 'when' }, instantZh(t.at)),
          h('p', { class: 'what' }, h('strong', {}, STATUS_ZH[t.status] || t.status), `　${t.note}`),
          h('p', { class: 'who-did' }, t.actor),
        ),
      ),
  );

  const waitingPre = c.status === 'PRE_REVIEW' && c.timeline.some((t) => /人工/.test(t.note));
  const manualDepts = Object.entries(c.departments)
    .filter(([, d]) => d.outcome === 'MANUAL')
    .map(([k]) => k);
  const open = waitingPre || c.status === 'MANUAL_REVIEW';
  const form = $('#decide-form');
  const closed = $('#decide-closed');
  closed.hidden = open;
  closed.textContent = open
    ? ''
    : c.status === 'PRE_REVIEW'
      ? '本件正在自动预审，暂不需要人工决定。'
      : `本件现在是“${statusText(c)}”，不在等待人工决定的环节。`;
  form.hidden = !open;
  // Keep what the reviewer is typing; reset only when the case or its waiting stage changes.
  const stageKey = `${c.caseNumber}:${c.status}:${manualDepts.join(',')}`;
  if (fresh || form.dataset.stageKey !== stageKey) {
    form.dataset.stageKey = stageKey;
    clearErrors(form);
    $('#decide-problem').hidden = true;
    for (const r of $$('input[name=stage]', form)) r.checked = r.value === (c.status === 'MANUAL_REVIEW' ? 'manual' : 'pre-review');
    $('#d-department').replaceChildren(...manualDepts.map((k) => h('option', { value: k }, DEPARTMENT_ZH[k] || k)));
    syncStage();
  }
}

function syncStage() {
  const form = $('#decide-form');
  const manual = form.stage.value === 'manual';
  $('#dept-part').hidden = !manual;
  $('#d-department').disabled = !manual;
}

function reviewProblem(err) {
  const p = err.problem || {};
  const now = lastCase ? `（当前状态：${statusText(lastCase)}）` : '';
  if (err.status === 403 && /Separation/i.test(p.title || '')) {
    return '不能由同一人决定：您已作出本件的预审决定。按“四眼原则”，人工审核必须由另一位工作人员作出，请转交同事或主管。';
  }
  if (err.status === 403) return '您的岗位没有权限作出这个决定。';
  if (err.status === 409) {
    if (/pre-review/i.test(p.title || '')) return `本件现在不在等待预审决定${now}。`;
    if (/manual/i.test(p.title || '')) return `本件现在不在等待人工审核${now}。`;
    if (/Already/i.test(p.title || '')) return '这个决定已经有人作出，或者办件已进入下一步。页面已刷新，请查看最新状态。';
    return `现在不能作出这个决定${now}：${p.detail || p.title || ''}`;
  }
  return problemText(err);
}

function setupDecision() {
  const form = $('#decide-form');
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'stage') syncStage();
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
    let ok = true;
    if (!stage) ok = fieldError(form, 'stage', '请选择环节。') && false;
    if (!outcome) ok = fieldError(form, 'outcome', '请选择通过或不通过。') && false;
    if (!note) ok = fieldError(form, 'note', '请填写说明：决定的理由会写入办理记录。') && false;
    if (!ok) {
      say('决定还没有填完整。', 'error');
      $('.has-error input, .has-error textarea, .has-error select', form)?.focus();
      return;
    }
    const body = { stage, outcome, note, ...(department ? { department } : {}) };
    const button = $('#d-submit');
    button.disabled = true;
    try {
      const path = `/v1/staff/cases/${caseNumber}/reviews`;
      await api('POST', path, { token: session.token, body, headers: { 'Idempotency-Key': idempotencyKeyFor(path, body) } });
      say(`决定已记录：${outcome === 'PASS' ? '通过' : '不通过'}。流程已继续。`, 'ok');
      $('#d-note').value = '';
      for (const r of $$('input[name=outcome]', form)) r.checked = false;
      loadCase(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        handleAuth(err);
        return;
      }
      if (err instanceof ApiError && err.status === 400 && err.errors.length) {
        for (const e of err.errors) {
          fieldError(
            form,
            e.path,
            e.path === 'department' ? '这个部门不在等待人工决定，请重新选择。' : e.path === 'note' ? '请填写说明。' : `请检查：${e.message}`,
          );
        }
      }
      const text = reviewProblem(err);
      problem.replaceChildren(h('p', {}, h('strong', {}, '没有提交成功。'), ' ', text));
      problem.hidden = false;
      say(text, 'error');
      if (err instanceof ApiError && err.status === 409) loadCase(false);
    } finally {
      button.disabled = false;
    }
  });
}

function setupQueue() {
  $('#filter-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    loadQueue();
  });
  $('#filter-form').addEventListener('change', (ev) => {
    if (ev.target.tagName === 'SELECT') loadQueue();
  });
}

setupLogin();
setupQueue();
setupDecision();
setupAudit();
window.addEventListener('hashchange', route);
route();
completeSignIn();
