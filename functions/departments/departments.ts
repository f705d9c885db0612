import { z } from 'zod';
import { Gender, IsoDate, OriginalRetirementAge } from '../../schemas/common.ts';
import { HealthRecord, HousingFundRecord, HrRecord, MedicalRecord, TaxRecord } from '../../schemas/department-record.ts';
import { SIGNED_HEADERS } from './signing.ts';

/**
 * The department systems' HTTP contract as we consume it (and as the local stand-ins serve it).
 * `profile` is the prefill lookup of the government data-sharing platform: basic identity plus the
 * two facts the one form needs up front; it is not one of the checks. `health` (卫健) is asked only where the
 * city takes part.
 */
export const DEPARTMENTS = ['hr', 'tax', 'medical', 'housingFund', 'health', 'profile'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** URL path segment per department: `POST /<segment>/lookups` with `{"idNumber": …}` (docs/department-calls.md). */
export const DEPARTMENT_PATH: Record<Department, string> = {
  hr: 'hr',
  tax: 'tax',
  medical: 'medical',
  housingFund: 'housing-fund',
  health: 'health',
  profile: 'profile',
};

/** HR / social security answers with the person's identity as the personnel file holds it. */
export const HrResponse = HrRecord.extend({ name: z.string(), gender: Gender, birthDate: IsoDate });
export type HrResponse = z.infer<typeof HrResponse>;

export const PersonProfile = z.object({
  idNumber: z.string(),
  name: z.string(),
  gender: Gender,
  birthDate: IsoDate,
  phone: z.string(),
  bankAccount: z.object({ bankName: z.string(), accountNo: z.string() }).optional(),
  originalRetirementAge: OriginalRetirementAge,
  // Spelled out rather than read from HousingFundRecord, whose shape may become a union on status.
  housingFundStatus: z.enum(['active', 'sealed', 'closed', 'none']),
});
export type PersonProfile = z.infer<typeof PersonProfile>;

/** A person's record is asked for by POST, the ID number in the body: never in a URL, which gateways log. */
export const LOOKUP_PATH = 'lookups';
/** HR's list of who reaches the statutory retirement month: `POST /hr/retirements` with `{"month", "cursor"?}`. */
export const RETIREMENTS_PATH = 'retirements';

export const RESPONSE_SCHEMA = {
  hr: HrResponse,
  tax: TaxRecord,
  medical: MedicalRecord,
  housingFund: HousingFundRecord,
  health: HealthRecord,
  profile: PersonProfile,
} as const;

/** Headers every department request carries, signed (the departments audit who asked, for which case). */
export const HEADER_CASE_NUMBER = SIGNED_HEADERS.caseNumber;
export const HEADER_CALLING_SYSTEM = SIGNED_HEADERS.caller;
export const HEADER_REQUEST_ID = SIGNED_HEADERS.requestId;
export const HEADER_CORRELATION_ID = SIGNED_HEADERS.correlationId;
