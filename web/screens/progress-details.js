// What each department found and the case's history, on the progress screen.
// In English the departments' reasons and the history's notes stay as the product wrote them, in Chinese,
// marked lang="zh-CN"; everything around them is said in English.
import { h, DEPARTMENT_ZH, OPTIONAL_DEPARTMENTS, OUTCOME_ZH, instantZh, yuan } from '../lib/api.js';
import { addWords, tr, chinese, month, instant } from '../lib/i18n.js';
import { statusWord } from './case-status.js';

addWords(
  { bookAgain: '重新预约', deptHeading: '各部门的核查结果', historyHeading: '办理经过', progressTitle: '办理进度', caseNumberLabel: '办件编号' },
  {
    bookAgain: 'Book again',
    deptHeading: 'What the departments found',
    historyHeading: 'History of the case',
    progressTitle: 'Your case',
    caseNumberLabel: 'Case number',
  },
);

/** An instant written into a note (e.g. a window booking's time) shown as a person reads it. */
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;
/** Codes and field names a note may carry (e.g. a recheck's outcome), said in words instead. */
const CODE = /\b(PASS|FAIL|MANUAL|CONDITIONAL|NOT_APPLICABLE|PENDING|hr|tax|medical|housingFund|health)\b/g;
const readableNote = (note) => note.replace(INSTANT, (iso) => instantZh(iso)).replace(CODE, (code) => OUTCOME_ZH[code] || DEPARTMENT_ZH[code] || code);

export function departmentItems(c) {
  const shown = Object.entries(DEPARTMENT_ZH).filter(([key]) => !OPTIONAL_DEPARTMENTS.includes(key) || c.departments?.[key]);
  return shown.map(([key, label]) => {
    const d = c.departments?.[key] || { outcome: 'PENDING', reasons: [], details: {} };
    const notYet = d.outcome === 'PENDING' && ['BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED'].includes(c.status);
    // A withdrawn or expired case is over: what was still open will not be checked any more.
    const stopped = ['WITHDRAWN', 'EXPIRED'].includes(c.status) && ['PENDING', 'MANUAL'].includes(d.outcome);
    return h(
      'li',
      { class: `dept o-${stopped ? 'stopped' : d.outcome.toLowerCase()}`, 'data-department': key },
      h(
        'div',
        { class: 'dept-head' },
        h('span', { class: 'dept-name' }, tr(label)),
        h('span', { class: 'badge' }, stopped ? tr('不再办理') : notYet ? tr('等待开始') : OUTCOME_ZH[d.outcome] ? tr(OUTCOME_ZH[d.outcome]) : d.outcome),
      ),
      d.reasons?.length
        ? h(
            'ul',
            { class: 'reasons' },
            d.reasons.map((r) => h('li', {}, chinese(r.message))),
          )
        : null,
      ...duties(key, d, c.decision).map((t) => h('p', { class: 'duty' }, t)),
    );
  });
}

export function timelineItems(c) {
  return [...c.timeline]
    .reverse()
    .map((t) =>
      h(
        'li',
        {},
        h('p', { class: 'when' }, instant(t.at)),
        h('p', { class: 'what' }, h('strong', {}, statusWord(t.status)), '　', chinese(readableNote(t.note))),
        h('p', { class: 'who-did' }, actorZh(t.actor)),
      ),
    );
}

/** The duty or result a department's details carry, in plain words. */
function duties(key, d, decision) {
  const x = d.details || {};
  const out = [];
  // A refused case pays nothing out and asks for nothing: say what would apply on a later, approved application.
  if (decision === 'REJECTED') {
    if (key === 'medical' && d.outcome === 'CONDITIONAL' && x.topUpMonths)
      out.push(
        tr('这次不用补缴。以后重新申请并获批准时，需要补缴医保 {months} 个月，约 {amount} 元。', { months: x.topUpMonths, amount: yuan(x.topUpAmountFen) }),
      );
    if (key === 'housingFund' && d.outcome === 'PASS' && x.withdrawalAmountFen > 0) out.push(tr('这次申请没有批准，公积金不会提取，账户照常保留。'));
    if (typeof x.note === 'string') out.push(chinese(x.note));
    return out;
  }
  if (key === 'medical' && d.outcome === 'CONDITIONAL' && x.topUpMonths) {
    out.push(
      tr('您需要一次性补缴医保 {months} 个月，约 {amount} 元。补缴后，退休后可以享受医保待遇。', { months: x.topUpMonths, amount: yuan(x.topUpAmountFen) }),
    );
  }
  if (key === 'housingFund' && d.outcome === 'PASS') {
    if (x.withdrawalAmountFen > 0) out.push(tr('公积金 {amount} 元将转到您的银行卡，公积金账户同时注销。', { amount: yuan(x.withdrawalAmountFen) }));
    else if (x.closeAccount === false) out.push(tr('您选择暂不取出公积金，账户保留。'));
  }
  if (key === 'hr' && (d.outcome === 'PASS' || d.outcome === 'CONDITIONAL') && x.statutoryRetirementMonth) {
    out.push(tr('法定退休时间：{month}。', { month: month(x.statutoryRetirementMonth) }));
    if (typeof x.contributionMonths === 'number')
      out.push(
        x.contributionMonths % 12
          ? tr('养老保险已缴费 {years} 年 {months} 个月。', { years: Math.floor(x.contributionMonths / 12), months: x.contributionMonths % 12 })
          : tr('养老保险已缴费 {years} 年。', { years: x.contributionMonths / 12 }),
      );
  }
  if (key === 'tax' && d.outcome === 'PASS') out.push(tr('社保费没有欠缴。'));
  if (key === 'health' && d.outcome === 'PASS' && x.rewardFen > 0)
    out.push(tr('独生子女父母退休奖励 {amount} 元，一次性发到您的银行卡。', { amount: yuan(x.rewardFen) }));
  if (typeof x.note === 'string') out.push(chinese(x.note));
  return out;
}

function actorZh(actor) {
  if (!actor || actor === 'system') return tr('系统');
  if (actor.startsWith('citizen:')) return tr('本人');
  if (actor.startsWith('platform')) return tr('政务服务平台');
  if (actor.startsWith('pre-review') || actor.startsWith('supervisor')) return tr('工作人员');
  return actor;
}
