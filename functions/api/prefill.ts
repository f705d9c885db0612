import type { PrefillSource } from '../../schemas/application.ts';
import { parseIdNumber } from '../domain/id-number.ts';
import { proposedMonth, requestableMonths } from '../domain/requestable-months.ts';
import { retirementWindow } from '../domain/retirement-age.ts';
import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * What the departments already hold, shaped like the one form, so the citizen confirms rather than types.
 * Fields nobody holds are absent; the ID number, name and phone come from the booking. The proposed month is
 * one the service takes on a form sent today (functions/domain/requestable-months.ts), so a late applicant is
 * never offered a month that has passed.
 */
export const handler = httpHandler(operations.getPrefill, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'read-prefill', requestId);
    const profile = await rt.departments.profile(record.caseNumber, record.idNumber);
    const fromId = parseIdNumber(record.idNumber);
    const gender = profile?.gender ?? (fromId.ok ? fromId.gender : undefined);
    const birthDate = profile?.birthDate ?? (fromId.ok ? fromId.birthDate : undefined);
    const originalRetirementAge = profile ? profile.originalRetirementAge : gender === 'male' ? 60 : undefined;

    const window = requestableMonths(rt.clock.today(), rt.policy);
    const own = gender && birthDate && originalRetirementAge ? retirementWindow(gender, birthDate, originalRetirementAge, rt.policy) : undefined;
    const requestedMonth = own ? proposedMonth(own.month, window) : undefined;

    // The data-sharing platform's profile carries what HR's personnel file and social security card hold
    // (identity, original retirement age, the bank account pensions are paid to) and the fund centre's account status.
    const person: PrefillSource = profile ? 'hr' : 'idNumber';
    const sources: Record<string, PrefillSource> = {
      'applicant.idNumber': 'booking',
      'applicant.name': profile ? 'hr' : 'booking',
      ...(gender ? { 'applicant.gender': person } : {}),
      ...(birthDate ? { 'applicant.birthDate': person } : {}),
      'applicant.phone': 'booking',
      ...(originalRetirementAge ? { 'retirement.originalRetirementAge': person } : {}),
      ...(requestedMonth ? { 'retirement.requestedMonth': person } : {}),
      ...(profile?.bankAccount ? { 'bankAccount.bankName': 'hr', 'bankAccount.accountNo': 'hr' } : {}),
      ...(profile ? { 'housingFund.withdraw': 'housingFund' } : {}),
    };
    return {
      status: 200,
      body: {
        caseNumber: record.caseNumber,
        source: profile ? 'departments' : 'booking',
        applicant: {
          idNumber: record.idNumber,
          name: profile?.name ?? record.name,
          ...(gender ? { gender } : {}),
          ...(birthDate ? { birthDate } : {}),
          phone: record.phone,
        },
        retirement: {
          ...(originalRetirementAge ? { originalRetirementAge } : {}),
          ...(requestedMonth ? { requestedMonth } : {}),
        },
        ...(profile?.bankAccount ? { bankAccount: profile.bankAccount } : {}),
        housingFund: { withdraw: profile ? profile.housingFundStatus === 'active' || profile.housingFundStatus === 'sealed' : false },
        retirementMonths: {
          ...window,
          ...(own ? { statutory: own.month, flexibleEarliest: own.flexibleEarliestMonth, flexibleLatest: own.flexibleLatestMonth } : {}),
        },
        sources,
      },
    };
  },
});
