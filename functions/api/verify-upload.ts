import { verifyIssuedPdf } from '../sealing/verify-issued.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/** Public: anyone holding a PDF (a bank, a court) learns whether it is one we issued, unchanged. */
export const handler = httpHandler(operations.verifyUploadedPdf, {
  async handle({ bytes, rt }) {
    const kit = await rt.sealing();
    const result = await verifyIssuedPdf(bytes!, kit.trustedCaDer, (id) => rt.documents.get(id));
    return { status: 200, body: result };
  },
});
