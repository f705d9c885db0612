import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverOnSchedule } from '../../../functions/webhooks/deliver-on-schedule.ts';
import { DELIVERY } from '../../../functions/webhooks/delivery-limits.ts';
import { CASE, documentClient, subscription, webhookStore } from './fixtures.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const rt = () => webhookStore(documentClient());
const due = (eventId: string) => ({
  pk: `WHD#wh_1#${eventId}`,
  sk: 'DELIVERY',
  subscriptionId: 'wh_1',
  eventId,
  body: { type: 'case.booked', timestamp: '2026-11-24T00:00:00.000Z', data: { caseNumber: CASE, status: 'BOOKED' } },
  attempts: 0,
  queuedAtMs: 1_000,
  status: 'WEBHOOK_PENDING',
  queueKey: `000000000001000#wh_1#${eventId}`,
});

/** The status index holds keys only: what the index query answers for these deliveries. */
const keysOf = (items: ReturnType<typeof due>[]) => ({ Items: items.map(({ pk, sk, status, queueKey }) => ({ pk, sk, status, queueKey })) });
/** Every delivery the table holds, read back by BatchGet as DynamoDB would. */
const table = new Map<string, ReturnType<typeof due>>();
const holding = (...items: ReturnType<typeof due>[]) => {
  for (const item of items) table.set(item.pk, item);
  return items;
};

describe('deliverOnSchedule (the scheduled half of the webhook dispatch)', () => {
  const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
  beforeEach(() => {
    ddb.reset();
    table.clear();
    ddb.on(BatchGetCommand).callsFake(async (input: { RequestItems: Record<string, { Keys: { pk: string }[] }> }) => ({
      Responses: Object.fromEntries(Object.entries(input.RequestItems).map(([name, { Keys }]) => [name, Keys.flatMap((k) => table.get(k.pk) ?? [])])),
    }));
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'WEBHOOKS' } }).resolves({ Items: [{ pk: 'WEBHOOKS', sk: 'wh_1', ...subscription() }] });
    ddb.on(UpdateCommand).resolves({});
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends what is due, signed per Standard Webhooks, and stops once a round finds nothing to deliver', async () => {
    ddb
      .on(QueryCommand, { IndexName: 'byStatus' })
      .resolvesOnce(keysOf(holding(due('evt_a'), due('evt_b'))))
      .resolves({ Items: [] });
    expect(await deliverOnSchedule(rt())).toBe(2);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://receiver.test/hooks');
    const headers = init.headers as Record<string, string>;
    expect(headers['webhook-id']).toBe('evt_a');
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    // Two claims and two settles; the third round's query found nothing.
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(4);
    expect(ddb.commandCalls(QueryCommand, { IndexName: 'byStatus' })).toHaveLength(2);
  });

  it('starts no round past its budget, however much is due', async () => {
    let i = 0;
    ddb.on(QueryCommand, { IndexName: 'byStatus' }).callsFake(async () => keysOf(holding(due(`evt_${i++}`))));
    let t = 0;
    const now = () => (t += 10_000);
    await deliverOnSchedule(rt(), now);
    // Each round reads the clock once; rounds begin only before budget − one attempt's timeout.
    expect(ddb.commandCalls(QueryCommand, { IndexName: 'byStatus' }).length).toBeLessThanOrEqual((DELIVERY.budgetMs - DELIVERY.attemptTimeoutMs) / 10_000);
  });

  it('ends the run when every receiver fails, leaving the deliveries due again later', async () => {
    fetchMock.mockImplementation(async () => new Response(null, { status: 500 }));
    ddb.on(QueryCommand, { IndexName: 'byStatus' }).resolves(keysOf(holding(due('evt_a'))));
    expect(await deliverOnSchedule(rt())).toBe(0);
    expect(ddb.commandCalls(QueryCommand, { IndexName: 'byStatus' })).toHaveLength(1);
    const settle = ddb.commandCalls(UpdateCommand)[1]!.args[0].input;
    expect(settle.ExpressionAttributeValues![':e']).toBe('answered 500');
  });

  it('sends nothing the index still lists but the table no longer holds as due (settled since the index was read)', async () => {
    const listed = due('evt_a');
    ddb
      .on(QueryCommand, { IndexName: 'byStatus' })
      .resolvesOnce(keysOf([listed]))
      .resolves({ Items: [] });
    holding({ ...listed, status: 'WEBHOOK_DELIVERED' });
    expect(await deliverOnSchedule(rt())).toBe(0);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
