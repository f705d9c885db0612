import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

/**
 * DynamoDB Local's jar has no host option and listens on every interface. `java/LoopbackDynamoDbLocal.java`
 * starts the same server from the same command line with its connector bound to 127.0.0.1. It is compiled
 * once against the bundled jar (javac: the JDK, which scripts/ensure-deps.sh installs) and kept in the user's
 * cache, keyed by the source and the jar, so a start costs no compilation (single-file `java X.java` would
 * compile on every start: ~0.9 s of CPU each time, and the tests start many stacks).
 */

export const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
const SOURCE = fileURLToPath(new URL(`java/${LAUNCHER_CLASS}.java`, import.meta.url));
const run = promisify(execFile);

/** Per user (never a shared /tmp directory another user could plant a class in). */
function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'retireone', 'dynamodb-launcher');
}

/** A writable cache: the user's, or (no writable home, as in some CI sandboxes) the stack's data directory. */
function writableRoot(fallback: string): string {
  for (const root of [cacheRoot(), join(fallback, 'dynamodb-launcher')]) {
    try {
      mkdirSync(root, { recursive: true, mode: 0o700 });
      return root;
    } catch {
      // try the next
    }
  }
  throw new Error(`no writable directory for the DynamoDB Local launcher (tried ${cacheRoot()} and ${fallback})`);
}

/** The directory holding the compiled launcher for this jar; compiles it when missing. */
export async function loopbackLauncher(jar: string, fallbackDir: string): Promise<string> {
  const source = readFileSync(SOURCE);
  const key = createHash('sha256').update(source).update('\0').update(jar).digest('hex').slice(0, 16);
  const root = writableRoot(fallbackDir);
  const dir = join(root, key);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
  // Compiled aside and renamed into place: two stacks starting at once never see half a class file.
  const scratch = mkdtempSync(join(root, 'build-'));
  try {
    await run('javac', ['--release', '17', '-nowarn', '-d', scratch, '-cp', jar, SOURCE]);
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'DynamoDB Local is started bound to 127.0.0.1 by a small Java launcher, which needs javac: install a JDK (openjdk-17-jdk-headless; scripts/ensure-deps.sh does)',
      );
    }
    throw new Error(`compiling ${SOURCE} failed: ${e.stderr ?? String(err)}`);
  }
  try {
    renameSync(scratch, dir);
  } catch {
    // Another start renamed its copy first; theirs is the same class.
    rmSync(scratch, { recursive: true, force: true });
  }
  return dir;
}
