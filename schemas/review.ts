import { z } from 'zod';
import { Channel } from './booking.ts';
import { Attention, CaseStatus } from './case.ts';
import { CaseNumber, Instant, IsoDate, ifThen, Text } from './common.ts';
import { DepartmentKey, Outcome } from './department-result.ts';

/** A staff decision that resumes a waiting workflow. */
export const ReviewRequest = z
  .strictObject({
    stage: z.enum(['pre-review', 'manual']),
    department: DepartmentKey.optional(),
    outcome: z.enum(['PASS', 'FAIL']),
    note: Text({ max: 2000, blankMessage: 'a reason is required' }),
  })
  // functions/api/submit-review.ts refuses a department on a pre-review decision; the document says so too.
  .meta({ id: 'ReviewRequest', ...ifThen({ stage: 'pre-review' }, { not: { required: ['department'] } }) });
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const StaffQueueQuery = z.strictObject({
  status: CaseStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  // Digits only: z.coerce.number would read '' (an empty `dueWithinDays=`) as 0, and '1e2' or '0x10' as numbers.
  dueWithinDays: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number of days')
    .transform(Number)
    .pipe(z.int().min(0).max(3650))
    .optional(),
});

/** One line of the staff work queue (GET /v1/staff/cases); the applicant is masked even for staff. */
export const StaffQueueItem = z
  .strictObject({
    caseNumber: CaseNumber,
    status: CaseStatus,
    deadline: IsoDate.meta({ description: 'The application deadline of the booking.' }),
    overdue: z.boolean(),
    channel: Channel,
    applicant: z.strictObject({
      name: z.string().meta({ description: 'Masked: the surname character only.', example: '陈**' }),
      idNumber: z.string().meta({ description: 'Masked: first 6 and last 4 characters visible.', example: '110101********2947' }),
    }),
    waitingFor: z.array(DepartmentKey).meta({ description: 'Departments whose outcome is MANUAL and wait for a staff decision.' }),
    updatedAt: Instant,
    attention: Attention.optional().meta({ description: 'Present when NEEDS_ATTENTION: the step that failed and its error.' }),
  })
  .meta({ id: 'StaffQueueItem' });
export type StaffQueueItem = z.infer<typeof StaffQueueItem>;

/** 202 answer to POST /v1/staff/cases/{caseNumber}/reviews: the decision is recorded and the workflow resumes. */
export const ReviewResponse = z
  .strictObject({
    caseNumber: CaseNumber,
    stage: ReviewRequest.shape.stage,
    outcome: ReviewRequest.shape.outcome,
    recordedAt: Instant,
  })
  .meta({ id: 'ReviewResponse' });
export type ReviewResponse = z.infer<typeof ReviewResponse>;

/** Ask a department again whose system could not answer (its result is MANUAL with DEPARTMENT_UNAVAILABLE). */
export const RecheckRequest = z.strictObject({ department: DepartmentKey }).meta({ id: 'RecheckRequest' });
export type RecheckRequest = z.infer<typeof RecheckRequest>;

/** 202 answer to POST /v1/staff/cases/{caseNumber}/rechecks: the department's fresh answer is on the case. */
export const RecheckResponse = z
  .strictObject({
    caseNumber: CaseNumber,
    department: DepartmentKey,
    outcome: Outcome.meta({ description: 'The fresh answer.' }),
    resumed: z.boolean().meta({ description: 'True when no department waits for a person any more and the workflow goes on.' }),
    recordedAt: Instant,
  })
  .meta({ id: 'RecheckResponse' });
export type RecheckResponse = z.infer<typeof RecheckResponse>;

/** One access to a case, as the audit trail keeps it (GET /v1/staff/cases/{caseNumber}/audit). */
export const AuditEntry = z
  .strictObject({
    at: Instant,
    actor: z.string().meta({ description: 'Who: staff id, system account, or citizen:<ID number>.' }),
    role: z.string(),
    action: z.string().meta({ description: 'What, e.g. read-case, submit-application, review:manual; `:denied` when refused.' }),
    requestId: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
