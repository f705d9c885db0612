import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { keys, PERSON_INDEX, PERSON_INDEX_ATTRIBUTES, PERSON_INDEX_KEY, STATUS_INDEX } from '../../functions/adapters/table-keys.ts';

const PERSON_GSI: GlobalSecondaryIndex = {
  IndexName: PERSON_INDEX,
  KeySchema: [
    { AttributeName: PERSON_INDEX_KEY.partition, KeyType: 'HASH' },
    { AttributeName: PERSON_INDEX_KEY.sort, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...PERSON_INDEX_ATTRIBUTES] },
};

const STATUS_GSI: GlobalSecondaryIndex = {
  IndexName: STATUS_INDEX,
  KeySchema: [
    { AttributeName: 'status', KeyType: 'HASH' },
    { AttributeName: 'queueKey', KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'KEYS_ONLY' },
};

/**
 * The case table as the CDK stack defines it (pk/sk, GSI byStatus on status + queueKey, keys only, GSI byPerson on
 * personKey + personSort). A data directory made before the person index gets it added, as CloudFormation
 * adds it to the deployed table; one made when the index was keyed on the generic idNumber + createdAt
 * gets it rebuilt on the dedicated keys. Either way the cases already there are given their index keys
 * (backfillPersonKeys), so they are found by the person they belong to. A data directory whose status index
 * copied whole items (projection ALL, before keys only) gets it rebuilt keys-only.
 */
export async function ensureTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    const person = indexes.find((i) => i.IndexName === PERSON_INDEX);
    if (person?.KeySchema?.[0]?.AttributeName !== PERSON_INDEX_KEY.partition) await rebuildIndex(client, table, PERSON_GSI, person !== undefined);
    else await indexActive(client, table, PERSON_INDEX);
    const status = indexes.find((i) => i.IndexName === STATUS_INDEX);
    if (status?.Projection?.ProjectionType !== 'KEYS_ONLY') await rebuildIndex(client, table, STATUS_GSI, status !== undefined);
    return;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'queueKey', AttributeType: 'S' },
        { AttributeName: PERSON_INDEX_KEY.partition, AttributeType: 'S' },
        { AttributeName: PERSON_INDEX_KEY.sort, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [STATUS_GSI, PERSON_GSI],
    }),
  );
}

/** Replaces an index of an existing table by `gsi` (drops the one there first, if any) and waits until it answers. */
async function rebuildIndex(client: DynamoDBClient, table: string, gsi: GlobalSecondaryIndex, exists: boolean): Promise<void> {
  const name = gsi.IndexName!;
  if (exists) {
    await client.send(new UpdateTableCommand({ TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }] }));
    await indexGone(client, table, name);
  }
  await client.send(
    new UpdateTableCommand({
      TableName: table,
      AttributeDefinitions: gsi.KeySchema!.map((k) => ({ AttributeName: k.AttributeName!, AttributeType: 'S' as const })),
      GlobalSecondaryIndexUpdates: [{ Create: gsi }],
    }),
  );
  await indexActive(client, table, name);
}

/** An added index fills from the items already there before it answers for them: wait until it is ACTIVE. */
async function indexActive(client: DynamoDBClient, table: string, index: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const found = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index);
    if (found?.IndexStatus === 'ACTIVE' && !found.Backfilling) return;
    if (Date.now() > deadline) throw new Error(`index ${index} of ${table} is still ${found?.IndexStatus ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function indexGone(client: DynamoDBClient, table: string, index: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (!Table?.GlobalSecondaryIndexes?.some((i) => i.IndexName === index)) return;
    if (Date.now() > deadline) throw new Error(`index ${index} of ${table} is still there after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const PERSON_KEYS_MIGRATION = 'person-index-keys';

/**
 * Gives every case stored before the dedicated index keys its personKey/personSort, once: each update is
 * conditional on the keys being absent (a case booked meanwhile already has them), and the migration's
 * marker is written only after the whole scan, so a start killed half-way scans again next time.
 */
export async function backfillPersonKeys(doc: DynamoDBDocumentClient, table: string): Promise<number> {
  const marker = await doc.send(new GetCommand({ TableName: table, Key: keys.migration(PERSON_KEYS_MIGRATION), ConsistentRead: true }));
  if (marker.Item) return 0;
  let filled = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'sk = :case AND attribute_not_exists(#person)',
        ExpressionAttributeNames: { '#person': PERSON_INDEX_KEY.partition },
        ExpressionAttributeValues: { ':case': 'CASE' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET #person = :id, #sort = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#person)',
            ExpressionAttributeNames: { '#person': PERSON_INDEX_KEY.partition, '#sort': PERSON_INDEX_KEY.sort },
            ExpressionAttributeValues: { ':id': item.idNumber, ':at': item.createdAt },
          }),
        );
        filled += 1;
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await doc.send(new PutCommand({ TableName: table, Item: { ...keys.migration(PERSON_KEYS_MIGRATION), filled } }));
  return filled;
}

export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}
