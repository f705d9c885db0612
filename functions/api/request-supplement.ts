import type { SupplementRequest } from '../../schemas/supplement.ts';
import type { Principal } from '../adapters/auth.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { fieldListZh } from '../domain/form-field-names.ts';
import { addDays } from '../domain/months.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { addWorkingDays, CalendarYearMissingError, isWorkingDay } from '../domain/working-days.ts';
import type { Runtime } from '../shared/runtime.ts';
import { signalWaitingStep } from './signal.ts';
import { HttpProblem } from './http/problem.ts';

/** Further than this is no longer "correct a field": it is a new application. */
const LATEST_DUE_DAYS = 90;

/**
 * Pre-review asks the citizen to correct or complete named fields of the form by a date (补正). The case waits
 * for them (SUPPLEMENT_REQUESTED, the SLA clock paused); the citizen is told what and by when in the same write.
 */
export async function requestSupplement(
  rt: Runtime,
  record: CaseRecord,
  body: { stage: 'pre-review'; outcome: 'SUPPLEMENT'; note: string; supplement: SupplementRequest },
  principal: Principal,
  by: { staffId: string; supervisor: boolean },
) {
  if (record.status !== 'PRE_REVIEW' || record.preReview?.outcome !== 'MANUAL' || record.reviews?.['pre-review']) {
    throw new HttpProblem(409, 'Not waiting for pre-review', `The case is ${record.status} and is not waiting for a pre-review decision.`);
  }
  const today = rt.clock.today();
  const dueDate = body.supplement.dueDate ?? defaultDueDate(today, rt.policy.sla.supplementWorkingDays);
  if (dueDate <= today || dueDate > addDays(today, LATEST_DUE_DAYS) || !isWorkingDayKnown(dueDate)) {
    throw new HttpProblem(400, 'Invalid request', 'The due date must be a working day after today, at most 90 days ahead.', [
      { path: 'supplement.dueDate', message: `must be a working day after ${today} and at most ${LATEST_DUE_DAYS} days ahead` },
    ]);
  }
  const at = rt.clock.now().toISOString();
  const what = fieldListZh(body.supplement.fields);
  const text = `【退休一件事】您的退休申请（办件编号 ${record.caseNumber}）需要补正：${what}。` + `请于 ${dueDate} 前登录修改后重新提交。说明：${body.note}`;
  const asked = await rt.staffWork.requestSupplement(
    record.caseNumber,
    { fields: body.supplement.fields, dueDate, note: body.note, requestedAt: at, requestedBy: by.staffId },
    { at, status: 'SUPPLEMENT_REQUESTED', actor: principal.subject, note: `请补正：${what}（请于 ${dueDate} 前提交）。${body.note}` },
    by,
    caseSms(record, 'supplement', text, at, { at, status: 'SUPPLEMENT_REQUESTED', index: record.timeline.length }),
  );
  if (!asked) throw new HttpProblem(409, 'Already decided', 'This decision was already taken, the case moved on, or it is assigned to someone else.');
  await signalWaitingStep(rt, record.caseNumber, 'pre-review', { outcome: 'SUPPLEMENT' });
  return { status: 202, body: { caseNumber: record.caseNumber, stage: 'pre-review' as const, outcome: 'SUPPLEMENT' as const, recordedAt: at } };
}

/** Without next year's official calendar no due date can be counted or checked there: say so, naming the field. */
function defaultDueDate(today: string, workingDays: number): string {
  try {
    return addWorkingDays(today, workingDays);
  } catch (err) {
    if (!(err instanceof CalendarYearMissingError)) throw err;
    throw new HttpProblem(400, 'Invalid request', `${err.message}. Name a due date in a year the calendar covers.`, [
      { path: 'supplement.dueDate', message: `is required: working days of ${err.year} are not yet known` },
    ]);
  }
}

function isWorkingDayKnown(date: string): boolean {
  try {
    return isWorkingDay(date);
  } catch (err) {
    if (err instanceof CalendarYearMissingError) return false;
    throw err;
  }
}
