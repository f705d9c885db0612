/**
 * Data directories made by earlier versions: one before the person index, one with the index keyed on the
 * generic `idNumber` + `createdAt`. Starting the product gives the table the index on its dedicated keys (as
 * CloudFormation adds it to the deployed table), the cases already there are given their index keys, and
 * they are found by the person they belong to. A record of another kind that carries an `idNumber` or a
 * numeric `createdAt` neither enters the index nor is refused by it. Both also had the status index copy whole
 * items: it is rebuilt with keys only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, type GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { PersonCaseStore } from '../../functions/adapters/person-case-store.ts';
import { makeLocalDocumentClient, makeLocalDynamoClient, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { backfillPersonKeys, ensureTable } from '../../infra/local/provision.ts';

const STATUS_GSI: GlobalSecondaryIndex = {
  IndexName: 'byStatus',
  KeySchema: [
    { AttributeName: 'status', KeyType: 'HASH' },
    { AttributeName: 'queueKey', KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
};
/** The person index as the previous version defined it, on the generic attributes. */
const GENERIC_PERSON_GSI: GlobalSecondaryIndex = {
  IndexName: 'byPerson',
  KeySchema: [
    { AttributeName: 'idNumber', KeyType: 'HASH' },
    { AttributeName: 'createdAt', KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['caseNumber', 'status', 'decision'] },
};

const PERSON = '441900196610120130';
const stored = {
  pk: 'CASE#RT20270101AAAAAA',
  sk: 'CASE',
  caseNumber: 'RT20270101AAAAAA',
  idNumber: PERSON,
  status: 'COMPLETED',
  decision: 'APPROVED',
  createdAt: '2027-01-01T01:00:00.000Z',
  name: '陈志明',
  queueKey: 'q',
};

describe.each([
  { before: 'no person index', indexes: [STATUS_GSI], extraAttributes: [] as string[] },
  { before: 'the person index on idNumber + createdAt', indexes: [STATUS_GSI, GENERIC_PERSON_GSI], extraAttributes: ['idNumber', 'createdAt'] },
])('a table made with $before', ({ indexes, extraAttributes }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-upgrade-'));
  let ddb: DynamoDbLocal | undefined;
  afterAll(async () => {
    await ddb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gets the index on its own keys at start, and finds the cases stored before', async () => {
    ddb = await startDynamoDbLocal({ dataDir });
    const raw = makeLocalDynamoClient(ddb.endpoint);
    const doc = makeLocalDocumentClient(ddb.endpoint);
    await raw.send(
      new CreateTableCommand({
        TableName: 'cases',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
          { AttributeName: 'queueKey', AttributeType: 'S' },
          ...extraAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes,
      }),
    );
    await doc.send(new PutCommand({ TableName: 'cases', Item: stored }));

    for (const _start of [1, 2]) {
      // A second start changes nothing.
      await ensureTable(raw, 'cases');
      await backfillPersonKeys(doc, 'cases');
    }
    const table = (await raw.send(new DescribeTableCommand({ TableName: 'cases' }))).Table!;
    expect(table.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(['byPerson', 'byStatus']);
    expect(table.GlobalSecondaryIndexes!.find((i) => i.IndexName === 'byPerson')!.KeySchema!.map((k) => k.AttributeName)).toEqual(['personKey', 'personSort']);

    const people = new PersonCaseStore(doc, 'cases');
    expect(await people.listFor(PERSON)).toEqual([
      { caseNumber: 'RT20270101AAAAAA', status: 'COMPLETED', decision: 'APPROVED', createdAt: '2027-01-01T01:00:00.000Z' },
    ]);
    // What the index holds of the case: its keys and what the list shows; no name, no form.
    const projected = await doc.send(
      new QueryCommand({
        TableName: 'cases',
        IndexName: 'byPerson',
        KeyConditionExpression: 'personKey = :id',
        ExpressionAttributeValues: { ':id': PERSON },
      }),
    );
    expect(Object.keys(projected.Items![0]!).sort()).toEqual(['caseNumber', 'createdAt', 'decision', 'personKey', 'personSort', 'pk', 'sk', 'status']);
    expect(await people.listFor('441900197108030169')).toEqual([]);

    // The status index that copied whole items is rebuilt with keys only, and still lists the case.
    expect(table.GlobalSecondaryIndexes!.find((i) => i.IndexName === 'byStatus')!.Projection).toEqual({ ProjectionType: 'KEYS_ONLY' });
    const byStatus = await doc.send(
      new QueryCommand({
        TableName: 'cases',
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'COMPLETED' },
      }),
    );
    expect(byStatus.Items!.map((i) => Object.keys(i).sort())).toEqual([['pk', 'queueKey', 'sk', 'status']]);

    // Another record kind with the generic names, a number among them, is stored and stays out of the index.
    await doc.send(new PutCommand({ TableName: 'cases', Item: { pk: 'OTHER#1', sk: 'OTHER', idNumber: PERSON, createdAt: 1_796_000_000_000 } }));
    expect(await people.listFor(PERSON)).toHaveLength(1);
  }, 120_000);
});
