import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AgencyStore } from './agency-store.ts';
import { AuditStore } from './audit-store.ts';
import { BookingStore } from './booking-store.ts';
import { CaseStore } from './case-store.ts';
import { DocumentStore } from './document-store.ts';
import { FeedbackStore } from './feedback-store.ts';
import { HealthProbeStore } from './health-probe-store.ts';
import { IdempotencyStore } from './idempotency-store.ts';
import { OutboxStore } from './outbox-store.ts';
import { PersonCaseStore } from './person-case-store.ts';
import { StaffWorkStore } from './staff-work-store.ts';
import { RatingStore } from './rating-store.ts';
import { StaffNoticeStore } from './staff-notice-store.ts';
import { StatsStore } from './stats-store.ts';
import { TaskTokenStore } from './task-token-store.ts';
import { WebhookStore } from './webhook-store.ts';

/** Every store over the one case table, built in one place for both hostings. */
export function buildStores(db: DynamoDBDocumentClient, table: string) {
  return {
    cases: new CaseStore(db, table),
    bookings: new BookingStore(db, table),
    personCases: new PersonCaseStore(db, table),
    idempotency: new IdempotencyStore(db, table),
    documents: new DocumentStore(db, table),
    audit: new AuditStore(db, table),
    taskTokens: new TaskTokenStore(db, table),
    outbox: new OutboxStore(db, table),
    healthProbe: new HealthProbeStore(db, table),
    webhooks: new WebhookStore(db, table),
    staffWork: new StaffWorkStore(db, table),
    ratings: new RatingStore(db, table),
    feedback: new FeedbackStore(db, table),
    stats: new StatsStore(db, table),
    staffNotices: new StaffNoticeStore(db, table),
    agencies: new AgencyStore(db, table),
  };
}
export type Stores = ReturnType<typeof buildStores>;
