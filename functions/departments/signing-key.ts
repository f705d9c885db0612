import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadOrCreateKey } from '../shared/local-key-file.ts';
import { traced } from '../shared/observability.ts';

/** The key department calls are signed with (functions/departments/signing.ts), and the id the departments know it by. */
export interface SigningKey {
  keyId: string;
  key: Uint8Array;
}

export type SigningKeySource = () => Promise<SigningKey>;

/** One read per process (a Lambda container); a failed read is not kept, so the next call tries again. */
function once(read: () => Promise<SigningKey>): SigningKeySource {
  let pending: Promise<SigningKey> | undefined;
  return () => {
    pending ??= read().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

/**
 * The embedded hosting: 32 random bytes generated at first start in the data directory, readable by this user only
 * (as the secrets key, functions/adapters/local-secret-box.ts); the local department stand-ins read the same file.
 */
export function localSigningKey(keyFile: string): SigningKeySource {
  return once(async () => ({ keyId: 'local', key: loadOrCreateKey(keyFile) }));
}

/**
 * AWS: the shared key is a Secrets Manager secret (infra/aws/department-secret.ts) whose generated string is the
 * key; its version id names it to the departments, so a rotation is visible on both sides.
 */
export function secretsManagerSigningKey(secretId: string, client: SecretsManagerClient = traced(new SecretsManagerClient({}))): SigningKeySource {
  return once(async () => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!out.SecretString || out.SecretString.length < 32) throw new Error(`secret ${secretId} holds no department signing key`);
    return { keyId: out.VersionId ?? 'current', key: Buffer.from(out.SecretString, 'utf8') };
  });
}

/** The env var the CDK stack sets, on the functions that call departments only (infra/aws/department-secret.ts). */
export const DEPARTMENT_KEY_SECRET_ENV = 'DEPARTMENT_KEY_SECRET_ARN';

/** AWS: the secret the stack named. A function without it may not call departments, and says so when it tries. */
export function departmentSigningKeyFromEnvironment(): SigningKeySource {
  const secretId = process.env[DEPARTMENT_KEY_SECRET_ENV];
  if (!secretId) return () => Promise.reject(new Error(`${DEPARTMENT_KEY_SECRET_ENV} is not set: this function may not call departments`));
  return secretsManagerSigningKey(secretId);
}
