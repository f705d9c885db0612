/**
 * A data directory made before the person index: starting the product adds the index to the table (as a
 * CloudFormation update adds it on AWS) and the cases already there are found by the person they belong to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { PersonCaseStore } from '../../functions/adapters/person-case-store.ts';
import { makeLocalDocumentClient, makeLocalDynamoClient, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { ensureTable } from '../../infra/local/provision.ts';

describe('the person index on a table made before it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-upgrade-'));
  let ddb: DynamoDbLocal | undefined;
  afterAll(async () => {
    await ddb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is added at start, and finds the cases stored before', async () => {
    ddb = await startDynamoDbLocal({ dataDir });
    const raw = makeLocalDynamoClient(ddb.endpoint);
    const doc = makeLocalDocumentClient(ddb.endpoint);
    // The table as the previous version provisioned it: only the status index.
    await raw.send(
      new CreateTableCommand({
        TableName: 'cases',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
          { AttributeName: 'queueKey', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byStatus',
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'queueKey', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const stored = {
      pk: 'CASE#RT20270101AAAAAA',
      sk: 'CASE',
      caseNumber: 'RT20270101AAAAAA',
      idNumber: '441900196610120130',
      status: 'COMPLETED',
      decision: 'APPROVED',
      createdAt: '2027-01-01T01:00:00.000Z',
      name: '陈志明',
      queueKey: 'q',
    };
    await doc.send(new PutCommand({ TableName: 'cases', Item: stored }));

    await ensureTable(raw, 'cases');
    await ensureTable(raw, 'cases'); // a second start changes nothing
    const table = (await raw.send(new DescribeTableCommand({ TableName: 'cases' }))).Table!;
    expect(table.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(['byPerson', 'byStatus']);

    const found = await new PersonCaseStore(doc, 'cases').listFor('441900196610120130');
    expect(found).toEqual([{ caseNumber: 'RT20270101AAAAAA', status: 'COMPLETED', decision: 'APPROVED', createdAt: '2027-01-01T01:00:00.000Z' }]);
    // What the index holds of the case: the keys and what the list shows; no name, no form.
    const projected = await doc.send(
      new QueryCommand({
        TableName: 'cases',
        IndexName: 'byPerson',
        KeyConditionExpression: 'idNumber = :id',
        ExpressionAttributeValues: { ':id': stored.idNumber },
      }),
    );
    expect(Object.keys(projected.Items![0]!).sort()).toEqual(['caseNumber', 'createdAt', 'decision', 'idNumber', 'pk', 'sk', 'status']);
    expect(await new PersonCaseStore(doc, 'cases').listFor('441900197108030169')).toEqual([]);
  }, 60_000);
});
