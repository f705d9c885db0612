import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../functions/adapters/object-store.ts';

const s3 = mockClient(S3Client);

describe('ObjectStore', () => {
  beforeEach(() => s3.reset());

  it('stores a document with its length, type and hash', async () => {
    s3.on(PutObjectCommand).resolves({});
    const body = new Uint8Array([37, 80, 68, 70]);
    await new ObjectStore(new S3Client({}), 'docs').put('documents/a.pdf', body, 'application/pdf', 'ab'.repeat(32));
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({
      Bucket: 'docs',
      Key: 'documents/a.pdf',
      ContentType: 'application/pdf',
      ContentLength: 4,
      Metadata: { sha256: 'ab'.repeat(32) },
    });
  });

  it('reads bytes back, and a missing key as undefined', async () => {
    // The SDK's streaming body, reduced to the one method the store uses.
    s3.on(GetObjectCommand, { Key: 'there' }).resolves({ Body: { transformToByteArray: async () => new Uint8Array(Buffer.from('hello')) } as never });
    s3.on(GetObjectCommand, { Key: 'gone' }).rejects(new NoSuchKey({ message: 'no', $metadata: {} }));
    const store = new ObjectStore(new S3Client({}), 'docs');
    expect(Buffer.from((await store.get('there'))!).toString()).toBe('hello');
    expect(await store.get('gone')).toBeUndefined();
  });
});
