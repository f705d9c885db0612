/** Single-table key layout. One place, so the store and the CDK GSI agree. */
export const keys = {
  case: (caseNumber: string) => ({ pk: `CASE#${caseNumber}`, sk: 'CASE' }),
  taskToken: (caseNumber: string, stage: string) => ({ pk: `CASE#${caseNumber}`, sk: `TOKEN#${stage}` }),
  openCaseLock: (idNumber: string) => ({ pk: `PERSON#${idNumber}`, sk: 'OPEN' }),
  slot: (slotId: string) => ({ pk: `SLOT#${slotId}`, sk: 'SLOT' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEM#${scope}#${key}`, sk: 'IDEM' }),
  document: (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'DOC' }),
  /** One seal run's claim on all the papers of a case it stores. */
  caseSealClaim: (caseNumber: string) => ({ pk: `CASE#${caseNumber}`, sk: 'SEALCLAIM' }),
  /** A claim on one paper, as seal runs of earlier releases (to 2026-12-07) wrote: still read, never written. */
  paperSealClaim: (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'CLAIM' }),
  audit: (caseNumber: string, at: string, requestId: string) => ({ pk: `AUDIT#${caseNumber}`, sk: `${at}#${requestId}` }),
  quota: (scope: string, subjectHash: string, windowStart: string) => ({ pk: `QUOTA#${scope}#${subjectHash}`, sk: windowStart }),
  healthProbe: (instanceId: string) => ({ pk: 'HEALTH#probe', sk: instanceId }),
  ratingStats: (shard: number) => ({ pk: `STATS#ratings#${shard}`, sk: 'STATS' }),
  feedback: (feedbackId: string) => ({ pk: `FEEDBACK#${feedbackId}`, sk: 'FEEDBACK' }),
  migration: (name: string) => ({ pk: `MIGRATION#${name}`, sk: 'DONE' }),
  /** The person's authorisation of one agent (代办授权): one per person and agent, a new one replaces it. */
  agency: (personIdNumber: string, agentIdNumber: string) => ({ pk: `AGENCY#${personIdNumber}`, sk: `AGENT#${agentIdNumber}` }),
};
export const STATUS_INDEX = 'byStatus';
/**
 * GSI of a person's own cases, newest first; projects only what the case list shows. Keyed on attributes of
 * its own that only a case record writes (personIndexKeys), so no other record kind that happens to carry an
 * `idNumber` or a `createdAt` enters the index or is refused by it for a key of the wrong type.
 */
export const PERSON_INDEX = 'byPerson';
export const PERSON_INDEX_KEY = { partition: 'personKey', sort: 'personSort' } as const;
/** The index keys of a case: the person it belongs to and when it was booked. */
export const personIndexKeys = (c: { idNumber: string; createdAt: string }) => ({ personKey: c.idNumber, personSort: c.createdAt });
/** The case attributes the person index carries besides its keys and the table's. */
export const PERSON_INDEX_ATTRIBUTES = ['caseNumber', 'status', 'decision', 'createdAt'] as const;
export const queueKey = (deadline: string, caseNumber: string) => `${deadline}#${caseNumber}`;
