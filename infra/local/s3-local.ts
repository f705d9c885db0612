import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { makeWritesAtomic, type S3rverFilesystemStore } from './s3-atomic-writes.ts';

// s3rver ships no types; describe the little we use instead of an ambient declaration elsewhere.
interface S3rverInstance {
  store: S3rverFilesystemStore;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverConstructor = new (options: { address: string; port: number; directory: string; silent: boolean; resetOnClose: boolean }) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

/**
 * The S3 API on one machine (s3rver), storing objects under `<dataDir>/s3` so a restart keeps them.
 * s3rver ignores `IfNoneMatch`: write-once must be enforced with a DynamoDB condition, not here.
 */
export interface S3Local {
  endpoint: string;
  port: number;
  /** Absolute directory s3rver stores buckets in. */
  directory: string;
  stop(): Promise<void>;
}

export interface StartS3LocalOptions {
  dataDir: string;
  /** 0 or undefined: pick a free port. */
  port?: number;
}

/**
 * An S3 client that works against s3rver. The checksum settings are not optional: with the SDK's
 * default (WHEN_SUPPORTED) streamed uploads are sent aws-chunked with trailing checksums, which
 * s3rver stores verbatim — the object is silently corrupted and no error is raised.
 */
export function makeLocalS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'cn-north-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}

export async function startS3Local(opts: StartS3LocalOptions): Promise<S3Local> {
  const directory = join(resolve(opts.dataDir), 's3');
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? 0,
    directory,
    silent: true,
    resetOnClose: false,
  });
  makeWritesAtomic(server.store);
  const { port } = await server.run();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const http = server.httpServer;
      // SDK clients hold keep-alive sockets; without dropping them close() waits for their idle timeout.
      const closed = server.close();
      http?.closeAllConnections();
      await closed;
    })();
    return stopping;
  };
  return { endpoint: `http://127.0.0.1:${port}`, port, directory, stop };
}
