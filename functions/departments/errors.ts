import type { Department } from './departments.ts';

/**
 * Errors the check steps let escape so that Step Functions can match them by `error.name`
 * (Lambda reports `errorType` = `name`). Keep the names stable: the ASL refers to them.
 */

/**
 * Transient: timeout, network failure, 5xx or 429. Step Functions retries these with backoff and,
 * when retries are exhausted, catches them and records DEPARTMENT_UNAVAILABLE (outcome MANUAL).
 */
export class DepartmentUnavailable extends Error {
  readonly department: Department;
  /** HTTP status when the department answered at all. */
  readonly status: number | undefined;
  constructor(department: Department, reason: string, options: { status?: number; cause?: unknown } = {}) {
    super(`${department} department unavailable: ${reason}`, { cause: options.cause });
    this.name = 'DepartmentUnavailable';
    this.department = department;
    this.status = options.status;
  }
}

/** The department answered 200 with a body that does not match its schema. Retrying will not help. */
export class DepartmentResponseInvalid extends Error {
  readonly department: Department;
  readonly problems: string[];
  constructor(department: Department, problems: string[]) {
    super(`${department} department sent an invalid response: ${problems.join('; ')}`);
    this.name = 'DepartmentResponseInvalid';
    this.department = department;
    this.problems = problems;
  }
}

/**
 * The department refused our request (4xx other than 404/429): a bug or misconfiguration on our
 * side (missing headers, wrong credentials). Not transient, so not `DepartmentUnavailable`.
 */
export class DepartmentRequestRejected extends Error {
  readonly department: Department;
  readonly status: number;
  constructor(department: Department, status: number, detail: string) {
    super(`${department} department rejected the request with HTTP ${status}: ${detail}`);
    this.name = 'DepartmentRequestRejected';
    this.department = department;
    this.status = status;
  }
}
