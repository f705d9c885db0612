import { z } from 'zod';
import type { VerifyDocumentResponse } from '../../schemas/notice.ts';
import { maskCaseNumber } from '../domain/mask.ts';
import { storedDocumentValid } from '../sealing/verify-issued.ts';
import { runtime } from '../shared/runtime.ts';
import { httpHandler } from './http/handler.ts';
import { notFound } from './http/problem.ts';

const Params = z.object({ documentId: z.string() });

/**
 * Public: where the QR code on every page leads (through the /verify/{id} page). `valid` is decided now,
 * from the stored original — its bytes still hash to the record and its seal still verifies — not
 * copied from issuance time. Anything that is not an issued document's id is simply 404.
 */
export const handler = httpHandler({
  auth: 'public',
  params: Params,
  async handle({ params }) {
    if (!/^[A-Z0-9-]{1,64}$/.test(params.documentId)) throw notFound('The document');
    const rt = await runtime();
    const record = await rt.cases.getDocument(params.documentId);
    if (!record) throw notFound('The document');
    const [bytes, kit] = await Promise.all([rt.objects.get(record.s3Key), rt.sealing()]);
    const body: VerifyDocumentResponse = {
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
