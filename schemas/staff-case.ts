import { z } from 'zod';
import { Assignee } from './assignment.ts';
import { CaseView } from './case.ts';
import { CaseNumber, Instant, IsoDate, Reason } from './common.ts';
import { DepartmentKey } from './department-result.ts';
import { SupplementField } from './supplement.ts';

/** The applicant as staff first see them: masked (revealing the full details is a separate, audited request). */
export const MaskedApplicant = z
  .strictObject({
    name: z.string().meta({ example: '陈**' }),
    idNumber: z.string().meta({ example: '441900********0130' }),
    phone: z.string().meta({ example: '138****2947' }),
    address: z.string().optional().meta({ description: 'As on the form (absent before the form arrives).' }),
  })
  .meta({ id: 'MaskedApplicant' });

/** GET /v1/staff/cases/{caseNumber}/applicant: who the person is, in full; every call is on the audit trail. */
export const RevealedApplicant = z
  .strictObject({
    name: z.string(),
    idNumber: z.string(),
    phone: z.string(),
    address: z.string().optional(),
    bankAccount: z.strictObject({ bankName: z.string(), accountNo: z.string() }).optional(),
  })
  .meta({ id: 'RevealedApplicant' });

/** GET /v1/staff/cases/{caseNumber}: everything staff decide from, personal numbers masked. */
export const StaffCaseDetail = z
  .strictObject({
    case: CaseView,
    applicant: MaskedApplicant,
    // Plain values, not the Application schema: masked numbers no longer match their patterns.
    form: z
      .record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))
      .optional()
      .meta({ description: 'The one form as sent (the latest, after a supplement): name, ID number, phone and account number masked.' }),
    preReview: z
      .strictObject({ outcome: z.enum(['PASS', 'MANUAL', 'FAIL']), reasons: z.array(Reason) })
      .optional()
      .meta({ description: 'What the automatic pre-review found.' }),
    reviews: z.array(
      z.strictObject({
        stage: z.enum(['pre-review', 'manual']),
        department: DepartmentKey.optional(),
        outcome: z.enum(['PASS', 'FAIL']),
        note: z.string(),
        staffId: z.string().optional(),
        at: Instant,
      }),
    ),
    supplements: z.array(
      z.strictObject({
        fields: z.array(SupplementField),
        dueDate: IsoDate,
        note: z.string(),
        requestedAt: Instant,
        requestedBy: z.string(),
        receivedAt: Instant.optional(),
      }),
    ),
    assignee: Assignee.optional(),
  })
  .meta({ id: 'StaffCaseDetail' });
export type StaffCaseDetail = z.infer<typeof StaffCaseDetail>;

/** GET /v1/staff/stats: the team's figures today. */
export const StaffStats = z
  .strictObject({
    byStatus: z.record(z.string(), z.int().min(0)).meta({ description: 'Cases per status, every status present.' }),
    overdue: z.int().min(0).meta({ description: 'Open cases past their promised time (working days).' }),
    dueSoon: z.int().min(0),
    onTimeRate: z.number().min(0).max(1).nullable().meta({ description: '按时办结率: completed cases finished within the promise; null before any.' }),
    medianWorkingDaysToComplete: z.number().min(0).nullable(),
    ratings: z.strictObject({ count: z.int().min(0), average: z.number().min(0).max(5).meta({ description: '1..5; 0 while nobody has rated.' }) }),
  })
  .meta({ id: 'StaffStats' });
export type StaffStats = z.infer<typeof StaffStats>;

/** One reminder for a staff member: a case they hold is due soon, or (supervisors) a case is overdue. */
export const StaffNotice = z
  .strictObject({
    caseNumber: CaseNumber,
    kind: z.enum(['due-soon', 'overdue']),
    stage: z.enum(['pre-review', 'manual', 'case']),
    dueDate: IsoDate,
    to: z.string().meta({ description: 'A staffId, `team` (nobody holds the case) or `supervisors`.' }),
    at: Instant,
  })
  .meta({ id: 'StaffNotice' });
export type StaffNotice = z.infer<typeof StaffNotice>;
export const StaffNoticeList = z.strictObject({ notices: z.array(StaffNotice) }).meta({ id: 'StaffNoticeList' });
