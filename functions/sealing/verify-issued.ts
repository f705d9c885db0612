/**
 * Is this one of our documents, unchanged? Three things must hold: the signature checks, its certificate
 * chains to our seal CA, and the bytes are exactly those recorded when the document was issued. The
 * third catches a PDF signed with a genuine seal that was never issued (a test print, a leaked key's
 * forgery): it names a document id we do not have, or its hash differs from the one recorded.
 */
import { createHash } from 'node:crypto';
import type { VerifyReason } from '../../schemas/notice.ts';
import type { UploadVerification } from '../../schemas/verification.ts';
import { DOCUMENT_ID_KEY } from './seal-pdf.ts';
import { verifySealedPdf } from './verify-pdf.ts';

export interface IssuedRecord {
  documentId: string;
  sha256: string;
}

const ID_PATTERN = new RegExp(`/${DOCUMENT_ID_KEY}\\s*\\(([A-Z0-9-]{1,64})\\)`);

/** The document id our sealing wrote into the signature dictionary (inside the signed bytes). */
export function documentIdInPdf(pdf: Uint8Array): string | undefined {
  return ID_PATTERN.exec(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1'))?.[1];
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function verifyIssuedPdf(
  pdf: Uint8Array,
  trustedCaDer: Uint8Array[],
  findIssued: (documentId: string) => Promise<IssuedRecord | undefined>,
): Promise<UploadVerification & { reasons: VerifyReason[] }> {
  const seal = await verifySealedPdf(pdf, trustedCaDer);
  // The id is only worth looking up once the seal is proven ours; before that it is the uploader's claim.
  if (seal.reasons.length > 0) return { valid: false, reasons: seal.reasons as VerifyReason[] };
  const documentId = documentIdInPdf(pdf);
  const record = documentId ? await findIssued(documentId) : undefined;
  if (!record || record.sha256 !== sha256Hex(pdf)) return { valid: false, reasons: ['NOT_ISSUED'] };
  return { valid: true, documentId: record.documentId, reasons: [] };
}

/** The stored original of an issued document still verifies and still has its recorded hash. */
export async function storedDocumentValid(bytes: Uint8Array | undefined, record: IssuedRecord, trustedCaDer: Uint8Array[]): Promise<boolean> {
  if (!bytes || sha256Hex(bytes) !== record.sha256) return false;
  const seal = await verifySealedPdf(bytes, trustedCaDer);
  return seal.reasons.length === 0 && documentIdInPdf(bytes) === record.documentId;
}
