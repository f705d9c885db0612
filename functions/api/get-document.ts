import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { notFound } from './http/problem.ts';

export const handler = httpHandler(operations.getDocument, {
  async handle({ params, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, `read-document:${params.documentId}`, requestId);
    const doc = record.documents?.[params.documentId];
    if (!doc) throw notFound('The document');
    const bytes = await rt.objects.get(doc.s3Key);
    if (!bytes) throw notFound('The document');
    return {
      status: 200,
      bytes,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${doc.documentId}.pdf"`,
        'x-content-sha256': doc.sha256,
      },
    };
  },
});
