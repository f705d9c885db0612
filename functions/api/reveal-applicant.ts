import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/** The applicant in full, for the staff member who needs to call or check them: the request itself is the audit entry. */
export const handler = httpHandler(operations.revealApplicant, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'reveal-applicant', requestId);
    const form = record.application;
    return {
      status: 200,
      body: {
        name: form?.applicant.name ?? record.name,
        idNumber: record.idNumber,
        phone: form?.applicant.phone ?? record.phone,
        ...(form ? { address: form.applicant.address, bankAccount: form.bankAccount } : {}),
      },
      headers: { 'cache-control': 'no-store' },
    };
  },
});
