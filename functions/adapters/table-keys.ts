/** Single-table key layout. One place, so the store and the CDK GSI agree. */
export const keys = {
  case: (caseNumber: string) => ({ pk: `CASE#${caseNumber}`, sk: 'CASE' }),
  taskToken: (caseNumber: string, stage: string) => ({ pk: `CASE#${caseNumber}`, sk: `TOKEN#${stage}` }),
  openCaseLock: (idNumber: string) => ({ pk: `PERSON#${idNumber}`, sk: 'OPEN' }),
  slot: (slotId: string) => ({ pk: `SLOT#${slotId}`, sk: 'SLOT' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEM#${scope}#${key}`, sk: 'IDEM' }),
  document: (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'DOC' }),
  sealClaim: (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'CLAIM' }),
  audit: (caseNumber: string, at: string, requestId: string) => ({ pk: `AUDIT#${caseNumber}`, sk: `${at}#${requestId}` }),
  quota: (scope: string, subjectHash: string, windowStart: string) => ({ pk: `QUOTA#${scope}#${subjectHash}`, sk: windowStart }),
  healthProbe: (instanceId: string) => ({ pk: 'HEALTH#probe', sk: instanceId }),
  ratingStats: (shard: number) => ({ pk: `STATS#ratings#${shard}`, sk: 'STATS' }),
  feedback: (feedbackId: string) => ({ pk: `FEEDBACK#${feedbackId}`, sk: 'FEEDBACK' }),
  /** The person's authorisation of one agent (代办授权): one per person and agent, a new one replaces it. */
  agency: (personIdNumber: string, agentIdNumber: string) => ({ pk: `AGENCY#${personIdNumber}`, sk: `AGENT#${agentIdNumber}` }),
};
export const STATUS_INDEX = 'byStatus';
/** GSI of a person's own cases: idNumber, newest createdAt first; projects only what the case list shows. */
export const PERSON_INDEX = 'byPerson';
/** The case attributes the person index carries besides its keys and the table's. */
export const PERSON_INDEX_ATTRIBUTES = ['caseNumber', 'status', 'decision'] as const;
export const queueKey = (deadline: string, caseNumber: string) => `${deadline}#${caseNumber}`;
