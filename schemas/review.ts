import { z } from 'zod';
import { Assignee } from './assignment.ts';
import { Channel } from './booking.ts';
import { Attention, CaseStatus, Sla } from './case.ts';
import { CaseNumber, Instant, IsoDate, Text } from './common.ts';
import { SupplementRequest } from './supplement.ts';
import { DepartmentKey, Outcome } from './department-result.ts';

const ReviewNote = Text({ max: 2000, blankMessage: 'a reason is required' });

/*
 * A staff decision that resumes a waiting workflow, as a union on `stage` (and, at pre-review, on `outcome`) so
 * the document and the clients generated from it carry the rules: a pre-review decision is for the whole case
 * (no `department`), and only a pre-review may ask for a supplement, which then says what to correct.
 */
const PreReviewDecision = z
  .strictObject({ stage: z.literal('pre-review'), outcome: z.enum(['PASS', 'FAIL']), note: ReviewNote })
  .meta({ id: 'PreReviewDecision' });
const PreReviewSupplement = z
  .strictObject({ stage: z.literal('pre-review'), outcome: z.literal('SUPPLEMENT'), note: ReviewNote, supplement: SupplementRequest })
  .meta({ id: 'PreReviewSupplement', description: 'Ask the citizen to correct or complete fields of the form (补正); the note says why, in words they read.' });
const ManualDecision = z
  .strictObject({
    stage: z.literal('manual'),
    department: DepartmentKey.optional().meta({ description: 'The department decided; absent: every department waiting.' }),
    outcome: z.enum(['PASS', 'FAIL']),
    note: ReviewNote,
  })
  .meta({ id: 'ManualDecision' });

export const ReviewRequest = z
  .discriminatedUnion('stage', [z.discriminatedUnion('outcome', [PreReviewDecision, PreReviewSupplement]), ManualDecision])
  .meta({ id: 'ReviewRequest' });
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
    sla: Sla.optional().meta({ description: 'The promised time of the stage a person works on (or of the whole case), in working days.' }),
    assignee: Assignee.optional().meta({ description: 'Who works the case; absent: nobody claimed it yet.' }),
  })
  .meta({ id: 'StaffQueueItem' });
export type StaffQueueItem = z.infer<typeof StaffQueueItem>;

/** 202 answer to POST /v1/staff/cases/{caseNumber}/reviews: the decision is recorded and the workflow resumes. */
export const ReviewResponse = z
  .strictObject({
    caseNumber: CaseNumber,
    stage: z.enum(['pre-review', 'manual']),
    outcome: z.enum(['PASS', 'FAIL', 'SUPPLEMENT']),
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
    until: Instant.optional().meta({
      description: 'A polled read (the case page, its events): the first read of a window; reads by the same reader until this instant are covered by it.',
    }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
