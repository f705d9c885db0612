import { z } from 'zod';
import type { CaseRecord } from '../adapters/case-record.ts';
import { stepHandler } from './step-handler.ts';

const Input = z.object({ caseNumber: z.string(), stage: z.enum(['application', 'pre-review', 'supplement', 'manual']), taskToken: z.string().min(1) });

/** What the waiting step would be told, if it already happened before the step started waiting. */
function alreadyHappened(record: CaseRecord, stage: z.infer<typeof Input>['stage']): Record<string, unknown> | undefined {
  if (record.status === 'WITHDRAWN') return { outcome: 'WITHDRAWN' };
  if (stage === 'application') return record.application ? { outcome: 'SUBMITTED' } : undefined;
  if (stage === 'pre-review') {
    if (record.status === 'SUPPLEMENT_REQUESTED') return { outcome: 'SUPPLEMENT' };
    const r = record.reviews?.['pre-review'];
    return r ? { outcome: r.outcome } : undefined;
  }
  if (stage === 'supplement') {
    // Refused by staff after the due date passed, or the corrected form came: the round is over either way.
    const r = record.reviews?.['pre-review'];
    if (r) return { outcome: r.outcome };
    return record.status !== 'SUPPLEMENT_REQUESTED' && record.supplements?.at(-1)?.receivedAt ? { outcome: 'SUBMITTED' } : undefined;
  }
  const reviews = Object.entries(record.reviews ?? {}).filter(([k]) => k.startsWith('manual#'));
  if (reviews.some(([k]) => k === 'manual#all')) return { outcome: 'DECIDED' };
  const waiting = Object.entries(record.departments)
    .filter(([, d]) => d.outcome === 'MANUAL')
    .map(([k]) => k);
  return waiting.every((d) => reviews.some(([k]) => k === `manual#${d}`)) ? { outcome: 'DECIDED' } : undefined;
}

/**
 * Parks the workflow until a person acts (the citizen's form, a staff decision). The token is stored
 * under the case number for the API to resume with; if the person acted before the token was stored,
 * the step resumes itself, so neither order loses the signal.
 */
export const handler = stepHandler('await-signal', Input, async ({ caseNumber, stage, taskToken }, rt) => {
  const at = rt.clock.now().toISOString();
  // Every case waits for its form first: there the token is saved with a check of the case, in one request.
  if (stage === 'application' && (await rt.taskTokens.saveWhileFormAwaited(caseNumber, taskToken, at))) return { waiting: true };
  await rt.taskTokens.save(caseNumber, stage, taskToken, at);
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  const output = alreadyHappened(record, stage);
  if (output) await rt.workflow.sendTaskSuccess(taskToken, output);
  return { waiting: !output };
});
