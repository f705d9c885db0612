import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { PERSON_INDEX, PERSON_INDEX_ATTRIBUTES, STATUS_INDEX } from '../../functions/adapters/table-keys.ts';

const PERSON_GSI: GlobalSecondaryIndex = {
  IndexName: PERSON_INDEX,
  KeySchema: [
    { AttributeName: 'idNumber', KeyType: 'HASH' },
    { AttributeName: 'createdAt', KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...PERSON_INDEX_ATTRIBUTES] },
};

/**
 * The case table as the CDK stack defines it (pk/sk, GSI byStatus on status + queueKey, GSI byPerson on
 * idNumber + createdAt). A data directory made before the person index gets it added, as CloudFormation
 * adds it to the deployed table, and the index fills from the cases already there.
 */
export async function ensureTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (!Table?.GlobalSecondaryIndexes?.some((i) => i.IndexName === PERSON_INDEX)) {
      await client.send(
        new UpdateTableCommand({
          TableName: table,
          AttributeDefinitions: [
            { AttributeName: 'idNumber', AttributeType: 'S' },
            { AttributeName: 'createdAt', AttributeType: 'S' },
          ],
          GlobalSecondaryIndexUpdates: [{ Create: PERSON_GSI }],
        }),
      );
    }
    await indexActive(client, table, PERSON_INDEX);
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
        { AttributeName: 'idNumber', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: STATUS_INDEX,
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'queueKey', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        PERSON_GSI,
      ],
    }),
  );
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

export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}
