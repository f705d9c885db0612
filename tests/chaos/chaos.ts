/**
 * `npm run chaos`: drives CHAOS_CASES (300) cases through `npm start`'s own entry point, in a child process,
 * while it kills the product (SIGKILL, then starts it again on the same data), kills DynamoDB Local's Java
 * (the supervisor must restart it) and takes departments down and up. Then it waits for every case to
 * settle and counts. The last line on stdout is one JSON object:
 *   { cases, completed, lost, duplicatedDocuments, duplicatedMessages, stuck, kills, outages, wallSeconds }
 * Targets: lost, duplicatedDocuments, duplicatedMessages and stuck all 0.
 *
 * Env: CHAOS_CASES (300), CHAOS_CONCURRENCY (12), CHAOS_INTERVAL_MS (8000 between faults), CHAOS_SETTLE_MS
 * (240000 to settle after the last fault), DEPARTMENT_LATENCY_MS (50).
 */
import { EMBEDDED_NODE_FLAGS } from '../../infra/local/node-flags.ts';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { statutoryRetirement } from '../../functions/domain/retirement-age.ts';
import { makeLocalDocumentClient } from '../../infra/local/dynamodb-local.ts';
import { syntheticPeople } from '../bench/synthetic-people.ts';
import { dynamoDbLocalProcess } from '../support/dynamodb-process.ts';
import { freePort } from '../support/product-process.ts';
import { ApiClient, applicationFor } from '../integration/harness.ts';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TODAY = '2026-11-24';
const intEnv = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CASES = intEnv('CHAOS_CASES', 300);
const CONCURRENCY = intEnv('CHAOS_CONCURRENCY', 12);
const INTERVAL_MS = intEnv('CHAOS_INTERVAL_MS', 8000);
const SETTLE_MS = intEnv('CHAOS_SETTLE_MS', 240_000);
const LATENCY_MS = intEnv('DEPARTMENT_LATENCY_MS', 50);
const DEPARTMENTS = ['hr', 'tax', 'medical', 'housingFund', 'health'] as const;

const log = (msg: string) => process.stderr.write(`[chaos] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let lastDataDir: string | undefined;

class Product {
  child?: ChildProcess;
  readonly dataDir: string;
  readonly port: number;
  readonly fixtures: string;
  constructor(dataDir: string, port: number, fixtures: string) {
    this.dataDir = dataDir;
    this.port = port;
    this.fixtures = fixtures;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [...EMBEDDED_NODE_FLAGS, 'infra/local/start.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: this.dataDir,
        PORT: String(this.port),
        CLOCK_TODAY: TODAY,
        DEPARTMENT_FIXTURES: this.fixtures,
        DEPARTMENT_LATENCY_MS: String(LATENCY_MS),
        LOG_LEVEL: 'error',
        // start.ts is npm start's entry without npm's default; these runs mint dev tokens.
        DEV_MODE: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no start within 90 s: ${out.slice(-2000)}`)), 90_000);
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on('data', (d) => {
        out = (out + d).slice(-8000);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited ${code}: ${out.slice(-2000)}`));
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // The watchdog takes the orphaned Java down within a second; the next start also clears it.
    await sleep(1500);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Calls until an answer that is not "try again" (network error, 5xx, 429, 409 in progress). */
async function persist<T>(
  what: string,
  call: () => Promise<{ status: number; body: T }>,
  ok: (status: number) => boolean,
): Promise<{ status: number; body: T }> {
  const deadline = Date.now() + 10 * 60_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await call();
      if (ok(res.status)) return res;
      if (res.status < 500 && res.status !== 429 && !(res.status === 409 && (res.body as { title?: string })?.title === 'Request in progress')) {
        throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(`${what}:`)) throw err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: no answer within 10 minutes`);
    await sleep(Math.min(2000, 200 * (attempt + 1)));
  }
}

/** Stored objects of sealed documents: s3rver keeps each under `<dir>/<bucket>/<key>._S3rver_object`. */
function storedDocumentKeys(dataDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('._S3rver_object') && path.includes('/documents/'))
        out.push(path.slice(path.indexOf('/documents/') + 1, -'._S3rver_object'.length));
    }
  };
  const s3 = join(dataDir, 's3');
  if (existsSync(s3)) walk(s3);
  return out;
}

async function main() {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-chaos-'));
  lastDataDir = dataDir;
  const people = syntheticPeople(CASES);
  const fixtures = join(dataDir, 'chaos-people.json');
  writeFileSync(fixtures, JSON.stringify({ version: 1, description: 'chaos: generated, fictional', citizens: people }));
  const product = new Product(dataDir, await freePort(), fixtures);
  await product.start();
  const client = new ApiClient(`http://localhost:${product.port}`);
  log(`product up at ${product.port}, ${CASES} cases, ${CONCURRENCY} in flight`);

  let kills = 0;
  let outages = 0;
  let driving = true;
  const chaos = (async () => {
    const actions = ['department-outage', 'kill-dynamodb', 'kill-product'] as const;
    for (let i = 0; driving; i++) {
      await sleep(INTERVAL_MS);
      if (!driving) break;
      const action = actions[i % actions.length]!;
      try {
        if (action === 'kill-product') {
          await product.kill();
          await product.start();
          kills++;
        } else if (action === 'kill-dynamodb') {
          const java = dynamoDbLocalProcess(dataDir);
          if (java) {
            process.kill(java.pid, 'SIGKILL');
            kills++;
          }
        } else {
          const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
          const down = await client.request('PUT', `/v1/dev/departments/${dept}/faults`, { body: { mode: 'down' } });
          if (down.status === 200) {
            outages++;
            await sleep(Math.min(INTERVAL_MS, 20_000));
            await persist(
              'department up',
              () => client.request('PUT', `/v1/dev/departments/${dept}/faults`, { body: { mode: 'up' } }),
              (s) => s === 200,
            );
          }
        }
        log(`${action} (kills ${kills}, outages ${outages})`);
      } catch (err) {
        log(`${action} failed: ${err}`);
      }
    }
  })();

  const booked = new Map<string, { caseNumber: string; token: string }>();
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const p = people[next++]!;
      const token = (
        await persist(
          'token',
          () => client.request('POST', '/v1/dev/tokens', { body: { role: 'citizen', idNumber: p.idNumber } }),
          (s) => s === 200,
        )
      ).body.token as string;
      const booking = await persist(
        'booking',
        () =>
          client.request('POST', '/v1/bookings', {
            token,
            body: { idNumber: p.idNumber, name: p.name, phone: p.phone, channel: 'online' },
            headers: { 'Idempotency-Key': `chaos-${p.idNumber}` },
          }),
        (s) => s === 201,
      );
      const caseNumber = (booking.body as { caseNumber: string }).caseNumber;
      booked.set(p.idNumber, { caseNumber, token });
      const requestedMonth = statutoryRetirement(p.gender, p.birthDate, p.hr.originalRetirementAge).month;
      const form = applicationFor(p, { type: 'normal', requestedMonth, originalRetirementAge: 60 });
      await persist(
        `application of ${caseNumber}`,
        () => client.request('POST', `/v1/cases/${caseNumber}/application`, { token, body: form }),
        (s) => s === 202,
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  log(`all ${booked.size} cases booked and submitted; one more round of faults`);
  await sleep(INTERVAL_MS * 3);
  driving = false;
  await chaos;
  for (const dept of DEPARTMENTS) await client.request('PUT', `/v1/dev/departments/${dept}/faults`, { body: { mode: 'up' } }).catch(() => undefined);

  // Settle: every case must reach COMPLETED without anybody's help.
  const settleBy = Date.now() + SETTLE_MS;
  const views = new Map<string, any>();
  for (;;) {
    let open = 0;
    for (const [id, { caseNumber, token }] of booked) {
      if (views.get(id)?.status === 'COMPLETED') continue;
      const res = await client.request('GET', `/v1/cases/${caseNumber}`, { token }).catch(() => undefined);
      if (res?.status === 200) views.set(id, res.body);
      if (views.get(id)?.status !== 'COMPLETED') open++;
    }
    if (open === 0 || Date.now() > settleBy) break;
    log(`${open} cases still open`);
    await sleep(3000);
  }

  const settled = [...views.values()];
  const completed = settled.filter((v) => v.status === 'COMPLETED');
  const issuedKeys = new Set(completed.flatMap((v) => v.documents.map((d: any) => `documents/${v.caseNumber}/${d.documentId}/${d.sha256}.pdf`)));
  const strayObjects = storedDocumentKeys(dataDir).filter((k) => !issuedKeys.has(k)).length;
  const doubleCompletions = settled.filter((v) => v.timeline.filter((t: any) => t.status === 'COMPLETED').length > 1).length;

  // Messages: read the outbox straight from the table (DynamoDB Local of the still-running product).
  let duplicatedMessages = 0;
  const java = dynamoDbLocalProcess(dataDir);
  if (java) {
    const db = makeLocalDocumentClient(`http://127.0.0.1:${java.port}`);
    for (const v of settled) {
      const out = await db.send(
        new QueryCommand({
          TableName: 'retireone-cases',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `SMS#${v.caseNumber}` },
        }),
      );
      const texts = (out.Items ?? []).map((i) => String(i.text));
      duplicatedMessages += texts.length - new Set(texts).size;
      // Every message names its own case.
      duplicatedMessages += texts.filter((t) => !t.includes(v.caseNumber)).length;
    }
  } else {
    duplicatedMessages = Number.NaN;
  }
  await product.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const result = {
    cases: CASES,
    completed: completed.length,
    lost: CASES - booked.size + [...booked.keys()].filter((id) => !views.has(id)).length,
    duplicatedDocuments: strayObjects + doubleCompletions,
    duplicatedMessages,
    stuck: settled.length - completed.length,
    kills,
    outages,
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(result));
}

await main().catch((err: unknown) => {
  // The data directory stays for a look at what the product held when the run failed.
  console.error(`chaos run failed; its data directory is kept: ${lastDataDir ?? '(none yet)'}`);
  throw err;
});
