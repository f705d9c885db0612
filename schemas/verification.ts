import { z } from 'zod';
import { CaseNumber, Instant } from './common.ts';
import { VerifyReason } from './notice.ts';

/** Id of a sealed document, as printed on it and used in /v1/cases/{caseNumber}/documents/{documentId}. */
export const DocumentId = z.string().regex(/^[A-Z0-9-]{8,40}$/, 'is not a document id');

export const VerifyDocumentPathParams = z.strictObject({ documentId: DocumentId });

/** GET /v1/verify/{documentId}: what we issued under that id, for anyone holding the printed notice. */
export const DocumentVerification = z
  .strictObject({
    documentId: DocumentId,
    valid: z.boolean(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: 'SHA-256 of the issued PDF bytes, hex.' }),
    sealedAt: Instant,
    issuer: z.string(),
    caseNumberMasked: z.string().meta({ description: 'The case number with its middle hidden.' }),
    title: z.string().meta({ description: "The document's title, e.g. 退休审批结果通知书." }),
  })
  .meta({ id: 'DocumentVerification' });
export type DocumentVerification = z.infer<typeof DocumentVerification>;

/**
 * POST /v1/verify: a PDF checked byte for byte. Valid only when the signature checks, the certificate chains
 * to the seal CA, and the bytes are exactly what was issued.
 */
export const UploadVerification = z
  .strictObject({
    valid: z.boolean(),
    documentId: DocumentId.optional(),
    reasons: z.array(VerifyReason).meta({ description: 'Why it is not valid, as stable codes; empty when valid.' }),
  })
  .meta({ id: 'UploadVerification' });
export type UploadVerification = z.infer<typeof UploadVerification>;

/** Path parameters of a case's sealed document. */
export const CaseDocumentPathParams = z.strictObject({ caseNumber: CaseNumber, documentId: DocumentId });
