import { ISSUING_BODIES } from '../../schemas/notice.ts';
import type { SealClaim } from '../adapters/document-store.ts';
import { documentsFromCase } from '../documents/index.ts';
import { CaseInput, stepHandler } from './step-handler.ts';
import { policyOn, retirementDate } from '../domain/policy.ts';

/**
 * Issues every sealed paper of the case, each under its issuing body's own seal, once. Document ids are
 * fixed per paper (`<case>-01` …), and the record of an issued document is written once: a re-run (or a
 * run that crashed half way) seals only the papers not yet recorded, and reports the same ids.
 * Signatures are not deterministic, so a second run's bytes differ from the first's: before uploading, a
 * run claims the document id for its bytes (document-store.ts claimSeal). Only the holder uploads; a run
 * that finds a claim whose object is already stored records that object and drops its own bytes; a claim
 * whose object never arrived is taken over once its holder is known gone. So no signed copy is ever stored
 * that is not the case's issued document (on AWS, Object Lock would keep a stray copy for years).
 */
/** Longer than a seal run may take (the seal Lambda's timeout is 120 s): a claim this old has no live holder. */
const STALE_CLAIM_MS = 150_000;

/** Retried by the workflow (TransientStoreError in the ASL's Retry): the holder is still storing its bytes. */
class SealClaimHeld extends Error {
  constructor(documentId: string) {
    super(`document ${documentId} is being sealed by another run`);
    this.name = 'TransientStoreError';
  }
}

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
    verifyUrl: (id) => `${rt.publicBaseUrl}${rt.verifyPagePath ?? '/verify/'}${encodeURIComponent(id)}`,
    issuers,
    // The pension estimate's wage base and months table are those of the retirement month (schemas/policy-rules.ts).
    policy: record.application ? policyOn(rt.rules, retirementDate(record.application.retirement.requestedMonth)) : rt.policy,
  });
  const stored = await Promise.all(
    papers
      .filter((data) => !issued[data.documentId])
      .map(async (data) => {
        const sealed = await kit.seal(data, signingTime);
        const s3Key = `documents/${caseNumber}/${data.documentId}/${sealed.sha256}.pdf`;
        const doc = {
          documentId: data.documentId,
          caseNumber,
          title: data.title,
          sha256: sealed.sha256,
          contentType: 'application/pdf' as const,
          s3Key,
          sealedAt: signingTime.toISOString(),
          issuer: data.issuer,
        };
        const now = Date.now();
        const stored = async (held: SealClaim) => (await rt.objects.get(held.document.s3Key)) !== undefined;
        const holderGone = (held: SealClaim) => held.owner !== rt.instanceId && (rt.exclusiveInstance || now - held.claimedAt > STALE_CLAIM_MS);
        const claim = await rt.documents.claimSeal(doc, rt.instanceId, now, async (held) => holderGone(held) && !(await stored(held)));
        if (claim.kind === 'held') {
          // Another run holds the id: its object, once stored, is the document; until then, try again later.
          if (await stored(claim.claim)) return claim.claim.document;
          throw new SealClaimHeld(data.documentId);
        }
        await rt.objects.put(s3Key, sealed.pdf, 'application/pdf', sealed.sha256);
        return doc;
      }),
  );
  // Recorded only once every object is stored: a record never points at bytes that are not there.
  await rt.documents.putAllOnce(caseNumber, stored);
  const ids = new Set([...Object.keys(issued), ...papers.map((p) => p.documentId)]);
  return { documentIds: [...ids].sort() };
});
