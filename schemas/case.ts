import { z } from 'zod';
import { AppliedByView } from './applicant.ts';
import { CaseNumber, Instant, IsoDate, Text } from './common.ts';
import { DepartmentResult } from './department-result.ts';
import { SupplementView } from './supplement.ts';
import { Rating } from './rating.ts';
import { Appointment, Callback, NextSteps } from './case-guidance.ts';

export const CaseStatus = z
  .enum([
    'BOOKED',
    'SUBMITTED',
    'PRE_REVIEW',
    'CHECKING',
    'MANUAL_REVIEW',
    'SEALING',
    'COMPLETED',
    'EXPIRED',
    'WITHDRAWN',
    'NEEDS_ATTENTION',
    'SUPPLEMENT_REQUESTED',
  ])
  .meta({ id: 'CaseStatus' });
export type CaseStatus = z.infer<typeof CaseStatus>;
/**
 * NEEDS_ATTENTION: a workflow step failed after its retries; the case is kept and shown first to staff.
 * SUPPLEMENT_REQUESTED: pre-review asked the citizen to correct fields of the form; the case waits for them.
 */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'NEEDS_ATTENTION',
  'BOOKED',
  'SUBMITTED',
  'PRE_REVIEW',
  'SUPPLEMENT_REQUESTED',
  'CHECKING',
  'MANUAL_REVIEW',
  'SEALING',
];

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
    health: DepartmentResult.optional().meta({
      description:
        '卫健 (the health commission: the one-child parents’ retirement reward). Present only where the city takes part, once checked: ' +
        '`PASS` with the reward in `details`, or `NOT_APPLICABLE`.',
    }),
  })
  .meta({ id: 'Departments' });
export type Departments = z.infer<typeof Departments>;

/** A promised time (承诺时限) as it stands today, counted in working days of the official calendar. */
export const Sla = z
  .strictObject({
    stage: z.enum(['pre-review', 'manual', 'case']).meta({ description: 'The stage a person works on now, else the whole case (from submission).' }),
    startedOn: IsoDate,
    dueDate: IsoDate.meta({ description: 'Never a non-working day; later by one working day for each working day the citizen was asked to act.' }),
    workingDaysAllowed: z.int().min(0),
    workingDaysLeft: z.int().meta({ description: 'Negative once past the due date; frozen while PAUSED.' }),
    state: z.enum(['ON_TIME', 'DUE_SOON', 'OVERDUE', 'PAUSED']),
    caseDueDate: IsoDate.meta({ description: 'The promised completion date of the whole case (承诺办结日期).' }),
    provisional: z
      .literal(true)
      .optional()
      .meta({
        description:
          'Present when these dates count days of a year whose official holiday notice (国务院办公厅节假日安排通知) is not out yet: ' +
          'counted on the statutory holidays of 全国年节及纪念日放假办法 only, so they may still move when the notice comes.',
      }),
  })
  .meta({ id: 'Sla' });
export type Sla = z.infer<typeof Sla>;

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
    sla: Sla.optional().meta({ description: 'Absent until the form is sent, and for a case withdrawn or expired.' }),
    supplement: SupplementView.optional().meta({ description: 'What pre-review asked the citizen to correct, and by when (the latest request).' }),
    departments: Departments,
    timeline: z.array(TimelineEntry),
    documents: z.array(DocumentRef),
    rating: Rating.optional().meta({ description: 'The citizen’s 好差评 of the completed case, once given.' }),
    nextSteps: NextSteps.optional().meta({
      description: 'Once decided: the pension, duties and payouts of an approval; the reasons and appeal route of a refusal.',
    }),
    appointment: Appointment.optional().meta({ description: 'A window booking: the centre, its address, the time, and a calendar event.' }),
    callback: Callback.optional().meta({ description: 'While a person works the case: whose staff may phone, and on which number.' }),
    appliedBy: AppliedByView.optional().meta({ description: 'Who applied: the person, the employer (单位经办) or an authorised agent (代办).' }),
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
