import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { findDynamoDbLocalJar, makeLocalDocumentClient, makeLocalDynamoClient, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { makeLocalS3Client, startS3Local } from '../../infra/local/s3-local.ts';
import { freePort } from '../support/product-process.ts';

const T = 60_000;
const tmpDirs: string[] = [];
function tempDataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'retireone-local-'));
  tmpDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

/** pids of DynamoDB Local Java processes serving this db path. */
function javaFor(dbPath: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('DynamoDBLocal.jar') && l.includes(dbPath) && l.includes('java'))
    .map((l) => Number.parseInt(l.trim(), 10));
}

/** Starts DynamoDB Local inside a separate Node process (the way `npm start` would). */
async function startInChild(dataDir: string) {
  const moduleUrl = new URL('../../infra/local/dynamodb-local.ts', import.meta.url).href;
  const script = `
    const { startDynamoDbLocal } = await import(${JSON.stringify(moduleUrl)});
    const d = await startDynamoDbLocal({ dataDir: ${JSON.stringify(dataDir)} });
    process.stdout.write(JSON.stringify({ pid: d.pid, dbPath: d.dbPath }) + '\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  const started = await new Promise<{ pid: number; dbPath: string }>((ok, fail) => {
    let buf = '';
    child.stdout.on('data', (b: Buffer) => {
      buf += b.toString();
      if (buf.includes('\n')) ok(JSON.parse(buf.split('\n')[0] as string));
    });
    child.once('exit', (code) => fail(new Error(`child exited early with ${code}`)));
  });
  return { child, started };
}

/** Watchdog shells still watching this Java pid. */
function watchdogsFor(javaPid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(`kill -0 ${javaPid} `));
}

async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

describe('DynamoDB Local', () => {
  it(
    'conditions, GSIs and transactions work; data survives a restart; stop leaves no Java behind',
    async () => {
      const dataDir = tempDataDir();
      const t0 = Date.now();
      let ddb = await startDynamoDbLocal({ dataDir });
      console.log(`DynamoDB Local answered after ${Date.now() - t0} ms`);
      let raw: DynamoDBClient = makeLocalDynamoClient(ddb.endpoint);
      let doc: DynamoDBDocumentClient = makeLocalDocumentClient(ddb.endpoint);

      await raw.send(
        new CreateTableCommand({
          TableName: 'cases',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'idNumber', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          GlobalSecondaryIndexes: [
            { IndexName: 'byIdNumber', KeySchema: [{ AttributeName: 'idNumber', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
          ],
        }),
      );

      const once = new PutCommand({
        TableName: 'cases',
        Item: { pk: 'CASE#RT20250301ABC123', idNumber: '441900196610120130', state: 'BOOKED' },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      await doc.send(once);
      await expect(doc.send(once)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });

      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'cases',
                Key: { pk: 'CASE#RT20250301ABC123' },
                UpdateExpression: 'SET #s = :n',
                ConditionExpression: '#s = :o',
                ExpressionAttributeNames: { '#s': 'state' },
                ExpressionAttributeValues: { ':n': 'SUBMITTED', ':o': 'BOOKED' },
              },
            },
            { Put: { TableName: 'cases', Item: { pk: 'FORM#RT20250301ABC123', idNumber: 'x' }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      // a transaction whose condition fails writes nothing
      await expect(
        doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: 'cases', Item: { pk: 'OTHER', idNumber: 'y' } } },
              { Put: { TableName: 'cases', Item: { pk: 'FORM#RT20250301ABC123' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        ),
      ).rejects.toMatchObject({ name: 'TransactionCanceledException' });
      expect((await doc.send(new GetCommand({ TableName: 'cases', Key: { pk: 'OTHER' } }))).Item).toBeUndefined();

      const byId = await doc.send(
        new QueryCommand({
          TableName: 'cases',
          IndexName: 'byIdNumber',
          KeyConditionExpression: 'idNumber = :i',
          ExpressionAttributeValues: { ':i': '441900196610120130' },
        }),
      );
      expect(byId.Items).toEqual([{ pk: 'CASE#RT20250301ABC123', idNumber: '441900196610120130', state: 'SUBMITTED' }]);

      const firstPid = ddb.pid;
      expect(javaFor(ddb.dbPath)).toEqual([firstPid]);
      raw.destroy();
      doc.destroy();
      await ddb.stop();
      await ddb.stop(); // idempotent
      expect(javaFor(ddb.dbPath)).toEqual([]);
      expect(await waitUntil(() => watchdogsFor(firstPid).length === 0, 3000)).toBe(true);

      ddb = await startDynamoDbLocal({ dataDir });
      raw = makeLocalDynamoClient(ddb.endpoint);
      doc = makeLocalDocumentClient(ddb.endpoint);
      const back = await doc.send(new GetCommand({ TableName: 'cases', Key: { pk: 'CASE#RT20250301ABC123' } }));
      expect(back.Item?.state).toBe('SUBMITTED');
      // the GSI survived too
      const again = await doc.send(
        new QueryCommand({ TableName: 'cases', IndexName: 'byIdNumber', KeyConditionExpression: 'idNumber = :i', ExpressionAttributeValues: { ':i': 'x' } }),
      );
      expect(again.Items).toHaveLength(1);
      raw.destroy();
      doc.destroy();
      await ddb.stop();
      expect(javaFor(ddb.dbPath)).toEqual([]);
    },
    T,
  );

  it.each([
    { signal: 'SIGKILL' as const, withinMs: 8000 },
    // no handler of its own: our hook must clean up and still let the process die by SIGTERM
    { signal: 'SIGTERM' as const, withinMs: 2000 },
  ])(
    '$signal to the Node parent leaves no orphaned Java process',
    async ({ signal, withinMs }) => {
      const dataDir = tempDataDir();
      const { child, started } = await startInChild(dataDir);
      expect(javaFor(started.dbPath)).toEqual([started.pid]);

      const exited = new Promise<NodeJS.Signals | null>((ok) => child.once('exit', (_code, sig) => ok(sig)));
      child.kill(signal);
      expect(await exited).toBe(signal);
      const t = Date.now();
      const gone = await waitUntil(() => javaFor(started.dbPath).length === 0, withinMs);
      console.log(`Java gone ${Date.now() - t} ms after ${signal} of its parent`);
      expect(gone).toBe(true);
    },
    T,
  );

  it(
    'a start kills an orphan named by the pid file before serving',
    async () => {
      const dataDir = tempDataDir();
      const dbPath = join(dataDir, 'dynamodb');
      mkdirSync(dbPath, { recursive: true });
      // An orphan as a crash without watchdog would leave it: detached, not ours to reap.
      const { jar, libDir } = findDynamoDbLocalJar();
      const orphan = spawn('java', [`-Djava.library.path=${libDir}`, '-jar', jar, '-disableTelemetry', '-sharedDb', '-dbPath', dbPath, '-port', '0'], {
        detached: true,
        stdio: 'ignore',
      });
      orphan.unref();
      writeFileSync(join(dataDir, 'dynamodb-local.pid'), `${orphan.pid}\n`);
      expect(await waitUntil(() => javaFor(dbPath).includes(orphan.pid as number), 5000)).toBe(true);

      const ddb = await startDynamoDbLocal({ dataDir });
      expect(javaFor(dbPath)).toEqual([ddb.pid]);
      await ddb.stop();
      expect(javaFor(dbPath)).toEqual([]);
    },
    T,
  );

  // Seen in CI: a port found free was taken (by another test's client socket) before Java bound it, and the
  // whole stack failed to start.
  it(
    'a free port taken before Java binds it is given up for another; a port asked for stays a failure',
    async () => {
      const taken = createServer();
      await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
      const takenPort = (taken.address() as AddressInfo).port;
      try {
        let offers = 0;
        const ddb = await startDynamoDbLocal({ dataDir: tempDataDir(), findFreePort: async () => (++offers === 1 ? takenPort : freePort()) });
        const raw = makeLocalDynamoClient(ddb.endpoint);
        await raw.send(new ListTablesCommand({}));
        raw.destroy();
        expect(offers).toBe(2);
        expect(ddb.port).not.toBe(takenPort);
        expect(javaFor(ddb.dbPath)).toEqual([ddb.pid]);
        await ddb.stop();

        const asked = tempDataDir();
        await expect(startDynamoDbLocal({ dataDir: asked, port: takenPort })).rejects.toThrow(/Address already in use/);
        expect(javaFor(join(asked, 'dynamodb'))).toEqual([]);
      } finally {
        taken.close();
      }
    },
    T,
  );
});

describe('s3rver', () => {
  it(
    'stores streamed and Buffer uploads byte-identical and keeps them across a restart',
    async () => {
      const dataDir = tempDataDir();
      let s3 = await startS3Local({ dataDir });
      let client = makeLocalS3Client(s3.endpoint);
      await client.send(new CreateBucketCommand({ Bucket: 'sealed-documents' }));
      const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

      const buf = randomBytes(300_000);
      await client.send(new PutObjectCommand({ Bucket: 'sealed-documents', Key: 'a/buffer.pdf', Body: buf, ContentType: 'application/pdf' }));

      const streamed = randomBytes(200_000);
      await client.send(
        new PutObjectCommand({
          Bucket: 'sealed-documents',
          Key: 'a/stream.bin',
          Body: Readable.from([streamed.subarray(0, 70_000), streamed.subarray(70_000)]),
          ContentLength: streamed.length,
        }),
      );

      const get = async (Key: string) => {
        const r = await client.send(new GetObjectCommand({ Bucket: 'sealed-documents', Key }));
        return r.Body!.transformToByteArray();
      };
      expect(sha(await get('a/buffer.pdf'))).toBe(sha(buf));
      expect(sha(await get('a/stream.bin'))).toBe(sha(streamed));

      client.destroy();
      await s3.stop();
      s3 = await startS3Local({ dataDir });
      client = makeLocalS3Client(s3.endpoint);
      expect(sha(await get('a/stream.bin'))).toBe(sha(streamed));
      client.destroy();
      await s3.stop();
    },
    T,
  );
});
