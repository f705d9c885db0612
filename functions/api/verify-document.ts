import type { DocumentVerification } from '../../schemas/verification.ts';
import { maskCaseNumber } from '../domain/mask.ts';
import { storedDocumentValid } from '../sealing/verify-issued.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { notFound } from './http/problem.ts';

/**
 * Public: where the QR code on every page leads (through the /verify/{id} page). `valid` is decided now,
 * from the stored original — its bytes still hash to the record and its seal still verifies — not
 * copied from issuance time. A malformed id is 400; a well-formed id we never issued is 404.
 */
export const handler = httpHandler(operations.verifyDocumentById, {
  async handle({ params, rt }) {
    const record = await rt.documents.get(params.documentId);
    if (!record) throw notFound('The document');
    const [bytes, kit] = await Promise.all([rt.objects.get(record.s3Key), rt.sealing()]);
    // `title` is an addition to the contract's fields (the page shows which paper it is).
    const body: DocumentVerification = {
      documentId: record.documentId,
      valid: await storedDocumentValid(bytes, record, kit.trustedCaDer),
      sha256: record.sha256,
      sealedAt: record.sealedAt,
      issuer: record.issuer,
      caseNumberMasked: maskCaseNumber(record.caseNumber),
      title: record.title,
    };
    return { status: 200, body };
  },
});
