import { randomUUID } from 'node:crypto';
import type { HealthRecord, HousingFundRecord, MedicalRecord, TaxRecord } from '../../schemas/department-record.ts';
import {
  DEPARTMENT_PATH,
  HEADER_CALLING_SYSTEM,
  HEADER_CASE_NUMBER,
  HEADER_REQUEST_ID,
  RESPONSE_SCHEMA,
  type Department,
  type HrResponse,
  type PersonProfile,
} from './departments.ts';
import { DepartmentRequestRejected, DepartmentResponseInvalid, DepartmentUnavailable } from './errors.ts';

export interface DepartmentClientOptions {
  /** Base URL of the department gateway, e.g. `https://gov-gateway.example/api` or the local stand-ins. */
  baseUrl: string;
  /** Sent as `X-Calling-System`, e.g. `retireone`. */
  callingSystem: string;
  /** Per-request deadline including the body (default 3000 ms). */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
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
  const doFetch = opts.fetchImpl ?? fetch;

  async function lookup(department: Department, caseNumber: string, idNumber: string): Promise<unknown> {
    const url = `${base}/${DEPARTMENT_PATH[department]}/persons/${encodeURIComponent(idNumber)}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'GET',
        headers: {
          accept: 'application/json',
          [HEADER_CASE_NUMBER]: caseNumber,
          [HEADER_CALLING_SYSTEM]: opts.callingSystem,
          [HEADER_REQUEST_ID]: randomUUID(),
        },
        signal,
      });
      // Read the body under the same deadline: a department that stalls mid-body is just as unavailable.
      text = await response.text();
    } catch (err) {
      const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : `network error: ${describe(err)}`;
      throw new DepartmentUnavailable(department, reason, { cause: err });
    }

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

/** `fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1)`: undici hides the socket error in `cause`. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  if (!(cause instanceof Error)) return err.message;
  const code = (cause as { code?: unknown }).code;
  return `${err.message} (${[typeof code === 'string' ? code : undefined, cause.message].filter(Boolean).join(': ')})`;
}
