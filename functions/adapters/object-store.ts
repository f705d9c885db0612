import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { traced } from '../shared/observability.ts';

/** Sealed documents in S3. Write-once is enforced by the document record's conditional write (and Object Lock on AWS). */
export class ObjectStore {
  readonly s3: S3Client;
  readonly bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  async put(key: string, body: Uint8Array, contentType: string, sha256Hex: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.byteLength,
        Metadata: { sha256: sha256Hex },
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (err) {
      if ((err as Error).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async ping(): Promise<void> {
    await this.s3.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}

/**
 * S3 client on AWS: the SDK's default checksums stay on, as Object Lock requires a checksum on every
 * upload (the embedded hosting builds its own client, see infra/local/s3-local.ts).
 */
export function makeS3Client(): S3Client {
  return traced(new S3Client({}));
}
