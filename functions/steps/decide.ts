import { DEPARTMENT_KEYS, type DepartmentKey } from '../../schemas/department-result.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { applyManualDecisions, decide, type ManualDecision } from '../domain/decide.ts';
import { runtime } from '../shared/runtime.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

function manualDecisions(record: CaseRecord): ManualDecision[] {
  return Object.entries(record.reviews ?? {})
    .filter(([k]) => k.startsWith('manual#'))
    .map(([, r]) => ({ department: r.department, outcome: r.outcome, note: r.note, actor: r.actor }));
}

/** A case stopped at pre-review never reached the departments: say so, rather than leave them pending. */
function notChecked(record: CaseRecord): CaseRecord['departments'] {
  const out = { ...record.departments };
  for (const k of DEPARTMENT_KEYS as readonly DepartmentKey[]) {
    if (out[k].outcome === 'PENDING') out[k] = { outcome: 'NOT_APPLICABLE', reasons: [], details: { note: '预审未通过，未提交本部门核查' } };
  }
  return out;
}

/**
 * Any FAIL rejects; any MANUAL waits for staff; otherwise approved. Staff decisions recorded on the case
 * are applied first, so this step is run again after each manual review.
 */
export const handler = stepHandler('decide', CaseInput, async ({ caseNumber }) => {
  const rt = await runtime();
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  if (record.decision) return { needsManualReview: false, decision: record.decision };
  const at = rt.clock.now().toISOString();

  const preReviewFailed = record.preReview?.outcome === 'FAIL' || record.reviews?.['pre-review']?.outcome === 'FAIL';
  if (preReviewFailed) {
    await rt.cases.setDecision(caseNumber, 'REJECTED', notChecked(record), at);
    await rt.cases.transition(caseNumber, ['PRE_REVIEW', 'SUBMITTED'], 'SEALING', { at, actor: 'system', note: '预审未通过，不予批准，正在出具盖章文书' });
    return { needsManualReview: false, decision: 'REJECTED' };
  }

  const merged = applyManualDecisions(record.departments, manualDecisions(record));
  const result = decide(merged);
  if (result.needsManualReview) {
    const waiting = DEPARTMENT_KEYS.filter((k) => merged[k].outcome === 'MANUAL');
    await rt.cases.transition(caseNumber, ['CHECKING'], 'MANUAL_REVIEW', { at, actor: 'system', note: `需工作人员人工审核：${waiting.join('、')}` });
    return { needsManualReview: true };
  }
  await rt.cases.setDecision(caseNumber, result.decision!, merged, at);
  await rt.cases.transition(caseNumber, ['CHECKING', 'MANUAL_REVIEW'], 'SEALING', {
    at,
    actor: 'system',
    note: result.decision === 'APPROVED' ? '审核通过，正在出具盖章文书' : '不予批准，正在出具盖章文书',
  });
  return { needsManualReview: false, decision: result.decision };
});
