export { createDepartmentClient, DEFAULT_DEPARTMENT_TIMEOUT_MS } from './client.ts';
export type { DepartmentClient, DepartmentClientOptions } from './client.ts';
export {
  DEPARTMENTS,
  DEPARTMENT_PATH,
  HEADER_CALLING_SYSTEM,
  HEADER_CASE_NUMBER,
  HEADER_REQUEST_ID,
  HrResponse,
  PersonProfile,
  RESPONSE_SCHEMA,
} from './departments.ts';
export type { Department } from './departments.ts';
export { DepartmentRequestRejected, DepartmentResponseInvalid, DepartmentUnavailable } from './errors.ts';
