import { localSecretBox } from '../../functions/adapters/local-secret-box.ts';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo, Server } from 'node:net';
import { devTokenIssuer, DEV_ISSUER, type TokenVerifier, verifierByIssuer } from '../../functions/adapters/auth.ts';
import { systemClock } from '../../functions/adapters/clock.ts';
import { ObjectStore } from '../../functions/adapters/object-store.ts';
import { executionInput } from '../../functions/adapters/workflow.ts';
import { createDepartmentClient } from '../../functions/departments/client.ts';
import { localSigningKey } from '../../functions/departments/signing-key.ts';
import { loadOrCreateKey } from '../../functions/shared/local-key-file.ts';
import { ensureDevPki } from '../../functions/sealing/dev-pki.ts';
import { localSealSigner } from '../../functions/sealing/local-signer.ts';
import { logger } from '../../functions/shared/logger.ts';
import { runtimeOf, setRuntime, type Runtime, type SealingKit } from '../../functions/shared/runtime.ts';
import { OPEN_STATUSES } from '../../schemas/case.ts';
import { ISSUING_BODIES, ISSUING_BODY_NAMES } from '../../schemas/notice.ts';
import { startDepartmentStandinsThread, type RemoteStandins } from './department-standins-thread.ts';
import type { RateLimit } from './caller-rate-limit.ts';
import { dataDirProbe } from './data-dir-probe.ts';
import { deadlineSweeper } from './deadline-sweeper.ts';
import { webhookDispatcher } from './webhook-dispatcher.ts';
import { DEFAULT_MESSAGE_QUOTAS, type MessageQuotas } from '../../functions/shared/message-quotas.ts';
import { WriteFootprint } from './write-footprint.ts';
import { type DynamoDbLocal, makeLocalDocumentClient, makeLocalDynamoClient, startDynamoDbLocal } from './dynamodb-local.ts';
import { loadFixtures } from './fixtures-loader.ts';
import { createApiServer } from './http-server.ts';
import { startEmbeddedOidc, type EmbeddedOidc } from './oidc/embedded-oidc.ts';
import { siteConfig } from './site-config.ts';
import { localSmsSink, type SmsSink } from './sms-sink.ts';
import { smsDispatcher } from './sms-dispatcher.ts';
import { createRetirementsClient } from '../../functions/departments/retirements.ts';
import { staticFiles } from './static-files.ts';
import { backfillPersonKeys, ensureBucket, ensureTable } from './provision.ts';
import { makeLocalS3Client, startS3Local } from './s3-local.ts';
import { sealPool } from './seal-pool.ts';
import { LocalWorkflowEngine } from './workflow-engine.ts';
import { fileURLToPath } from 'node:url';

export interface LocalStackOptions {
  dataDir: string;
  port?: number;
  host?: string;
  fixturesPath: string;
  clockToday?: string;
  departmentLatencyMs?: number;
  devMode?: boolean;
  /** Shortens Retry pauses to one fixed pause (tests); the ASL's own backoff applies when unset. */
  retryIntervalMs?: number;
  /** Multiplies every Retry's pauses, keeping the ASL's backoff and jitter (tests of outages in scaled time). */
  retryTimeScale?: number;
  /** Shortens the timeouts of the waiting states (tests of expiry and overdue reviews). */
  waitTimeoutSeconds?: number;
  departmentTimeoutMs?: number;
  /** Another workflow definition than the product's (tests of a new workflow version). */
  workflowPath?: string;
  /** How often open cases with no running execution are started (default 60 s). */
  reconcileIntervalMs?: number;
  /** How often the webhook loop runs, and its first retry delay (doubling); tests make them short. */
  webhookIntervalMs?: number;
  webhookRetryBaseMs?: number;
  /** How often the deadline sweep runs (default a minute). */
  deadlineSweepIntervalMs?: number;
  /** How often the text-message outbox is drained (default a second; 0: only by hand, `textMessages.drain()`). */
  smsDrainIntervalMs?: number;
  /** How often the invitations and deadline reminders are written (default a minute; 0: only by hand). */
  smsJobsIntervalMs?: number;
  /**
   * False: the drain treats the local sink as a provider that cannot deduplicate (Amazon SNS, the AWS default), with
   * its lease and hand-over record, so `npm run cost` counts the writes the AWS hosting makes. True by default.
   */
  smsProviderDeduplicates?: boolean;
  /** Requests per caller on the local server (infra/local/caller-rate-limit.ts defaults otherwise). */
  rateLimit?: RateLimit;
  /** Tests set small quotas to reach them; the product's defaults otherwise. */
  messageQuotas?: MessageQuotas;
}

export interface LocalStack {
  baseUrl: string;
  /** The supervised DynamoDB Local (tests kill its Java process to see the product ride it out). */
  dynamo: DynamoDbLocal;
  engine: LocalWorkflowEngine;
  standins: RemoteStandins;
  runtime: Runtime;
  /** What each function wrote, by partition-key prefix (checked against the AWS roles' grants in tests). */
  writeFootprint: WriteFootprint;
  /** The local SMS gateway: what each phone would have received (sign-in codes, every stage's message, invitations). */
  sms: SmsSink;
  /** The text-message outbox drain and the invitation and reminder jobs (they also run on their own timers). */
  textMessages: ReturnType<typeof smsDispatcher>;
  /** The embedded OpenID Provider at `{baseUrl}/oidc`. */
  oidc: EmbeddedOidc;
  /** Starts the execution of every open case the engine is not running; returns how many it started. */
  reconcile(): Promise<number>;
  /** The webhook loop (it also runs on its own timer). */
  webhooks: { once(): Promise<void>; stop(): Promise<void> };
  /** The deadline sweep: due-soon reminders and overdue alerts (it also runs on its own timer). */
  deadlines: { once(): Promise<number>; stop(): Promise<void> };
  stop(): Promise<void>;
}

const TABLE = 'retireone-cases';
/** A NEEDS_ATTENTION case waits for a supervisor's retry; starting it again unasked would only fail again. */
const RESUMABLE = OPEN_STATUSES.filter((s) => s !== 'NEEDS_ATTENTION');
const BUCKET = 'retireone-documents';

/**
 * The parts that run beside the product, started at once. When one cannot start, the others that did are stopped
 * before the failure is thrown: a caller that catches it (the bench, a test) is not left with a JVM, a server and a
 * thread that keep its process alive.
 */
async function startedTogether<T extends readonly Stoppable[]>(starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return settled.map((r) => (r as PromiseFulfilledResult<T[number]>).value) as unknown as T;
  await stopAll(settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
  throw failed.reason;
}

interface Stoppable {
  stop(): Promise<void>;
}

/** Resolves once the server listens; rejects (instead of an uncaught 'error' event) when the port is taken. */
function listening(server: Server, port: number, host: string): Promise<void> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
}

/** Stops every part, each whatever the others do. */
const stopAll = (parts: readonly Stoppable[]) => Promise.allSettled(parts.map((p) => p.stop()));

/** The whole product on one machine: the same handlers and ASL as on AWS, with embedded stand-ins. */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(opts.dataDir);
  // No CloudWatch here: the product's metrics (functions/shared/metrics.ts) would only be JSON noise on stdout.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  // Nor X-Ray: Powertools Tracer stays off (it would outside Lambda anyway; this says so).
  process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
  // Cases, keys and documents are personal data: only this user may read them. The umask also covers
  // what DynamoDB Local and the S3 stand-in write, and an existing directory is tightened too.
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const records = loadFixtures(opts.fixturesPath);
  // The key department calls are signed with, generated at first start; the stand-ins hold the same (as a
  // department would hold the key agreed with the product).
  const departmentKeyFile = join(dataDir, 'keys', 'departments.key');
  const signingKey = localSigningKey(departmentKeyFile);
  const [dynamo, s3, standins] = await startedTogether([
    startDynamoDbLocal({ dataDir }),
    startS3Local({ dataDir }),
    startDepartmentStandinsThread({ records, latencyMs: opts.departmentLatencyMs ?? 0, signingKey: loadOrCreateKey(departmentKeyFile) }),
  ]);
  // Every part that runs once started, latest first: a start that fails at any later step stops them all before it
  // throws (a port already taken, a data directory it cannot write), as a start that fails beside them does above.
  const toStop: Stoppable[] = [dynamo, s3, standins];
  try {
    const s3Client = makeLocalS3Client(s3.endpoint);
    const db = makeLocalDocumentClient(dynamo.endpoint);
    await Promise.all([ensureTable(makeLocalDynamoClient(dynamo.endpoint), TABLE), ensureBucket(s3Client, BUCKET)]);
    await backfillPersonKeys(db, TABLE);
    const writeFootprint = new WriteFootprint();
    writeFootprint.watch(db);
    const pki = await ensureDevPki(join(dataDir, 'pki'));
    const devMode = opts.devMode !== false;
    const devTokens = devMode ? await devTokenIssuer(dataDir) : undefined;
    const sms = localSmsSink({ file: join(dataDir, 'sms-sink.jsonl') });
    const engine = new LocalWorkflowEngine({
      retryIntervalMs: opts.retryIntervalMs,
      retryTimeScale: opts.retryTimeScale,
      waitTimeoutSeconds: opts.waitTimeoutSeconds,
      dataDir,
      aslPath: opts.workflowPath,
    });
    toStop.unshift({ stop: async () => engine.stop() });
    const clock = systemClock(opts.clockToday);
    // One seal per issuing body, each with its own certificate from the one dev seal CA under DATA_DIR/pki.
    const sealer = sealPool(dataDir);
    toStop.unshift({ stop: () => sealer.close() });
    const sealing: SealingKit = {
      seals: Object.fromEntries(
        ISSUING_BODIES.map((body) => [
          body,
          { signer: localSealSigner(pki, body), issuer: `${body === 'one-stop' ? '退休一件事 ' : ''}${ISSUING_BODY_NAMES[body]}（开发环境）` },
        ]),
      ) as SealingKit['seals'],
      trustedCaDer: [pki.caCertDer],
      seal: sealer.seal,
    };

    const rt = runtimeOf(clock, db, TABLE, {
      objects: new ObjectStore(s3Client, BUCKET),
      workflow: engine,
      departments: createDepartmentClient({ baseUrl: standins.baseUrl, callingSystem: 'retireone-local', signingKey, timeoutMs: opts.departmentTimeoutMs }),
      // Until the server listens (the issuer names its port) no token is accepted; set below.
      tokens: { verify: () => Promise.reject(new Error('the OpenID Provider is not started yet')) },
      devTokens,
      ...(devTokens ? { faults: { set: (department, fault) => standins.setFault(department, fault) }, messages: sms } : {}),
      sealing: async () => sealing,
      secrets: localSecretBox(join(dataDir, 'keys', 'secrets.key')),
      // Each use is checked against the function's grant on AWS, as its writes are (tests/support/writes-outside-grants.ts).
      snapshots: writeFootprint.watchBox('snapshots', localSecretBox(join(dataDir, 'keys', 'snapshots.key'))),
      dataDir: dataDirProbe(opts.dataDir),
      messageQuotas: opts.messageQuotas ?? DEFAULT_MESSAGE_QUOTAS,
      allowLoopbackWebhooks: devMode,
      publicBaseUrl: '',
      instanceId: crypto.randomUUID(),
      exclusiveInstance: true,
    });
    setRuntime(rt);

    const pages = staticFiles(resolve(fileURLToPath(new URL('../../web', import.meta.url))));
    let oidc: EmbeddedOidc | undefined;
    let config: ReturnType<typeof siteConfig> | undefined;
    const server = createApiServer({
      devMode,
      rateLimit: opts.rateLimit,
      extra: async (req, res, url) => (await oidc?.handle(req, res, url)) || (await config?.(req, res, url)) || pages(req, res, url),
    });
    const stopServer = async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    };
    await listening(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
    toStop.unshift({ stop: stopServer });
    const { port } = server.address() as AddressInfo;
    const baseUrl = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : 'localhost'}:${port}`;
    rt.publicBaseUrl = process.env.PUBLIC_BASE_URL ?? baseUrl;
    oidc = await startEmbeddedOidc({ baseUrl, dataDir, citizens: records, devMode, sms });
    config = siteConfig({ issuer: oidc.issuer, devSignIn: devMode });
    // Dev mode accepts both the dev mint's tokens and the provider's; otherwise only the provider's, as AWS only the IdP's.
    const verifiers = new Map<string, TokenVerifier>([[oidc.issuer, oidc.verifier]]);
    if (devTokens) verifiers.set(DEV_ISSUER, devTokens.verifier);
    rt.tokens = verifierByIssuer(verifiers);

    /*
     * A restart loses no case: every open case's workflow starts again and its idempotent steps skip what is
     * done. The same runs every minute, for what a start cannot see: a booking whose execution never started
     * (booking and starting are two calls; the process may stop between them) or an execution that ended
     * without settling its case. The engine knows what it runs, and starting a running case is a no-op, so a
     * case gets one execution however often this runs.
     */
    let reconciling: Promise<number> | undefined;
    const reconcile = (): Promise<number> =>
      (reconciling ??= (async () => {
        let started = 0;
        for (const c of await rt.cases.listByStatus(RESUMABLE)) {
          if (engine.isRunning(c.caseNumber)) continue;
          await engine.startCase(c.caseNumber, executionInput(c.caseNumber, c.applicationDeadline, clock.now()), { version: c.workflowVersion });
          started++;
        }
        return started;
      })().finally(() => {
        reconciling = undefined;
      }));
    const resumed = await reconcile();
    if (resumed) logger.info({ resumed }, 'resumed open cases');
    const timer = setInterval(() => {
      reconcile()
        .then((started) => started && logger.warn({ started }, 'started open cases that had no execution'))
        .catch((err: unknown) => logger.error({ err }, 'reconcile failed'));
    }, opts.reconcileIntervalMs ?? 60_000);
    timer.unref();
    const deadlines = deadlineSweeper(rt, { intervalMs: opts.deadlineSweepIntervalMs ?? 60_000 });
    const webhooks = webhookDispatcher(rt, { intervalMs: opts.webhookIntervalMs ?? 1000, retryBaseMs: opts.webhookRetryBaseMs ?? 5000 });
    const textMessages = smsDispatcher(rt, {
      sender: opts.smsProviderDeduplicates === false ? { ...sms.sender, deduplicates: false } : sms.sender,
      hr: createRetirementsClient({ baseUrl: standins.baseUrl, callingSystem: 'retireone-local', signingKey, timeoutMs: opts.departmentTimeoutMs }),
      drainIntervalMs: opts.smsDrainIntervalMs ?? 1000,
      jobsIntervalMs: opts.smsJobsIntervalMs ?? 60_000,
    });

    let stopped = false;
    return {
      baseUrl,
      dynamo,
      engine,
      standins,
      runtime: rt,
      sms,
      writeFootprint,
      oidc,
      reconcile,
      webhooks,
      deadlines,
      textMessages,
      async stop() {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        await webhooks.stop();
        await deadlines.stop();
        await textMessages.stop();
        engine.stop();
        await stopServer();
        await Promise.allSettled([standins.stop(), s3.stop(), dynamo.stop(), sealer.close()]);
      },
    };
  } catch (err) {
    await stopAll(toStop);
    throw err;
  }
}
