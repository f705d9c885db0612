import { z } from 'zod';
import { CaseNumber, Gender, Instant, IsoDate, IsoMonth, ReasonCode } from './common.ts';
import { Decision } from './case.ts';
import { RetirementType } from './application.ts';
import { DepartmentKey, Outcome } from './department-result.ts';

/** A sealed notice is only issued once every department has answered, so PENDING cannot appear. */
export const NoticeOutcome = Outcome.exclude(['PENDING']);
export type NoticeOutcome = z.infer<typeof NoticeOutcome>;

/**
 * `remedy` is what the citizen can do about it (办理建议). It is chosen by the caller, which knows the
 * policy, so the layout stays free of rules.
 */
export const NoticeReason = z.strictObject({
  code: ReasonCode,
  message: z.string().min(1).max(500),
  remedy: z.string().min(1).max(500).optional(),
});
export type NoticeReason = z.infer<typeof NoticeReason>;

/** Amounts are already formatted (e.g. "¥3,600.00"): the notice prints exactly what was decided. */
export const NoticeFigure = z.strictObject({ label: z.string().min(1).max(60), value: z.string().min(1).max(120) });
export type NoticeFigure = z.infer<typeof NoticeFigure>;

export const NoticeDepartment = z.strictObject({
  key: DepartmentKey,
  title: z.string().min(1).max(60),
  outcome: NoticeOutcome,
  reasons: z.array(NoticeReason).max(20),
  duties: z.array(z.string().min(1).max(300)).max(20),
  figures: z.array(NoticeFigure).max(20),
});
export type NoticeDepartment = z.infer<typeof NoticeDepartment>;

/** Everything printed on the 退休审批结果通知书; the ID number arrives already masked. */
export const NoticeData = z.strictObject({
  caseNumber: CaseNumber,
  documentId: z.string().min(1).max(64),
  issuedAt: Instant,
  applicant: z.strictObject({
    name: z.string().trim().min(1).max(50),
    idNumberMasked: z.string().regex(/^[\dX*]{18}$/, 'must be 18 characters of digits, X or *').refine(
      (s) => s.includes('*'),
      'must be masked',
    ),
    gender: Gender,
    birthDate: IsoDate,
  }),
  retirement: z.strictObject({ type: RetirementType, requestedMonth: IsoMonth }),
  decision: Decision,
  departments: z
    .array(NoticeDepartment)
    .min(1)
    .max(4)
    .refine((ds) => new Set(ds.map((d) => d.key)).size === ds.length, 'each department at most once'),
  verifyUrl: z.url({ protocol: /^https?$/ }),
  issuer: z.string().min(1).max(100),
});
export type NoticeData = z.infer<typeof NoticeData>;
