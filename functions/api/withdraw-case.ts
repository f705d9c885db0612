import type { Principal } from '../adapters/auth.ts';
import { maskIdNumber } from '../domain/mask.ts';
import { loadCaseFor } from './case-access.ts';
import { signalWaitingStep } from './signal.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem } from './http/problem.ts';

const STAGE_WAITING: Partial<Record<string, string>> = {
  BOOKED: 'application',
  PRE_REVIEW: 'pre-review',
  SUPPLEMENT_REQUESTED: 'supplement',
  MANUAL_REVIEW: 'manual',
};
/** NEEDS_ATTENTION waits for staff too, but no execution is waiting to be told. */
const WITHDRAWABLE = new Set([...Object.keys(STAGE_WAITING), 'NEEDS_ATTENTION']);

/** Who withdrew, in the timeline's words: the person, or their agent, unit, the platform or staff acting for them. */
function withdrawnBy(principal: Principal, personIdNumber: string): string {
  if (principal.role === 'citizen')
    return principal.idNumber === personIdNumber ? '本人' : `代办人（${principal.name ?? maskIdNumber(principal.idNumber ?? '')}）代为`;
  if (principal.role === 'employer') return `${principal.name}（单位经办）代为`;
  if (principal.role === 'platform') return `政务服务平台（${principal.name ?? principal.subject}）代为`;
  return `工作人员（${principal.staffId ?? principal.subject}）代为`;
}

/**
 * The citizen withdraws. Possible while the case waits for a person — before the form, or during a
 * pre-review or manual review; once the departments are being asked or the answer is being sealed, the
 * case runs to its answer. The waiting workflow is told, and ends. A case whose step failed (NEEDS_ATTENTION)
 * may be withdrawn as well: its execution has already ended.
 */
export const handler = httpHandler(operations.withdrawCase, {
  async handle({ params, body, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'withdraw', requestId);
    const stage = STAGE_WAITING[record.status];
    const withdrawn =
      WITHDRAWABLE.has(record.status) &&
      (await rt.cases.withdraw(record, {
        at: rt.clock.now().toISOString(),
        actor: principal!.subject,
        note: `${withdrawnBy(principal!, record.idNumber)}撤回申请${body.reason ? `：${body.reason}` : ''}`,
      }));
    if (!withdrawn) {
      throw new HttpProblem(
        409,
        'Cannot withdraw now',
        `The case is ${record.status}; it can be withdrawn only while it waits for the form or for a staff decision.`,
      );
    }
    if (stage) await signalWaitingStep(rt, params.caseNumber, stage, { outcome: 'WITHDRAWN' });
    return { status: 202, body: { caseNumber: params.caseNumber, status: 'WITHDRAWN' } };
  },
});
