import { z } from 'zod';
import type { Attention, CaseStatus } from '../../schemas/case.ts';
import { maskNumbersInText } from '../domain/mask.ts';
import { PRODUCT_METRICS } from '../shared/metric-names.ts';
import { recordMetric } from '../shared/metrics.ts';
import { stepHandler } from './step-handler.ts';

/** Room for the error message, not for a stack trace: the staff queue shows it on one line. */
const MAX_CAUSE_CHARS = 500;
/** Once a case is here it is no longer the workflow's to mark. */
const NOT_MARKABLE: readonly CaseStatus[] = ['NEEDS_ATTENTION', 'COMPLETED', 'EXPIRED', 'WITHDRAWN'];
export const ATTENTION_NOTE = '系统处理遇到问题，已转工作人员处理';

const ErrorOutput = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
/**
 * Each Catch puts the error under the name of the state it guards (`"ResultPath": "$.failure.Seal"`), so the
 * state's name reaches this step as a literal without a Pass state per Catch (JSONPath has no Catch Parameters).
 */
const Input = z.object({ caseNumber: z.string(), failure: z.record(z.string(), ErrorOutput) });

/** A Lambda's Cause is its error as JSON with the stack; keep the message only, masked and truncated. */
function causeText(cause: string | undefined): string {
  let text = cause ?? '';
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown };
    if (typeof parsed?.errorMessage === 'string') text = parsed.errorMessage;
  } catch {
    // Not JSON: a plain message (the embedded engine's errors).
  }
  const masked = maskNumbersInText(text);
  return masked.length > MAX_CAUSE_CHARS ? `${masked.slice(0, MAX_CAUSE_CHARS - 1)}…` : masked;
}

/**
 * A step failed after its retries. The case goes to NEEDS_ATTENTION — first on the staff queue, with what
 * failed — instead of staying CHECKING or SEALING with no execution behind it. It stays open (the person's
 * open-case lock is kept). A replay finds it marked and changes nothing; a supervisor's retry moves it back.
 */
export const handler = stepHandler('mark-needs-attention', Input, async ({ caseNumber, failure }, rt) => {
  const [failedState, error] = Object.entries(failure)[0] ?? ['unknown', {}];
  // Read, then write only if the status is still the one read: `fromStatus` is exactly where it failed.
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = await rt.cases.get(caseNumber);
    if (!record) throw new Error(`case ${caseNumber} not found`);
    if (NOT_MARKABLE.includes(record.status)) return { marked: false, status: record.status };
    const attention: Attention = {
      failedState,
      error: error.Error ?? 'unknown',
      cause: causeText(error.Cause),
      at: rt.clock.now().toISOString(),
      fromStatus: record.status,
    };
    if (await rt.cases.markNeedsAttention(caseNumber, attention, ATTENTION_NOTE)) {
      recordMetric(PRODUCT_METRICS.casesNeedingAttention, 1);
      return { marked: true, status: 'NEEDS_ATTENTION' };
    }
  }
  throw new Error(`case ${caseNumber} kept changing status while being marked NEEDS_ATTENTION`);
});
