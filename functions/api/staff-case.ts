import type { CaseRecord } from '../adapters/case-record.ts';
import { maskAccountNo, maskIdNumber, maskName, maskPhone } from '../domain/mask.ts';
import { caseViewOf, loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * Everything staff decide from, on one page: the case, the applicant and the form as sent (personal numbers
 * masked; the full details are a separate, audited request), what pre-review found, the decisions so far
 * and the supplement rounds.
 */
export const handler = httpHandler(operations.getStaffCase, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'read-case-detail', requestId);
    return {
      status: 200,
      body: {
        case: await caseViewOf(record, rt),
        applicant: {
          name: maskName(record.name),
          idNumber: maskIdNumber(record.idNumber),
          phone: maskPhone(record.phone),
          ...(record.application ? { address: record.application.applicant.address } : {}),
        },
        ...(record.application ? { form: maskedForm(record.application) } : {}),
        ...(record.preReview ? { preReview: record.preReview } : {}),
        reviews: Object.values(record.reviews ?? {})
          .sort((a, b) => a.at.localeCompare(b.at))
          .map(({ stage, department, outcome, note, staffId, at }) => ({
            stage,
            outcome,
            note,
            at,
            ...(department ? { department } : {}),
            ...(staffId ? { staffId } : {}),
          })),
        supplements: record.supplements ?? [],
        ...(record.assignee ? { assignee: record.assignee } : {}),
      },
    };
  },
});

function maskedForm(form: NonNullable<CaseRecord['application']>) {
  return {
    applicant: {
      ...form.applicant,
      name: maskName(form.applicant.name),
      idNumber: maskIdNumber(form.applicant.idNumber),
      phone: maskPhone(form.applicant.phone),
    },
    retirement: form.retirement,
    bankAccount: { bankName: form.bankAccount.bankName, accountNo: maskAccountNo(form.bankAccount.accountNo) },
    housingFund: form.housingFund,
    commitments: form.commitments,
  };
}
