import { randomUUID } from 'node:crypto';
import { rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Below this the embedded stores (DynamoDB Local's database, the S3 stand-in) are about to fail writes. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

/**
 * Whether the embedded hosting's data directory can still be written: enough room, and a small file that
 * really reaches the disk. Readiness uses it so a full disk shows as 503 before bookings start failing.
 */
export function dataDirProbe(dataDir: string, minFreeBytes = MIN_FREE_BYTES): { probe(): Promise<void> } {
  return {
    async probe() {
      const fs = await statfs(dataDir);
      const free = fs.bavail * fs.bsize;
      if (free < minFreeBytes) throw new Error(`data directory ${dataDir}: ${free} bytes free, below ${minFreeBytes}`);
      const file = join(dataDir, `.probe-${randomUUID()}`);
      try {
        await writeFile(file, 'ok', { flush: true });
      } finally {
        await rm(file, { force: true });
      }
    },
  };
}
