import { z } from 'zod';
import { AppliedBy } from '../../schemas/applicant.ts';
import { Application } from '../../schemas/application.ts';
import { Assignee } from '../../schemas/assignment.ts';
import { Channel } from '../../schemas/booking.ts';
import { Attention, CaseStatus, Decision, Departments, DocumentRef, TimelineEntry } from '../../schemas/case.ts';
import { Reason } from '../../schemas/common.ts';
import { Rating } from '../../schemas/rating.ts';
import { DepartmentKey } from '../../schemas/department-result.ts';
import { SupplementField } from '../../schemas/supplement.ts';

/*
 * What the case table holds, as zod schemas: every record read back is parsed, not cast, so a record
 * written by an older or broken version fails loudly at the store instead of deep inside a step.
 * `z.object` (not strict) lets the table's own attributes (pk, sk, GSI keys) fall away.
 */

/** One supplement round (补正): what pre-review asked, by whom, and when the corrected form came. */
export const SupplementRecord = z.object({
  fields: z.array(SupplementField),
  dueDate: z.string(),
  note: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  receivedAt: z.string().optional(),
});
export type SupplementRecord = z.infer<typeof SupplementRecord>;

export const StaffReview = z.object({
  stage: z.enum(['pre-review', 'manual']),
  department: DepartmentKey.optional(),
  outcome: z.enum(['PASS', 'FAIL']),
  note: z.string(),
  actor: z.string(),
  /** The person who decided (absent on decisions recorded before staff ids). */
  staffId: z.string().optional(),
  at: z.string(),
});
export type StaffReview = z.infer<typeof StaffReview>;

export const StoredDocument = z.object({
  ...DocumentRef.shape,
  caseNumber: z.string(),
  s3Key: z.string(),
  sealedAt: z.string(),
  issuer: z.string(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;

/** The case as stored: the public view plus what the workflow and staff need. */
export const CaseRecord = z.object({
  caseNumber: z.string(),
  idNumber: z.string(),
  name: z.string(),
  phone: z.string(),
  channel: Channel,
  slot: z.object({ slotId: z.string(), serviceCenterId: z.string(), start: z.string(), end: z.string() }).optional(),
  applicationDeadline: z.string(),
  status: CaseStatus,
  decision: Decision.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  timeline: z.array(TimelineEntry),
  /** The four always; `health` only where the city takes part, once checked. */
  departments: z.object(Departments.shape),
  application: Application.optional(),
  /** Every supplement round, oldest first; the last one is the current request while SUPPLEMENT_REQUESTED. */
  supplements: z.array(SupplementRecord).optional(),
  /** The forms a supplement replaced, oldest first: what was corrected stays on the record. */
  previousApplications: z.array(Application).optional(),
  /** Who works the case: claimed by a pre-review officer or handed over by a supervisor. */
  assignee: Assignee.optional(),
  /** Deadline notices sent, by `<clock>:<kind>` (e.g. `pre-review:due-soon`): each goes once. */
  slaNotices: z.record(z.string(), z.string()).optional(),
  applicationHash: z.string().optional(),
  preReview: z.object({ outcome: z.enum(['PASS', 'MANUAL', 'FAIL']), reasons: z.array(Reason) }).optional(),
  reviews: z.record(z.string(), StaffReview),
  documents: z.record(z.string(), StoredDocument),
  overdue: z.object({ stage: z.string(), since: z.string() }).optional(),
  /** Set while NEEDS_ATTENTION; removed by a retry. */
  attention: Attention.optional(),
  /** How many times staff retried the case: names each retried execution uniquely. */
  retries: z.number().int().min(0).optional(),
  queueKey: z.string(),
  /** The workflow version the case started on (absent on cases booked before versions were recorded). */
  workflowVersion: z.string().optional(),
  /** The citizen's 好差评, written once after COMPLETED (functions/adapters/rating-store.ts). */
  rating: z.object(Rating.shape).optional(),
  /** Who applied (absent on cases booked before applicant kinds: the person's own). */
  appliedBy: AppliedBy.optional(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/** Parses one item read from the table; a record that does not fit names the case and the field. */
export function parseRecord<T>(schema: z.ZodType<T>, item: unknown, what: string): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`stored ${what} does not match its schema at ${issue?.path.join('.') || '$'}: ${issue?.message ?? 'invalid'}`);
}
