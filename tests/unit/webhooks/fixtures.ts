import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSecretBox } from '../../../functions/adapters/local-secret-box.ts';
import { WebhookStore, type StoredSubscription } from '../../../functions/adapters/webhook-store.ts';

export const TABLE = 'retireone-test';
export const CASE = 'RT20261124K3Q9MZ';
export const PLATFORM = 'platform:gov-portal';

export const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
export const secrets = localSecretBox(join(mkdtempSync(join(tmpdir(), 'retireone-secrets-')), 'secrets.key'));
const SEALED = await secrets.seal(SECRET, { subscription: 'wh_1' });

export const subscription = (over: Partial<StoredSubscription> = {}): StoredSubscription => ({
  id: 'wh_1',
  owner: PLATFORM,
  url: 'https://receiver.test/hooks',
  events: ['case.booked', 'case.submitted', 'case.status_changed'],
  secretSealed: SEALED,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const pending = () => ({ outcome: 'PENDING', reasons: [], details: {} });
const entry = (status: string, at: string) => ({ at, status, actor: PLATFORM, note: '' });

/** A stored case item as the table holds it (keys included), with a timeline of the given statuses. */
export function caseItem(statuses: string[]) {
  const timeline = statuses.map((s, i) => entry(s, `2026-11-24T0${i}:00:00.000Z`));
  return {
    pk: `CASE#${CASE}`,
    sk: 'CASE',
    caseNumber: CASE,
    idNumber: '441900196610120130',
    name: '陈志明',
    phone: '13810102947',
    channel: 'online',
    applicationDeadline: '2026-12-24',
    status: statuses.at(-1),
    createdAt: timeline[0]!.at,
    updatedAt: timeline.at(-1)!.at,
    timeline,
    departments: { hr: pending(), tax: pending(), medical: pending(), housingFund: pending() },
    reviews: {},
    documents: {},
    queueKey: `2026-12-24#${CASE}`,
  };
}

export function streamRecord(eventName: 'INSERT' | 'MODIFY', next: object, old?: object): DynamoDBRecord {
  return {
    eventName,
    dynamodb: {
      Keys: marshall({ pk: `CASE#${CASE}`, sk: 'CASE' }) as never,
      NewImage: marshall(next, { removeUndefinedValues: true }) as never,
      ...(old ? { OldImage: marshall(old, { removeUndefinedValues: true }) as never } : {}),
    },
  };
}

export const documentClient = () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
export const webhookStore = (db: DynamoDBDocumentClient) => ({ webhooks: new WebhookStore(db, TABLE), secrets });
