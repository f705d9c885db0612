import type { HealthRecord, HousingFundRecord, MedicalRecord, TaxRecord } from '../../schemas/department-record.ts';
import { DEPARTMENT_PATH, LOOKUP_PATH, RESPONSE_SCHEMA, type Department, type HrResponse, type PersonProfile } from './departments.ts';
import { DepartmentRequestRejected, DepartmentResponseInvalid, DepartmentUnavailable } from './errors.ts';
import { type SignedCallOptions, signedPost } from './signed-post.ts';

export interface DepartmentClientOptions extends SignedCallOptions {
  /** Base URL of the department gateway, e.g. `https://gov-gateway.example/api` or the local stand-ins. */
  baseUrl: string;
  /** Per-request deadline including the body (default 3000 ms). */
  timeoutMs?: number;
}

/** Every lookup resolves to `undefined` when the department holds no record of the person (HTTP 404). */
export interface DepartmentClient {
  hr(caseNumber: string, idNumber: string): Promise<HrResponse | undefined>;
  tax(caseNumber: string, idNumber: string): Promise<TaxRecord | undefined>;
  medical(caseNumber: string, idNumber: string): Promise<MedicalRecord | undefined>;
  housingFund(caseNumber: string, idNumber: string): Promise<HousingFundRecord | undefined>;
  health(caseNumber: string, idNumber: string): Promise<HealthRecord | undefined>;
  profile(caseNumber: string, idNumber: string): Promise<PersonProfile | undefined>;
}

export const DEFAULT_DEPARTMENT_TIMEOUT_MS = 3000;

/**
 * Deliberately no retries here: the workflow's Retry on `DepartmentUnavailable` (exponential
 * backoff with jitter) owns that, and retrying in both places would multiply the attempts and
 * blow the Lambda timeout. One call = one attempt.
 */
export function createDepartmentClient(opts: DepartmentClientOptions): DepartmentClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_DEPARTMENT_TIMEOUT_MS;

  async function lookup(department: Department, caseNumber: string, idNumber: string): Promise<unknown> {
    const url = new URL(`${base}/${DEPARTMENT_PATH[department]}/${LOOKUP_PATH}`);
    const response = await signedPost(opts, department, url, { idNumber }, caseNumber, timeoutMs);
    const text = response.text;
    if (response.status === 404) return undefined;
    if (response.status >= 500 || response.status === 429) {
      throw new DepartmentUnavailable(department, `HTTP ${response.status}`, { status: response.status });
    }
    if (response.status !== 200) {
      throw new DepartmentRequestRejected(department, response.status, text.slice(0, 200));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new DepartmentResponseInvalid(department, ['body is not JSON']);
    }
    const parsed = RESPONSE_SCHEMA[department].safeParse(body);
    if (!parsed.success) {
      throw new DepartmentResponseInvalid(
        department,
        parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
      );
    }
    return parsed.data;
  }

  return {
    hr: (c, id) => lookup('hr', c, id) as Promise<HrResponse | undefined>,
    tax: (c, id) => lookup('tax', c, id) as Promise<TaxRecord | undefined>,
    medical: (c, id) => lookup('medical', c, id) as Promise<MedicalRecord | undefined>,
    housingFund: (c, id) => lookup('housingFund', c, id) as Promise<HousingFundRecord | undefined>,
    health: (c, id) => lookup('health', c, id) as Promise<HealthRecord | undefined>,
    profile: (c, id) => lookup('profile', c, id) as Promise<PersonProfile | undefined>,
  };
}
