import { z } from 'zod';
import { DepartmentKey } from './department-result.ts';

/** A staff decision that resumes a waiting workflow. */
export const ReviewRequest = z
  .strictObject({
    stage: z.enum(['pre-review', 'manual']),
    department: DepartmentKey.optional(),
    outcome: z.enum(['PASS', 'FAIL']),
    note: z.string().trim().min(1, 'a reason is required').max(2000),
  });
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const StaffQueueQuery = z.strictObject({
  status: z.string().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});
