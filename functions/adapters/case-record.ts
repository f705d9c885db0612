import type { Application, CaseStatus, Channel, Decision, DepartmentKey, DepartmentResult, DocumentRef, Reason, TimelineEntry } from '../../schemas/index.ts';

export interface StaffReview {
  stage: 'pre-review' | 'manual';
  department?: DepartmentKey;
  outcome: 'PASS' | 'FAIL';
  note: string;
  actor: string;
  at: string;
}

export interface StoredDocument extends DocumentRef {
  caseNumber: string;
  s3Key: string;
  sealedAt: string;
  issuer: string;
}

/** The case as stored: the public view plus what the workflow and staff need. */
export interface CaseRecord {
  caseNumber: string;
  idNumber: string;
  name: string;
  phone: string;
  channel: Channel;
  slot?: { slotId: string; serviceCenterId: string; start: string; end: string };
  applicationDeadline: string;
  status: CaseStatus;
  decision?: Decision;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  departments: Record<DepartmentKey, DepartmentResult>;
  application?: Application;
  applicationHash?: string;
  preReview?: { outcome: 'PASS' | 'MANUAL' | 'FAIL'; reasons: Reason[] };
  reviews: Record<string, StaffReview>;
  documents: Record<string, StoredDocument>;
  overdue?: { stage: string; since: string };
  queueKey: string;
}
