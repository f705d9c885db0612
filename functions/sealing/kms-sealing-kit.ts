/**
 * The AWS SealingKit: one KMS signing key per issuing body (the private keys never leave KMS), and the
 * certificates that go with them.
 *
 * Where the certificates come from, and why: KMS holds keys only, never certificates, and a seal
 * certificate is public and changes only when the CA re-issues it. So the chains live in the documents
 * bucket, next to what they seal — `pki/<body>.chain.pem` (the body's seal certificate first, then any
 * intermediates) and `pki/seal-ca.pem` (the seal CA verification trusts) — put there by whoever operates
 * the CA, and read ONCE per Lambda container: a re-issued certificate takes effect on the next cold
 * start, and sealing pays no S3 round trip per document. Reading them from S3 rather than from
 * environment variables keeps ~1 KB PEMs out of the 4 KB Lambda environment and lets the CA team
 * replace a certificate without a deployment. Key ids come from `SEAL_KMS_KEY_IDS` (set by the CDK app:
 * `{"one-stop":"arn:…","hr":"arn:…","medical":"arn:…","housing-fund":"arn:…"}`).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { ISSUING_BODIES, ISSUING_BODY_NAMES, IssuingBody } from '../../schemas/notice.ts';
import { makeS3Client } from '../adapters/object-store.ts';
import type { SealingKit } from './sealing-kit.ts';
import { sealInProcess } from './seal-in-process.ts';
import { kmsSealSigner } from './kms-signer.ts';
import { pemBundleToDer } from './pem.ts';
import { traced } from '../shared/observability.ts';

/** zod 4: a record keyed by an enum is exhaustive, so a missing body fails here, at the first cold start. */
const KeyIds = z.record(IssuingBody, z.string().min(1));
const IssuerNames = z.partialRecord(IssuingBody, z.string().min(1).max(100)).optional();

export const chainKey = (body: IssuingBody) => `pki/${body}.chain.pem`;
export const TRUSTED_CA_KEY = 'pki/seal-ca.pem';

export interface KmsSealingKitDeps {
  kms?: KMSClient;
  s3?: S3Client;
  env?: Record<string, string | undefined>;
}

let cached: Promise<SealingKit> | undefined;

/** Built once per container; a failed build is not cached, so the next invocation tries again. */
export function kmsSealingKit(deps: KmsSealingKitDeps = {}): Promise<SealingKit> {
  if (!cached) {
    cached = buildKmsSealingKit(deps);
    cached.catch(() => (cached = undefined));
  }
  return cached;
}

export async function buildKmsSealingKit(deps: KmsSealingKitDeps = {}): Promise<SealingKit> {
  const env = deps.env ?? process.env;
  const bucket = required(env, 'BUCKET_NAME');
  const s3 = deps.s3 ?? makeS3Client();
  const read = async (key: string) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = await out.Body?.transformToString('utf8');
    const certs = text ? pemBundleToDer(text) : [];
    if (certs.length === 0) throw new Error(`s3://${bucket}/${key} holds no PEM certificate`);
    return certs;
  };
  // The verification functions get no signing keys (and no SEAL_KMS_KEY_IDS): they only need the CA.
  if (!env.SEAL_KMS_KEY_IDS) {
    const seals = verifyOnly();
    return { seals, trustedCaDer: await read(TRUSTED_CA_KEY), seal: sealInProcess(seals) };
  }

  const keyIds = KeyIds.parse(JSON.parse(env.SEAL_KMS_KEY_IDS));
  // Optional: the names printed as issuer, e.g. {"medical":"东莞市医疗保障局"}; the body's generic name otherwise.
  const names = IssuerNames.parse(env.SEAL_ISSUER_NAMES ? JSON.parse(env.SEAL_ISSUER_NAMES) : undefined) ?? {};
  const kms = deps.kms ?? traced(new KMSClient({}));
  const [trustedCaDer, ...chains] = await Promise.all([read(TRUSTED_CA_KEY), ...ISSUING_BODIES.map((b) => read(chainKey(b)))]);
  const seals = Object.fromEntries(
    ISSUING_BODIES.map((body, i) => [body, { signer: kmsSealSigner(kms, keyIds[body], chains[i]!), issuer: names[body] ?? ISSUING_BODY_NAMES[body] }]),
  ) as SealingKit['seals'];
  return { seals, trustedCaDer: trustedCaDer!, seal: sealInProcess(seals) };
}

/** Seals that refuse loudly: a function deployed without keys must never appear to seal. */
function verifyOnly(): SealingKit['seals'] {
  return new Proxy({} as SealingKit['seals'], {
    get(_, body) {
      throw new Error(`no seal keys in this function (SEAL_KMS_KEY_IDS unset); asked for ${String(body)}`);
    },
  });
}

function required(env: Record<string, string | undefined>, name: string): string {
  const v = env[name];
  if (!v) throw new Error(`environment variable ${name} is required`);
  return v;
}
