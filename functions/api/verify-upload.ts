import { verifyIssuedPdf } from '../sealing/verify-issued.ts';
import { runtime } from '../shared/runtime.ts';
import { httpHandler } from './http/handler.ts';

/**
 * 4 MB, not more: API Gateway hands a binary body to Lambda base64-encoded (×4/3), and a synchronous
 * Lambda invocation carries at most 6 MB. Our documents are well under 100 KB.
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

/** Public: anyone holding a PDF (a bank, a court) learns whether it is one we issued, unchanged. */
export const handler = httpHandler({
  auth: 'public',
  rawBody: { contentType: 'application/pdf', maxBytes: MAX_UPLOAD_BYTES },
  async handle({ bytes }) {
    const rt = await runtime();
    const kit = await rt.sealing();
    const result = await verifyIssuedPdf(bytes!, kit.trustedCaDer, (id) => rt.cases.getDocument(id));
    return { status: 200, body: result };
  },
});
