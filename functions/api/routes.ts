/**
 * The HTTP routes and the handler module serving each. Both hostings read this one table:
 * the CDK app makes one Lambda per entry and an HTTP API route per path; the embedded server
 * dispatches to the same modules in-process.
 */
export interface Route {
  method: 'GET' | 'POST';
  /** API Gateway route syntax: `{name}` path parameters. */
  path: string;
  /** Module under functions/api/ exporting `handler`. */
  module: string;
  /** Only served by the embedded hosting in development mode. */
  devOnly?: boolean;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/health', module: 'health' },
  { method: 'GET', path: '/v1/openapi.json', module: 'openapi' },
  { method: 'POST', path: '/v1/dev/tokens', module: 'dev-tokens', devOnly: true },
  { method: 'POST', path: '/v1/eligibility/retirement', module: 'eligibility' },
  { method: 'GET', path: '/v1/service-centers', module: 'service-centers' },
  { method: 'GET', path: '/v1/service-centers/{id}/slots', module: 'slots' },
  { method: 'POST', path: '/v1/bookings', module: 'create-booking' },
  { method: 'GET', path: '/v1/cases/{caseNumber}/prefill', module: 'prefill' },
  { method: 'POST', path: '/v1/cases/{caseNumber}/application', module: 'submit-application' },
  { method: 'POST', path: '/v1/cases/{caseNumber}/withdrawal', module: 'withdraw-case' },
  { method: 'GET', path: '/v1/cases/{caseNumber}', module: 'get-case' },
  { method: 'GET', path: '/v1/cases/{caseNumber}/documents/{documentId}', module: 'get-document' },
  { method: 'GET', path: '/v1/cases/{caseNumber}/events', module: 'case-events' },
  { method: 'GET', path: '/v1/staff/cases', module: 'staff-queue' },
  { method: 'POST', path: '/v1/staff/cases/{caseNumber}/reviews', module: 'submit-review' },
  { method: 'GET', path: '/v1/staff/cases/{caseNumber}/audit', module: 'case-audit' },
  { method: 'GET', path: '/v1/verify/{documentId}', module: 'verify-document' },
  { method: 'POST', path: '/v1/verify', module: 'verify-upload' },
];

/** Task states of workflows/retirement-case.asl.json and the step module (functions/steps/) behind each. */
export const STEP_FUNCTIONS = {
  AwaitSignalFunctionArn: 'await-signal',
  ExpireCaseFunctionArn: 'expire-case',
  PreReviewFunctionArn: 'pre-review',
  CheckHrFunctionArn: 'check-hr',
  CheckTaxFunctionArn: 'check-tax',
  CheckMedicalFunctionArn: 'check-medical',
  CheckHousingFundFunctionArn: 'check-housing-fund',
  RecordUnavailableFunctionArn: 'record-unavailable',
  DecideFunctionArn: 'decide',
  FlagOverdueFunctionArn: 'flag-overdue',
  SealFunctionArn: 'seal',
  NotifyFunctionArn: 'notify',
} as const;
export type StepSubstitution = keyof typeof STEP_FUNCTIONS;
