import { preReview } from '../domain/pre-review.ts';
import { runtime } from '../shared/runtime.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/** Automatic pre-review; its result is recorded once, so a re-run returns the first answer. */
export const handler = stepHandler('pre-review', CaseInput, async ({ caseNumber }) => {
  const rt = await runtime();
  const record = await rt.cases.get(caseNumber);
  if (!record?.application) throw new Error(`case ${caseNumber} has no application`);
  if (record.preReview) return { outcome: record.preReview.outcome };

  const result = preReview({ application: record.application, booking: { idNumber: record.idNumber, name: record.name }, today: rt.clock.today(), policy: rt.policy });
  const at = rt.clock.now().toISOString();
  await rt.cases.setOnce(caseNumber, { preReview: result }, at);
  const stored = (await rt.cases.get(caseNumber))!.preReview!;
  const reasons = stored.reasons.map((r) => r.message).join('；');
  const note = stored.outcome === 'PASS' ? '自动预审通过' : stored.outcome === 'MANUAL' ? `自动预审需人工核实：${reasons}` : `自动预审未通过：${reasons}`;
  await rt.cases.transition(caseNumber, ['SUBMITTED'], 'PRE_REVIEW', { at, actor: 'system', note });
  return { outcome: stored.outcome };
});
