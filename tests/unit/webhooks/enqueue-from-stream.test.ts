import { BatchGetCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { enqueueFromStream } from '../../../functions/webhooks/enqueue-from-stream.ts';
import { CASE, caseItem, documentClient, streamRecord, subscription, TABLE, webhookStore } from './fixtures.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const rt = () => webhookStore(documentClient());

describe('enqueueFromStream (the stream-driven half of the webhook dispatch)', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: [{ pk: 'WEBHOOKS', sk: 'wh_1', ...subscription() }] });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
  });

  it('turns a new case into one delivery for the subscription of the platform that booked it, then moves the cursor', async () => {
    const n = await enqueueFromStream({ Records: [streamRecord('INSERT', caseItem(['BOOKED']))] }, rt());
    expect(n).toBe(1);
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.Item).toMatchObject({
      pk: `WHD#wh_1#evt_${CASE}_0`,
      subscriptionId: 'wh_1',
      body: { type: 'case.booked', data: { caseNumber: CASE, status: 'BOOKED' } },
    });
    expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
    const cursor = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(cursor.Key).toEqual({ pk: `CASE#${CASE}`, sk: 'WEBHOOK_CURSOR' });
    expect(cursor.ExpressionAttributeValues).toEqual({ ':n': 1 });
  });

  it('reads the cursors with a projection of the keys and `next` only (all its IAM grant allows on CASE# items)', async () => {
    await enqueueFromStream({ Records: [streamRecord('INSERT', caseItem(['BOOKED']))] }, rt());
    const read = ddb.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems![TABLE]!;
    expect(read.ProjectionExpression).toBe('pk, sk, #n');
    expect(read.ExpressionAttributeNames).toEqual({ '#n': 'next' });
  });

  it('ignores a change that left the timeline as it was, without touching the table', async () => {
    const same = caseItem(['BOOKED', 'SUBMITTED']);
    const n = await enqueueFromStream({ Records: [streamRecord('MODIFY', { ...same, queueKey: 'other' }, same)] }, rt());
    expect(n).toBe(0);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('takes the latest image of a case that changed twice in one batch, enqueueing from its cursor on', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ pk: `CASE#${CASE}`, sk: 'WEBHOOK_CURSOR', next: 1 }] } });
    const one = caseItem(['BOOKED']);
    const two = caseItem(['BOOKED', 'SUBMITTED']);
    const three = caseItem(['BOOKED', 'SUBMITTED', 'PRE_REVIEW']);
    const n = await enqueueFromStream({ Records: [streamRecord('MODIFY', two, one), streamRecord('MODIFY', three, two)] }, rt());
    expect(n).toBe(2);
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!.eventId)).toEqual([`evt_${CASE}_1`, `evt_${CASE}_2`]);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(1);
  });

  it('enqueues nothing for a platform that did not book the case', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ pk: 'WEBHOOKS', sk: 'wh_2', ...subscription({ id: 'wh_2', owner: 'platform:other' }) }] });
    expect(await enqueueFromStream({ Records: [streamRecord('INSERT', caseItem(['BOOKED']))] }, rt())).toBe(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('fails the batch (for Lambda to bisect and retry) when a stored image does not fit the case schema', async () => {
    const { caseNumber: _dropped, ...broken } = caseItem(['BOOKED']);
    await expect(enqueueFromStream({ Records: [streamRecord('INSERT', broken)] }, rt())).rejects.toThrow(/case image CASE#/);
  });
});
