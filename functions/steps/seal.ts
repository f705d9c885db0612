import { ISSUING_BODIES } from '../../schemas/notice.ts';
import { documentsFromCase } from '../documents/index.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/**
 * Issues every sealed paper of the case, each under its issuing body's own seal, once. Document ids are
 * fixed per paper (`<case>-01` …), and the record of an issued document is written once: a re-run (or a
 * run that crashed half way) seals only the papers not yet recorded, and reports the same ids. The object
 * key carries the hash, so two racing runs can never leave the stored bytes disagreeing with the recorded
 * hash; the loser's object is an unreferenced copy (on AWS, Object Lock keeps it until retention ends).
 */
export const handler = stepHandler('seal', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  if (!record.decision) throw new Error(`case ${caseNumber} has no decision to seal`);
  const issued = record.documents ?? {};

  const kit = await rt.sealing();
  const signingTime = rt.clock.now();
  const issuers = Object.fromEntries(ISSUING_BODIES.map((b) => [b, kit.seals[b].issuer])) as Record<(typeof ISSUING_BODIES)[number], string>;
  const papers = documentsFromCase(record, {
    issuedAt: signingTime.toISOString(),
    verifyUrl: (id) => `${rt.publicBaseUrl}/verify/${encodeURIComponent(id)}`,
    issuers,
    policy: rt.policy,
  });
  const stored = await Promise.all(
    papers
      .filter((data) => !issued[data.documentId])
      .map(async (data) => {
        const sealed = await kit.seal(data, signingTime);
        const s3Key = `documents/${caseNumber}/${data.documentId}/${sealed.sha256}.pdf`;
        await rt.objects.put(s3Key, sealed.pdf, 'application/pdf', sealed.sha256);
        return {
          documentId: data.documentId,
          caseNumber,
          title: data.title,
          sha256: sealed.sha256,
          contentType: 'application/pdf' as const,
          s3Key,
          sealedAt: signingTime.toISOString(),
          issuer: data.issuer,
        };
      }),
  );
  // Recorded only once every object is stored: a record never points at bytes that are not there.
  await rt.documents.putAllOnce(caseNumber, stored);
  const ids = new Set([...Object.keys(issued), ...papers.map((p) => p.documentId)]);
  return { documentIds: [...ids].sort() };
});
