// The server's refusals in the staff console's own words. The API's problem titles and details are English
// for developers; a person on the team reads only Chinese, so each known title has its sentence here and
// anything unknown falls back to plain words by status — never the raw English.
import { ApiError } from '../lib/api.js';
import { FORM_FIELD_ZH } from '../lib/form-labels.js';

/** The staff id named in a detail such as "… assigned to S1001; …" (ids are ASCII, never prose). */
export function holderIn(detail) {
  return /assigned to ([A-Za-z0-9._-]+)/.exec(detail || '')?.[1] || '';
}

const BY_TITLE = {
  'Held by a colleague': (p) => {
    const who = holderIn(p.detail);
    return who ? `本件已由 ${who} 认领。如需接手，请审核主管转交。` : '本件现在不能认领：它不在有人办理的环节。';
  },
  'Assigned to a colleague': (p) => {
    const who = holderIn(p.detail);
    return `本件由 ${who || '另一位同事'} 认领，只有认领人或审核主管可以作出决定。`;
  },
  'Supervisors hand over': () => '只有审核主管可以把办件转交给别人。您可以认领给自己。',
  'Not assignable': () => '本件现在不在有人办理的环节（例如还没提交申请表、正在出具文书或已经结束），不能认领或转交。',
  'Staff id missing': () => '您的登录信息里没有工号，请退出后用工号重新登录。',
  'Separation of duties': () => '不能由同一人决定：您已作出本件的预审决定。按“四眼原则”，人工审核必须由另一位工作人员作出，请转交同事或主管。',
  'Already decided': () => '这个决定已经有人作出，或者办件已进入下一步。页面已刷新，请查看最新状态。',
  'Waiting for the citizen': (p) => {
    const due = /by (\d{4}-\d{2}-\d{2})/.exec(p.detail || '')?.[1];
    return due
      ? `正在等待群众补正，补正期限是 ${dateWords(due)}。期限过后仍未补正，才可以作出不通过的决定。`
      : '群众没有在期限内补正：本件只能作出不通过的决定（请写明原因），或者继续等待。';
  },
  'Not waiting for pre-review': () => '本件现在不在等待预审决定。',
  'Not waiting for manual review': () => '本件现在不在等待人工审核。',
  'Not waiting for attention': () => '本件现在不需要重新处理。',
  'Nothing to recheck': () => '这个部门已经有了结果，不需要重新核查。',
  'Already answered': () => '这个部门已经重新核查或已经有人作出决定。',
  'Idempotency key reused': () => '这次提交与上一次不一致，请刷新页面后再提交。',
  'Temporarily unavailable': () => '系统暂时忙，什么都没有改变，请稍后再试。',
  'Internal error': () => '系统出了点问题，办件没有受影响，请稍后再试。',
  Forbidden: () => '您的岗位没有权限做这件事。',
};

function dateWords(d) {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || '');
  return r ? `${r[1]}年${Number(r[2])}月${Number(r[3])}日` : d;
}

/** The field a 400 names, in words: "补正期限", "要补正的项目", a form field's label. */
export function pathWords(path) {
  if (path === 'supplement.dueDate') return '补正期限';
  if (path.startsWith('supplement.fields')) return '要补正的项目';
  if (path === 'note') return '说明';
  if (path === 'department') return '部门';
  if (path === 'staffId') return '工号';
  return FORM_FIELD_ZH[path] || '填写的内容';
}

/** Any failure of a staff request as one plain Chinese sentence. */
export function staffProblemText(err) {
  if (!(err instanceof ApiError)) return '出了点问题，请稍后再试。';
  const p = err.problem || {};
  if (err.status === 0) return '网络连接失败，请检查网络后再试。';
  if (err.status === 401) return '登录已过期，请重新登录。';
  if (err.status === 404) return '没有找到这个办件。';
  if (err.status === 429) return '操作太频繁了，请稍等一会儿再试。';
  if (err.status >= 500) return BY_TITLE[p.title]?.(p) || '系统暂时忙，请稍后再试。';
  if (BY_TITLE[p.title]) return BY_TITLE[p.title](p);
  if (err.status === 400) {
    const names = [...new Set(err.errors.map((e) => pathWords(e.path)))];
    return names.length ? `请检查：${names.join('、')}。` : '填写的内容有误，请检查后再提交。';
  }
  if (err.status === 403) return '您的岗位没有权限做这件事。';
  if (err.status === 409) return '现在不能这样做：办件的状态已经变了。页面已刷新，请查看最新状态。';
  return `没有成功（${err.status}），请稍后再试。`;
}
