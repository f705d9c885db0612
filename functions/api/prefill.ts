import { parseIdNumber } from '../domain/id-number.ts';
import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * What the departments already hold, shaped like the one form, so the citizen confirms rather than types.
 * Fields nobody holds stay absent; the ID number, name and phone come from the booking.
 */
export const handler = httpHandler(operations.getPrefill, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'read-prefill', requestId);
    const profile = await rt.departments.profile(record.caseNumber, record.idNumber);
    const fromId = parseIdNumber(record.idNumber);
    const gender = profile?.gender ?? (fromId.ok ? fromId.gender : undefined);
    return {
      status: 200,
      body: {
        caseNumber: record.caseNumber,
        source: profile ? 'departments' : 'booking',
        applicant: {
          idNumber: record.idNumber,
          name: profile?.name ?? record.name,
          ...(gender ? { gender } : {}),
          ...(profile?.birthDate ? { birthDate: profile.birthDate } : fromId.ok ? { birthDate: fromId.birthDate } : {}),
          phone: record.phone,
        },
        retirement: {
          ...(profile ? { originalRetirementAge: profile.originalRetirementAge } : gender === 'male' ? { originalRetirementAge: 60 } : {}),
        },
        ...(profile?.bankAccount ? { bankAccount: profile.bankAccount } : {}),
        housingFund: { withdraw: profile ? profile.housingFundStatus === 'active' || profile.housingFundStatus === 'sealed' : false },
      },
    };
  },
});
