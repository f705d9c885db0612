import { z } from 'zod';
import { CaseNumber, Instant } from './common.ts';

export const StaffId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a staff id: 1 to 64 letters, digits, dots, dashes or underscores')
  .meta({ description: 'The staff member (the `staffId` of their token).', example: 'zhang.wei' });

/** POST /v1/staff/cases/{caseNumber}/assignment: claim (one's own staffId) or, for a supervisor, hand over. */
export const AssignmentRequest = z.strictObject({ staffId: StaffId }).meta({ id: 'AssignmentRequest' });
export type AssignmentRequest = z.infer<typeof AssignmentRequest>;

export const Assignee = z
  .strictObject({
    staffId: StaffId,
    assignedAt: Instant,
    assignedBy: StaffId.meta({ description: 'Who claimed or handed it over.' }),
  })
  .meta({ id: 'Assignee' });
export type Assignee = z.infer<typeof Assignee>;

export const AssignmentResponse = z.strictObject({ caseNumber: CaseNumber, assignee: Assignee }).meta({ id: 'AssignmentResponse' });
