import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The part of s3rver's FilesystemStore that writes objects (lib/stores/filesystem.js, s3rver 3.7). */
export interface S3rverFilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
}
interface S3rverObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, string>;
}

/** The metadata s3rver keeps of an object: its own list, which its `putMetadata` picks from. */
const KEPT_METADATA = (createRequire(import.meta.url)('s3rver/lib/models/object') as { ALLOWED_METADATA: string[] }).ALLOWED_METADATA;

async function writeAside(path: string, data: string | Buffer): Promise<string> {
  const aside = `${path}.${randomUUID()}.partial`;
  try {
    await writeFile(aside, data, { flush: true });
    return aside;
  } catch (err) {
    await rm(aside, { force: true });
    throw err;
  }
}

/**
 * Makes s3rver's object writes all-or-nothing. Its own `putObject` writes the object in place through a
 * stream with no error listener: on a full disk the product crashed (an unhandled ENOSPC) and left a
 * truncated object under the key. Here the object and its metadata are written beside their names
 * (names s3rver never lists: they do not end with its suffix), flushed, and only then renamed over them;
 * a failed write rejects, which s3rver answers with 500 InternalError, and leaves nothing behind.
 * Patched on the instance because s3rver takes no store of ours; kept to the two methods that write.
 */
export function makeWritesAtomic(store: S3rverFilesystemStore): void {
  store.putMetadata = async (bucket, key, metadata, md5) => {
    const json = Object.fromEntries(Object.entries(metadata).filter(([k]) => KEPT_METADATA.includes(k) || k.startsWith('x-amz-meta-')));
    const renames: [string, string][] = [];
    try {
      if (md5) renames.push([await writeAside(store.getResourcePath(bucket, key, 'object.md5'), md5), store.getResourcePath(bucket, key, 'object.md5')]);
      const metadataPath = store.getResourcePath(bucket, key, 'metadata.json');
      renames.push([await writeAside(metadataPath, JSON.stringify(json, null, 2)), metadataPath]);
    } catch (err) {
      await Promise.all(renames.map(([aside]) => rm(aside, { force: true })));
      throw err;
    }
    for (const [aside, target] of renames) await rename(aside, target);
  };

  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    const aside = `${objectPath}.${randomUUID()}.partial`;
    const md5 = createHash('md5');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
      await pipeline(source, count, createWriteStream(aside, { flush: true }));
      const digest = md5.digest('hex');
      // Metadata first: a crash between the two renames leaves the old object with new metadata at worst,
      // never an object without any.
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
      await rename(aside, objectPath);
      return { size, md5: digest };
    } catch (err) {
      await rm(aside, { force: true });
      throw err;
    }
  };
}
