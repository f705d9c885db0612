// Shared by the citizen pages and the staff console: calls the RetireOne API (schemas/openapi.json)
// and turns problem+json answers into an ApiError the pages can show in plain words.

export class ApiError extends Error {
  /** @param {number} status @param {any} problem */
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    /** @type {{path: string, message: string}[]} */
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

/**
 * @param {string} method
 * @param {string} path
 * @param {{ token?: string|null, body?: unknown, headers?: Record<string,string> }} [opts]
 */
export async function api(method, path, opts = {}) {
  const headers = { accept: 'application/json, application/problem+json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body, cache: 'no-store' });
  } catch {
    throw new ApiError(0, { title: 'network', detail: '网络连接失败，请检查网络后再试。' });
  }
  const type = res.headers.get('content-type') || '';
  const data = /json/.test(type) ? await res.json().catch(() => undefined) : undefined;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Fetches a document with the Authorization header and hands it to the browser as a download. */
export async function downloadDocument(url, token, filename) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!res.ok) {
    const data = await res.json().catch(() => undefined);
    throw new ApiError(res.status, data);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function newIdempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const keysByRequest = new Map();
/**
 * One Idempotency-Key per distinct request: pressing the button again after a lost answer sends the same
 * key, so the server gives the first answer again instead of acting twice.
 */
export function idempotencyKeyFor(path, body) {
  const id = `${path} ${JSON.stringify(body)}`;
  if (!keysByRequest.has(id)) keysByRequest.set(id, newIdempotencyKey());
  return keysByRequest.get(id);
}

/** Case status in plain words. */
export const STATUS_ZH = {
  BOOKED: '已预约',
  SUBMITTED: '已提交',
  PRE_REVIEW: '预审中',
  CHECKING: '各部门核查中',
  MANUAL_REVIEW: '人工审核中',
  SEALING: '出具文书中',
  COMPLETED: '已办结',
  EXPIRED: '已过期',
  WITHDRAWN: '已撤回',
  NEEDS_ATTENTION: '工作人员处理中',
  SUPPLEMENT_REQUESTED: '等待补正',
};

export const DEPARTMENT_ZH = {
  hr: '人社部门（养老保险）',
  tax: '税务部门（社保费）',
  medical: '医保部门（退休医保）',
  housingFund: '住房公积金中心',
  health: '卫健部门（独生子女父母奖励）',
};

/** Departments a case has only where the city takes part: shown once they answered, never as "pending". */
export const OPTIONAL_DEPARTMENTS = ['health'];

export const OUTCOME_ZH = {
  PENDING: '正在核查',
  PASS: '通过',
  CONDITIONAL: '通过，但需要您办理一件事',
  FAIL: '未通过',
  MANUAL: '需工作人员审核',
  NOT_APPLICABLE: '无需办理',
};

/** Money in fen → "1,234.56". */
export function yuan(fen) {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return '';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "2027-04" → "2027年4月". */
export function monthZh(m) {
  const r = /^(\d{4})-(\d{2})$/.exec(m || '');
  return r ? `${r[1]}年${Number(r[2])}月` : m || '';
}

/** "2027-04-19" → "2027年4月19日". */
export function dateZh(d) {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || '');
  return r ? `${r[1]}年${Number(r[2])}月${Number(r[3])}日` : d || '';
}

/** An instant shown in China time: "2027年3月20日 09:30". */
export function instantZh(iso) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso || '';
  const d = new Date(t + 8 * 3600_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Only the time of day in China time: "09:30". */
export function timeZh(iso) {
  return instantZh(iso).split(' ')[1] || '';
}

/** Creates an element: h('p', { class: 'x' }, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** GB 11643-1999 check character of an 18-character resident ID number. */
export function idNumberProblem(id) {
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码应为18位：前17位是数字，最后一位是数字或大写X。';
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, x, i) => s + x * Number(id[i]), 0);
  if ('10X98765432'[sum % 11] !== id[17]) return '身份证号码有误，请再核对一遍。';
  return '';
}
