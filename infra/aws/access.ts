/**
 * What each Lambda may touch, decided per handler module (least privilege). A module missing here
 * fails the synth on purpose: a new function's permissions are a decision, not a default.
 *
 * table: 'read'        GetItem/Query/BatchGet on the table and its GSI
 *        'read-audit'  read, plus PutItem only on `AUDIT#…` partitions (reads of a case are audited)
 *        'write'       read and write items
 * documents: 'probe'   HeadBucket only;  'read' GetObject;  'write' PutObject + GetObject (seal)
 * workflow: 'start' StartExecution, 'respond' SendTaskSuccess/Failure, 'describe' DescribeStateMachine
 * pki: GetObject on pki/* — the seal certificates and the seal CA the CA team keeps in the bucket
 *      (functions/sealing/kms-sealing-kit.ts); also gives SEAL_KMS_KEY_IDS, which that kit requires
 * sign: KMS Sign with the issuing bodies' seal keys (the seal step only)
 */
export interface Access {
  table?: 'read' | 'read-audit' | 'write';
  documents?: 'probe' | 'read' | 'write';
  workflow?: ReadonlyArray<'start' | 'respond' | 'describe'>;
  pki?: boolean;
  sign?: boolean;
}

/** Handlers under functions/api/, by module. */
export const API_ACCESS: Readonly<Record<string, Access>> = {
  health: { table: 'read', documents: 'probe', workflow: ['describe'] },
  openapi: {},
  eligibility: {},
  'service-centers': {},
  slots: { table: 'read' },
  'create-booking': { table: 'write', workflow: ['start'] },
  prefill: { table: 'read-audit' },
  'submit-application': { table: 'write', workflow: ['respond'] },
  // The citizen withdraws a waiting case and resumes its workflow to end it.
  'withdraw-case': { table: 'write', workflow: ['respond'] },
  'get-case': { table: 'read-audit' },
  'get-document': { table: 'read-audit', documents: 'read' },
  // Server-sent progress of one case: polls the case record, holding a response up to 20 s.
  'case-events': { table: 'read-audit' },
  'staff-queue': { table: 'read' },
  'submit-review': { table: 'write', workflow: ['respond'] },
  // Supervisors read a case's audit trail; reading it is audited too.
  'case-audit': { table: 'read-audit' },
  // Public verification (the QR code on a sealed answer): the document record and the stored original.
  'verify-document': { table: 'read', documents: 'read', pki: true },
  // An uploaded PDF is checked against the recorded sha256 and the seal CA; the stored original is not needed.
  'verify-upload': { table: 'read', pki: true },
};

/** Handlers under functions/steps/, by module. Steps write their own case's items. */
export const STEP_ACCESS: Readonly<Record<string, Access>> = {
  // Resumes itself when the person already acted before the token was stored.
  'await-signal': { table: 'write', workflow: ['respond'] },
  'expire-case': { table: 'write' },
  'pre-review': { table: 'write' },
  'check-hr': { table: 'write' },
  'check-tax': { table: 'write' },
  'check-medical': { table: 'write' },
  'check-housing-fund': { table: 'write' },
  'record-unavailable': { table: 'write' },
  decide: { table: 'write' },
  'flag-overdue': { table: 'write' },
  seal: { table: 'write', documents: 'write', pki: true, sign: true },
  notify: { table: 'write' },
};
