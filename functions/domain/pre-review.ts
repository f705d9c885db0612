/**
 * Pre-review of the one form before the departments are asked.
 *  - ID number: GB 11643-1999 (see id-number.ts);
 *  - the case number belongs to the booked person: the form's ID number must equal the booking's;
 *  - form data that disagree with the ID number, or a name different from the booking, may be typing
 *    errors → a person checks (MANUAL), never an automatic refusal;
 *  - requested month: not in the past, at most policy.applicationMonthsAhead months ahead (service rule).
 * Choice: there is no dedicated reason code for a gender that contradicts the ID number; it is reported
 * as ID_NUMBER_INVALID with outcome MANUAL (the birth date case uses BIRTH_DATE_MISMATCH).
 */
import type { Application } from '../../schemas/application.ts';
import type { Reason } from '../../schemas/common.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { parseIdNumber } from './id-number.ts';
import { isRequestable, requestableMonths } from './requestable-months.ts';
import { formatMonthZh } from './format.ts';

export type PreReviewResult = { outcome: 'PASS' | 'MANUAL' | 'FAIL'; reasons: Reason[] };

export function preReview(input: { application: Application; booking: { idNumber: string; name: string }; today: string; policy?: Policy }): PreReviewResult {
  const { application, booking, today } = input;
  const policy = input.policy ?? DEFAULT_POLICY;
  const { applicant } = application;
  const fails: Reason[] = [];
  const manual: Reason[] = [];

  const id = parseIdNumber(applicant.idNumber, today);
  if (!id.ok) {
    fails.push({ code: 'ID_NUMBER_INVALID', message: id.message });
  } else {
    if (id.gender !== applicant.gender) {
      manual.push({ code: 'ID_NUMBER_INVALID', message: '表单填写的性别与身份证号码不一致，需工作人员核实。' });
    }
    if (id.birthDate !== applicant.birthDate) {
      manual.push({ code: 'BIRTH_DATE_MISMATCH', message: '表单填写的出生日期与身份证号码不一致，需工作人员核实。' });
    }
  }
  if (applicant.idNumber !== booking.idNumber) {
    fails.push({ code: 'BOOKING_MISMATCH', message: '申请人身份证号码与预约时不一致，请使用本人预约的办件编号。' });
  }
  if (applicant.name.trim() !== booking.name.trim()) {
    manual.push({ code: 'BOOKING_MISMATCH', message: '申请人姓名与预约时不一致，需工作人员核实。' });
  }

  const window = requestableMonths(today, policy);
  if (!isRequestable(application.retirement.requestedMonth, window)) {
    fails.push({
      code: 'REQUESTED_MONTH_OUT_OF_RANGE',
      message: `申请退休月份须在 ${formatMonthZh(window.earliest)} 至 ${formatMonthZh(window.latest)} 之间。`,
    });
  }

  if (fails.length > 0) return { outcome: 'FAIL', reasons: [...fails, ...manual] };
  if (manual.length > 0) return { outcome: 'MANUAL', reasons: manual };
  return { outcome: 'PASS', reasons: [] };
}
