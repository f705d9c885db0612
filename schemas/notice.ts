import { z } from 'zod';
import { DEPARTMENT_NAMES, ONE_STOP_NAME } from './departments.ts';
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
  /** Who applied, as the papers name it: 本人申请, 单位经办 (unit, credit code, officer) or 委托代办 (agent, authorisation). */
  appliedBy: z.string().min(1).max(200).optional(),
  applicant: z.strictObject({
    name: z.string().trim().min(1).max(50),
    idNumberMasked: z
      .string()
      .regex(/^[\dX*]{18}$/, 'must be 18 characters of digits, X or *')
      .refine((s) => s.includes('*'), 'must be masked'),
    gender: Gender,
    birthDate: IsoDate,
  }),
  retirement: z.strictObject({ type: RetirementType, requestedMonth: IsoMonth }),
  decision: Decision,
  departments: z
    .array(NoticeDepartment)
    .min(1)
    .max(5)
    .refine((ds) => new Set(ds.map((d) => d.key)).size === ds.length, 'each department at most once'),
  verifyUrl: z.url({ protocol: /^https?$/ }),
  issuer: z.string().min(1).max(100),
});
export type NoticeData = z.infer<typeof NoticeData>;

/**
 * The bodies that seal documents, each with its own seal certificate (and, on AWS, its own KMS key —
 * infra/aws/signing-keys.ts uses the same names). Tax issues nothing of its own in this service; the health
 * commission seals its reward notice where the city takes part.
 */
export const IssuingBody = z.enum(['one-stop', 'hr', 'medical', 'housing-fund', 'health']);
export type IssuingBody = z.infer<typeof IssuingBody>;
export const ISSUING_BODIES = IssuingBody.options;

/** Colour intent of a cell or a decision; the layout maps it to ink. */
export const Tone = z.enum(['positive', 'warning', 'negative', 'info', 'muted', 'normal']);
export type Tone = z.infer<typeof Tone>;

export const DocumentField = z.strictObject({ label: z.string().min(1).max(60), value: z.string().min(1).max(200) });
export type DocumentField = z.infer<typeof DocumentField>;

const Heading = z.string().min(1).max(60);

/**
 * What a page can say, as data. Every sealed document is a title, header fields and a list of these
 * blocks; one layout module draws them all, so no document builds PDF by hand.
 */
export const DocumentBlock = z.discriminatedUnion('kind', [
  /** The answer, boxed and coloured (准予退休 / 不予批准 / 需补缴). */
  z.strictObject({ kind: z.literal('decision'), text: z.string().min(1).max(60), tone: Tone }),
  z.strictObject({ kind: z.literal('paragraph'), text: z.string().min(1).max(2000), tone: Tone.optional() }),
  /** Label–value pairs: the figures (amounts, months) exactly as decided, already formatted. */
  z.strictObject({ kind: z.literal('fields'), heading: Heading.optional(), fields: z.array(DocumentField).min(1).max(30) }),
  /** Numbered items: duties, or each reason with what the person can do about it. */
  z.strictObject({ kind: z.literal('list'), heading: Heading.optional(), items: z.array(z.string().min(1).max(600)).min(1).max(40) }),
  z.strictObject({
    kind: z.literal('table'),
    heading: Heading.optional(),
    /** Widths are shares of the content width; they must add up to 1. */
    columns: z
      .array(z.strictObject({ title: z.string().min(1).max(30), width: z.number().positive().max(1) }))
      .min(1)
      .max(6)
      .refine((cs) => Math.abs(cs.reduce((n, c) => n + c.width, 0) - 1) < 1e-6, 'column widths must add up to 1'),
    rows: z
      .array(
        z
          .array(z.strictObject({ lines: z.array(z.string().max(600)).min(1).max(40), tone: Tone.optional() }))
          .min(1)
          .max(6),
      )
      .min(1)
      .max(40),
  }),
]);
export type DocumentBlock = z.infer<typeof DocumentBlock>;

/** A sealed document: typed data in, one layout out (functions/documents/document-layout.ts). */
export const SealedDocumentData = z.strictObject({
  documentId: z.string().regex(/^[A-Z0-9-]{1,64}$/, 'document ids are upper-case letters, digits and dashes'),
  caseNumber: CaseNumber,
  title: z.string().min(1).max(40),
  body: IssuingBody,
  /** Printed and signed as the issuer, e.g. "东莞市医疗保障局". */
  issuer: z.string().min(1).max(100),
  issuedAt: Instant,
  header: z.array(DocumentField).max(12),
  blocks: z.array(DocumentBlock).min(1).max(40),
  verifyUrl: z.url({ protocol: /^https?$/ }),
});
export type SealedDocumentData = z.infer<typeof SealedDocumentData>;

/** How each body is named on its seal and in its certificate; a deployment prefixes its city. */
export const ISSUING_BODY_NAMES: Readonly<Record<IssuingBody, string>> = {
  'one-stop': ONE_STOP_NAME,
  hr: DEPARTMENT_NAMES.hr.body,
  medical: DEPARTMENT_NAMES.medical.body,
  'housing-fund': DEPARTMENT_NAMES.housingFund.body,
  health: DEPARTMENT_NAMES.health.body,
};

/** Why an uploaded PDF is not one we issued unchanged; one code per kind of failure (POST /v1/verify `reasons`). */
export const VerifyReason = z.enum([
  'NO_SIGNATURE',
  'SIGNATURE_INVALID',
  'DIGEST_MISMATCH',
  'BYTE_RANGE_INCOMPLETE',
  'UNTRUSTED_CERTIFICATE',
  /** Signed with our seal, but no issued document has these bytes (or it names no document of ours). */
  'NOT_ISSUED',
]);
export type VerifyReason = z.infer<typeof VerifyReason>;
