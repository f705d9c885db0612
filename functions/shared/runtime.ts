import type { TokenVerifier, DevTokenIssuer } from '../adapters/auth.ts';
import { remoteVerifier } from '../adapters/auth.ts';
import { buildStores, type Stores } from '../adapters/stores.ts';
import { systemClock, type Clock } from '../adapters/clock.ts';
import { makeDocumentClient } from '../adapters/dynamodb-client.ts';
import { makeS3Client, ObjectStore } from '../adapters/object-store.ts';
import { StepFunctionsWorkflow, type WorkflowPort } from '../adapters/workflow.ts';
import { createDepartmentClient } from '../departments/client.ts';
import { departmentSigningKeyFromEnvironment } from '../departments/signing-key.ts';
import { type Policy, type PolicyRules, policyOn } from '../domain/policy.ts';
import type { DepartmentFault } from '../../schemas/department-faults.ts';
import type { DevMessage } from '../../schemas/dev-messages.ts';
import type { DepartmentKey } from '../../schemas/department-result.ts';
import { DEFAULT_MESSAGE_QUOTAS, type MessageQuotas } from './message-quotas.ts';
import { rulesFromEnvironment } from './policy-config.ts';
import type { SealingKit } from '../sealing/sealing-kit.ts';
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsSecretBox } from '../adapters/kms-secret-box.ts';
import { traced } from './observability.ts';
import { kmsEnvelopeBox } from '../adapters/kms-envelope-box.ts';
import { SNAPSHOT_PURPOSE } from './access.ts';
import type { SecretBox } from '../adapters/secret-box.ts';

export type { Seal, SealingKit } from '../sealing/sealing-kit.ts';
export type DepartmentClient = ReturnType<typeof createDepartmentClient>;

/** The local department stand-ins' fault switch (PUT /v1/dev/departments/{department}/faults). */
export interface DepartmentFaultsPort {
  set(department: DepartmentKey, fault: DepartmentFault): Promise<void>;
}

/** What the local SMS sink delivered (GET /v1/dev/messages): oldest first, to one phone number. */
export interface SentMessagesPort {
  list(to: string): DevMessage[];
}

/** Everything a handler may touch, built once per process (per Lambda container, or once locally). */
export interface Runtime extends Stores {
  clock: Clock;
  /** Every policy value with its dates and sources, the city's included (functions/shared/policy-config.ts). */
  rules: PolicyRules;
  /** The values in force today; a rule read on another date (the retirement month) uses policyOn(rules, date). */
  readonly policy: Policy;
  objects: ObjectStore;
  workflow: WorkflowPort;
  departments: DepartmentClient;
  tokens: TokenVerifier;
  /** Present only in local development mode. */
  devTokens?: DevTokenIssuer;
  /** Present only in local development mode: injects faults into the department stand-ins. */
  faults?: DepartmentFaultsPort;
  /** Present only in local development mode: the text messages the local SMS sink kept instead of sending. */
  messages?: SentMessagesPort;
  sealing(): Promise<SealingKit>;
  /** Encrypts what must be read back but never stored in the clear (webhook signing secrets). */
  secrets: SecretBox;
  /**
   * Seals what a step hands the next steps of the same run about a case (functions/steps/case-snapshot.ts), so the
   * run's payload carries no ID number in the clear. Context: the case number.
   */
  snapshots: SecretBox;
  /** Present only on the embedded hosting: whether its data directory can still be written. */
  dataDir?: { probe(): Promise<void> };
  /** This process (a Lambda container, or the one embedded product): who holds a seal claim. */
  instanceId: string;
  /**
   * True where one process serves the whole product (the embedded hosting): a claim held by another
   * instance belongs to a process that has died. False on AWS, where containers run side by side.
   */
  exclusiveInstance: boolean;
  /** Local dev mode only: webhooks may target http://127.0.0.1 (a receiver on this machine). */
  allowLoopbackWebhooks?: boolean;
  /** How many text messages may go to one number and be caused by one caller (functions/shared/message-quotas.ts). */
  messageQuotas: MessageQuotas;
  /** Where citizens verify documents (QR codes point here). */
  publicBaseUrl: string;
  /** The verification page's path before the document id: `/verify/` unless the host cannot route page paths. */
  verifyPagePath?: string;
}

let current: Promise<Runtime> | undefined;

/** What a hosting brings of its own: every adapter but the clock, the rules and the table's stores. */
export type RuntimeAdapters = Omit<Runtime, 'clock' | 'rules' | 'policy' | keyof Stores>;

/**
 * The runtime both hostings build alike: the clock, the rules with the city's settings, today's policy and the table's
 * stores, with the hosting's own adapters. Object.assign keeps `policy` a getter (a spread would freeze it at the value
 * of the moment).
 */
export function runtimeOf(clock: Clock, db: Parameters<typeof buildStores>[0], table: string, adapters: RuntimeAdapters): Runtime {
  const base = {
    clock,
    rules: rulesFromEnvironment(),
    // Read on each use, from the runtime's own clock (tests move it), so a change of rule at midnight applies.
    get policy(): Policy {
      return policyOn(this.rules, this.clock.today());
    },
    ...buildStores(db, table),
  };
  return Object.assign(base, adapters);
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is required`);
  return v;
}

/** The AWS hosting: everything from environment variables set by the CDK stack. */
async function runtimeFromEnvironment(): Promise<Runtime> {
  const db = makeDocumentClient();
  const table = required('TABLE_NAME');
  // One KMS client for both boxes: a container builds it once, whichever of them it uses.
  const kms = traced(new KMSClient({}));
  return runtimeOf(systemClock(undefined), db, table, {
    objects: new ObjectStore(makeS3Client(), required('BUCKET_NAME')),
    workflow: new StepFunctionsWorkflow(process.env.STATE_MACHINE_ARN ?? 'unset', process.env.WORKFLOW_VERSION ?? 'unknown'),
    departments: createDepartmentClient({
      baseUrl: process.env.DEPARTMENTS_BASE_URL ?? 'http://departments.invalid',
      callingSystem: 'retireone',
      signingKey: departmentSigningKeyFromEnvironment(),
    }),
    tokens: remoteVerifier(required('JWT_JWKS_URL'), required('JWT_ISSUER')),
    sealing: async () => {
      const { kmsSealingKit } = await import('../sealing/kms-sealing-kit.ts');
      return kmsSealingKit();
    },
    secrets: kmsSecretBox(process.env.SECRETS_KEY_ID ?? 'unset', kms),
    snapshots: kmsEnvelopeBox(process.env.SNAPSHOT_KEY_ID ?? 'unset', { purpose: SNAPSHOT_PURPOSE }, kms),
    publicBaseUrl: process.env.PUBLIC_BASE_URL ?? '',
    verifyPagePath: process.env.VERIFY_PAGE_PATH,
    messageQuotas: DEFAULT_MESSAGE_QUOTAS,
    instanceId: crypto.randomUUID(),
    exclusiveInstance: false,
  });
}

export function runtime(): Promise<Runtime> {
  current ??= runtimeFromEnvironment();
  return current;
}

/** The embedded hosting installs its own adapters before serving. */
export function setRuntime(r: Runtime): void {
  current = Promise.resolve(r);
}
