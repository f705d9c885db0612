import { z } from 'zod';
import { CaseNumber, Instant, IsoDate, Text } from './common.ts';
import { DepartmentResult } from './department-result.ts';
import { Rating } from './rating.ts';

export const CaseStatus = z
  .enum(['BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'CHECKING', 'MANUAL_REVIEW', 'SEALING', 'COMPLETED', 'EXPIRED', 'WITHDRAWN', 'NEEDS_ATTENTION'])
  .meta({ id: 'CaseStatus' });
export type CaseStatus = z.infer<typeof CaseStatus>;
/** NEEDS_ATTENTION: a workflow step failed after its retries; the case is kept and shown first to staff. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['NEEDS_ATTENTION', 'BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'CHECKING', 'MANUAL_REVIEW', 'SEALING'];

/** Why a case is NEEDS_ATTENTION: the workflow state that failed after its retries, and the status it left. */
export const Attention = z
  .strictObject({
    failedState: z.string().meta({ description: 'The workflow state that failed, e.g. Seal.' }),
    error: z.string().meta({ description: 'The error name, e.g. States.TaskFailed.' }),
    cause: z.string().meta({ description: 'The error message, truncated, with ID and phone numbers masked.' }),
    at: Instant,
    fromStatus: CaseStatus.meta({ description: 'The status the case was in; a retry moves it back there.' }),
  })
  .meta({ id: 'Attention' });
export type Attention = z.infer<typeof Attention>;

export const Decision = z.enum(['APPROVED', 'REJECTED']).meta({ id: 'Decision' });
export type Decision = z.infer<typeof Decision>;

export const TimelineEntry = z.strictObject({ at: Instant, status: CaseStatus, actor: z.string(), note: z.string() }).meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const DocumentRef = z
  .strictObject({
    documentId: z.string(),
    title: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    contentType: z.literal('application/pdf'),
  })
  .meta({ id: 'DocumentRef' });
export type DocumentRef = z.infer<typeof DocumentRef>;

export const Departments = z
  .strictObject({
    hr: DepartmentResult,
    tax: DepartmentResult,
    medical: DepartmentResult,
    housingFund: DepartmentResult,
  })
  .meta({ id: 'Departments' });
export type Departments = z.infer<typeof Departments>;

/** The public view of a case (GET /v1/cases/{caseNumber}). */
export const CaseView = z
  .strictObject({
    caseNumber: CaseNumber,
    status: CaseStatus,
    decision: Decision.optional(),
    deadline: IsoDate,
    workflowVersion: z
      .string()
      .optional()
      .meta({ description: 'The version of the workflow the case runs on; an in-flight case keeps the version it started on.' }),
    departments: Departments,
    timeline: z.array(TimelineEntry),
    documents: z.array(DocumentRef),
    rating: Rating.optional().meta({ description: 'The citizen’s 好差评 of the completed case, once given.' }),
  })
  .meta({ id: 'CaseView' });
export type CaseView = z.infer<typeof CaseView>;

/** POST /v1/cases/{caseNumber}/withdrawal: the citizen withdraws while the case waits for a person. */
export const WithdrawalRequest = z.strictObject({ reason: Text({ max: 500 }).optional() }).meta({ id: 'WithdrawalRequest' });
export const WithdrawalResponse = z.strictObject({ caseNumber: CaseNumber, status: z.literal('WITHDRAWN') }).meta({ id: 'WithdrawalResponse' });

/** 202 answer to POST /v1/staff/cases/{caseNumber}/retry: the case is back in the status it failed in. */
export const RetryResponse = z.strictObject({ caseNumber: CaseNumber, status: CaseStatus }).meta({ id: 'RetryResponse' });

export const SubmitResponse = z.strictObject({ caseNumber: CaseNumber, status: z.literal('SUBMITTED') }).meta({ id: 'SubmitResponse' });

/** Path parameters of every case operation. */
export const CasePathParams = z.strictObject({ caseNumber: CaseNumber });
