/**
 * `npm start`'s own entry point (infra/local/start.ts) as a child process on a data directory, for the tests that
 * kill the product with SIGKILL and start it again on the same data (tests/integration/restart.test.ts,
 * tests/integration/sms-restart.test.ts): a free port, start and wait for "listening on", kill -9 and wait for the exit.
 */
import { EMBEDDED_NODE_FLAGS } from '../../infra/local/node-flags.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defaultFixturesPath } from '../../infra/local/fixtures-loader.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The repo's demo records, whatever DEPARTMENT_FIXTURES says. */
const DEMO_FIXTURES = defaultFixturesPath({});

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ProductOptions {
  dataDir: string;
  port: number;
  /** How long the department stand-ins take to answer (slow ones keep a case in its checks, to kill it there). */
  latencyMs: number;
  clockToday?: string;
  /** Where the product's files are (a copy elsewhere); this checkout by default. */
  root?: string;
}

/** Starts the product and resolves once it listens; rejects if it exits first or does not listen within 60 s. */
export function startProduct(opts: ProductOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...EMBEDDED_NODE_FLAGS, 'infra/local/start.ts'], {
    cwd: opts.root ?? ROOT,
    env: {
      ...process.env,
      DATA_DIR: opts.dataDir,
      PORT: String(opts.port),
      CLOCK_TODAY: opts.clockToday ?? '2026-12-10',
      DEPARTMENT_LATENCY_MS: String(opts.latencyMs),
      DEPARTMENT_FIXTURES: DEMO_FIXTURES,
      LOG_LEVEL: 'error',
      // start.ts is npm start's entry without npm's default; these runs mint dev tokens.
      DEV_MODE: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start within 60 s: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/**
 * Starts the product on a port found free. Between finding it and the product binding it (a few seconds) another
 * socket may take it, which the product reports in one line; then another port is tried.
 */
export async function startProductOnFreePort(opts: Omit<ProductOptions, 'port'>): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { child: await startProduct({ ...opts, port }), port };
    } catch (err) {
      if (attempt >= 5 || !String((err as Error).message).includes(`port ${port} is already in use`)) throw err;
    }
  }
}

/** SIGKILL, as a crash or the OOM killer would, and the exit waited for. */
export async function kill9(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

/** SIGTERM, a clean stop, and the exit waited for. */
export async function stopProduct(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
