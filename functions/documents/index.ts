import type { DocumentBlock, DocumentField, IssuingBody, SealedDocumentData } from '../../schemas/notice.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { appliedByText } from '../domain/applicant.ts';
import { maskIdNumber } from '../domain/mask.ts';
import { DEFAULT_POLICY, type Policy } from '../domain/policy.ts';
import { applicantHeader, noticeDocument, NOTICE_TITLE } from './notice-document.ts';
import { healthRewardBlocks, housingFundBlocks, medicalConfirmedBlocks, medicalTopUpBlocks, pensionBlocks, rejectionBlocks } from './department-papers.ts';
import { noticeFromCase } from './notice.ts';
import { num } from './wording.ts';

export { noticeFromCase } from './notice.ts';

export const DOCUMENT_TITLES = {
  notice: NOTICE_TITLE,
  rejection: '不予批准通知',
  pension: '基本养老金核定表',
  medicalConfirmed: '医保退休待遇确认书',
  medicalTopUp: '医保补缴通知书',
  housingFund: '公积金提取及销户凭证',
  healthReward: '独生子女父母退休奖励核定通知',
} as const;

/**
 * Fixed slots, so an id names the same paper in every run: 01 the one-stop answer (approval or rejection),
 * 02 HR, 03 medical insurance, 04 housing fund, 05 health (卫健). A paper a case does not get leaves its number unused.
 */
const SLOT: Record<IssuingBody, string> = { 'one-stop': '01', hr: '02', medical: '03', 'housing-fund': '04', health: '05' };
export const documentIdFor = (caseNumber: string, body: IssuingBody) => `${caseNumber}-${SLOT[body]}`;

export interface DocumentsInput {
  issuedAt: string;
  verifyUrl(documentId: string): string;
  issuers: Readonly<Record<IssuingBody, string>>;
  policy?: Policy;
}

/**
 * Every sealed paper a decided case gets, as typed data: pure, from the case record alone, so the
 * documents and the API read the same figures. Approved: the one-stop notice, HR's pension determination,
 * medical insurance's confirmation or top-up notice, and — when the fund is withdrawn and closed — the
 * housing fund's withdrawal voucher, and — for a one-child parent where the city takes part — the health commission's
 * reward notice. Rejected: one 不予批准通知 naming every reason and its remedy.
 */
export function documentsFromCase(record: CaseRecord, input: DocumentsInput): SealedDocumentData[] {
  if (!record.decision || !record.application) throw new Error(`case ${record.caseNumber} has no decision to document`);
  const make = (body: IssuingBody, title: string, blocks: DocumentBlock[]): SealedDocumentData => {
    const documentId = documentIdFor(record.caseNumber, body);
    return {
      documentId,
      caseNumber: record.caseNumber,
      title,
      body,
      issuer: input.issuers[body],
      issuedAt: input.issuedAt,
      header: header(record),
      blocks,
      verifyUrl: input.verifyUrl(documentId),
    };
  };
  if (record.decision === 'REJECTED') return [make('one-stop', DOCUMENT_TITLES.rejection, rejectionBlocks(record))];

  const oneStopId = documentIdFor(record.caseNumber, 'one-stop');
  const docs = [
    noticeDocument(
      noticeFromCase(record, { documentId: oneStopId, issuedAt: input.issuedAt, verifyUrl: input.verifyUrl(oneStopId), issuer: input.issuers['one-stop'] }),
    ),
  ];
  const pension = pensionBlocks(record, input.policy ?? DEFAULT_POLICY);
  if (pension) docs.push(make('hr', DOCUMENT_TITLES.pension, pension));
  const medical = record.departments.medical;
  if (medical.outcome === 'CONDITIONAL') docs.push(make('medical', DOCUMENT_TITLES.medicalTopUp, medicalTopUpBlocks(medical)));
  else if (medical.outcome === 'PASS') docs.push(make('medical', DOCUMENT_TITLES.medicalConfirmed, medicalConfirmedBlocks(record, medical)));
  const fund = record.departments.housingFund;
  if (fund.outcome === 'PASS' && fund.details.closeAccount === true && (num(fund.details.withdrawalAmountFen) ?? 0) > 0) {
    docs.push(make('housing-fund', DOCUMENT_TITLES.housingFund, housingFundBlocks(record, fund)));
  }
  const health = record.departments.health;
  if (health?.outcome === 'PASS' && (num(health.details.rewardFen) ?? 0) > 0)
    docs.push(make('health', DOCUMENT_TITLES.healthReward, healthRewardBlocks(record, health)));
  return docs;
}

function header(record: CaseRecord): DocumentField[] {
  const app = record.application!;
  return applicantHeader({
    applicant: { name: app.applicant.name, idNumberMasked: maskIdNumber(record.idNumber), gender: app.applicant.gender, birthDate: app.applicant.birthDate },
    retirement: { type: app.retirement.type, requestedMonth: app.retirement.requestedMonth },
    appliedBy: appliedByText(record.appliedBy),
  });
}
