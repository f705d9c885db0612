import { sealNotice } from '../sealing/seal-pdf.ts';
import { noticeFromCase } from '../shared/notice-from-case.ts';
import { runtime } from '../shared/runtime.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

export const NOTICE_TITLE = '退休审批结果通知书';

/**
 * Issues the sealed answer once. The document id is derived from the case number, and the record of an
 * issued document is written once; a re-run finds it and issues nothing new. The object key carries the
 * hash, so two racing runs can never leave the stored bytes disagreeing with the recorded hash.
 */
export const handler = stepHandler('seal', CaseInput, async ({ caseNumber }) => {
  const rt = await runtime();
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  const issued = Object.keys(record.documents ?? {});
  if (issued.length > 0) return { documentIds: issued };
  if (!record.decision) throw new Error(`case ${caseNumber} has no decision to seal`);

  const documentId = `${caseNumber}-01`;
  const kit = await rt.sealing();
  const signingTime = rt.clock.now();
  const data = noticeFromCase(record, {
    documentId,
    issuedAt: signingTime.toISOString(),
    verifyUrl: `${rt.publicBaseUrl}/v1/verify/${documentId}`,
    issuer: kit.issuer,
  });
  const sealed = await sealNotice(data, kit.signer, { signingTime });
  const s3Key = `documents/${caseNumber}/${documentId}/${sealed.sha256}.pdf`;
  await rt.objects.put(s3Key, sealed.pdf, 'application/pdf', sealed.sha256);
  await rt.cases.putDocumentOnce({
    documentId,
    caseNumber,
    title: NOTICE_TITLE,
    sha256: sealed.sha256,
    contentType: 'application/pdf',
    s3Key,
    sealedAt: signingTime.toISOString(),
    issuer: kit.issuer,
  });
  return { documentIds: [documentId] };
});
