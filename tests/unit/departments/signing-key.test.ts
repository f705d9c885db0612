import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { localSigningKey, secretsManagerSigningKey } from '../../../functions/departments/signing-key.ts';

const sm = mockClient(SecretsManagerClient);
beforeEach(() => sm.reset());

describe('department signing key from Secrets Manager', () => {
  it('is read once per container, named by the secret version', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'arn:secret:departments' }).resolves({ SecretString: 'k'.repeat(48), VersionId: 'v-7' });
    const source = secretsManagerSigningKey('arn:secret:departments', new SecretsManagerClient({}));
    const [a, b] = await Promise.all([source(), source()]);
    await source();
    expect(a).toEqual({ keyId: 'v-7', key: Buffer.from('k'.repeat(48)) });
    expect(b).toBe(a);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('a failed read is tried again on the next call, not kept', async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: 's'.repeat(40), VersionId: 'v1' });
    const source = secretsManagerSigningKey('id', new SecretsManagerClient({}));
    await expect(source()).rejects.toThrow('throttled');
    await expect(source()).resolves.toMatchObject({ keyId: 'v1' });
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('refuses a secret too short to be a key', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    await expect(secretsManagerSigningKey('id', new SecretsManagerClient({}))()).rejects.toThrow(/no department signing key/);
  });
});

describe('department signing key on the embedded hosting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dept-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated at first start, 32 bytes, readable by this user only, and the same on the next start', async () => {
    const file = join(dir, 'keys', 'departments.key');
    const first = await localSigningKey(file)();
    expect(first.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    const again = await localSigningKey(file)();
    expect(Buffer.from(again.key).equals(readFileSync(file))).toBe(true);
    expect(Buffer.from(again.key).equals(Buffer.from(first.key))).toBe(true);
  });
});
