import { ISSUING_BODIES } from '../../schemas/notice.ts';
import type { CaseRecord, StoredDocument } from '../adapters/case-record.ts';
import { documentsFromCase } from '../documents/index.ts';
import { policyOn, retirementDate } from '../domain/policy.ts';
import { storeOnce } from './seal-claims.ts';
import type { Runtime } from '../shared/runtime.ts';
import { completeCase, completedOrRetry } from './complete-case.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/**
 * Issues every sealed paper of the case, each under its issuing body's own seal, once, and completes the case with
 * them (the citizen's message, the totals), so the sealed answer costs one write. Document ids are
 * fixed per paper (`<case>-01` …), and the record of an issued document is written once: a re-run (or a
 * run that crashed half way) seals only the papers not yet recorded, and reports the same ids.
 * Signatures are not deterministic, so the papers are stored under one claim of the case (seal-claims.ts).
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
    verifyUrl: (id) => `${rt.publicBaseUrl}${rt.verifyPagePath ?? '/verify/'}${encodeURIComponent(id)}`,
    issuers,
    // The pension estimate's wage base and months table are those of the retirement month (schemas/policy-rules.ts).
    policy: record.application ? policyOn(rt.rules, retirementDate(record.application.retirement.requestedMonth)) : rt.policy,
  });
  const sealed = await Promise.all(
    papers
      .filter((data) => !issued[data.documentId])
      .map(async (data) => {
        const { pdf, sha256 } = await kit.seal(data, signingTime);
        const doc: StoredDocument = {
          documentId: data.documentId,
          caseNumber,
          title: data.title,
          sha256,
          contentType: 'application/pdf',
          s3Key: `documents/${caseNumber}/${data.documentId}/${sha256}.pdf`,
          sealedAt: signingTime.toISOString(),
          issuer: data.issuer,
        };
        return { doc, pdf };
      }),
  );
  const ids = [...new Set([...Object.keys(issued), ...papers.map((p) => p.documentId)])].sort();
  // A case booked on the workflow version this deployment runs was booked after its code was deployed, so no seal of
  // an earlier release (which claimed each paper on its own, to 2026-12-07) can have run on it: its papers' claims of
  // that kind are not read (issue 13: one read a case fewer). Cases of earlier versions are read as before.
  const paperClaims = record.workflowVersion !== rt.workflow.version;
  if (sealed.length > 0) await storeOnce(rt, caseNumber, sealed, (stored) => recordAndComplete(rt, record, stored), { paperClaims });
  else await recordAndComplete(rt, record, []);
  return { documentIds: ids };
});

/**
 * The papers recorded and the case completed in one write (complete-case.ts). When that does not apply — a racing
 * run recorded a paper first, or the case is not in SEALING — the papers are recorded on their own, each first
 * record standing (putAllOnce), and the case is completed from what it now holds (completedOrRetry).
 */
async function recordAndComplete(rt: Runtime, record: CaseRecord, stored: StoredDocument[]): Promise<void> {
  if (record.status === 'COMPLETED' && stored.length === 0) return;
  if (record.status === 'SEALING' && (await completeCase(rt, record, stored))) return;
  if (stored.length > 0) await rt.documents.putAllOnce(record.caseNumber, stored);
  await completedOrRetry(rt, record.caseNumber);
}
