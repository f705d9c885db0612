/**
 * What one Lambda may touch (least privilege), declared with its route (functions/api/routes.ts) or its
 * workflow step (infra/aws/access.ts) and turned into IAM grants by infra/aws/functions.ts.
 *
 * table: 'read'        GetItem/Query/BatchGet on the table and its GSI
 *        'read-audit'  read, plus PutItem only on `AUDIT#…` partitions (reads of a case are audited)
 *        'read-probe'  read, plus PutItem only on the `HEALTH#…` partition (readiness proves a write)
 *        'write'       read and write items
 * documents: 'probe'   HeadBucket only;  'read' GetObject;  'write' PutObject + GetObject (seal)
 * workflow: 'start' StartExecution, 'respond' SendTaskSuccess/Failure, 'describe' DescribeStateMachine
 * pki: GetObject on pki/* — the seal certificates and the seal CA the CA team keeps in the bucket
 *      (functions/sealing/kms-sealing-kit.ts); also gives SEAL_KMS_KEY_IDS, which that kit requires
 * sign: KMS Sign with the issuing bodies' seal keys (the seal step only)
 * writes: besides a read tier, Put/Update/Delete only on items whose partition key starts with one of these
 *         prefixes (e.g. `FEEDBACK#`), or is exactly a key without `#` (e.g. `WEBHOOKS`): a function that keeps
 *         its own kind of record gets no write to the rest
 * webhooks: the webhook dispatch on AWS (infra/aws/webhooks.ts), instead of any `table` level:
 *        'enqueue'  reads subscriptions (`WEBHOOKS`), reads and moves the per-case cursors (attribute `next`
 *                   of `CASE#…` items, nothing else of them), puts deliveries (`WHD#…`)
 *        'deliver'  reads subscriptions, queries the status index for due deliveries, updates deliveries
 * personIndex: Query on the `byPerson` index (a citizen's own cases), beside a read tier
 * sms: 'dispatch'      the text-message job on AWS (infra/aws/sms-dispatch.ts), beside a read tier and `writes: ['SMS#']`:
 *        the provider's permission (sns:Publish with SNS; none with an HTTP gateway), nothing of a case
 * secrets: the product's secrets key (infra/aws/secrets-key.ts), only with a `subscription` encryption context:
 *        'seal' Encrypt (webhook creation)   'open' Decrypt (webhook delivery)
 * snapshots: the case-steps key (infra/aws/snapshot-key.ts), only with the encryption context `purpose` = SNAPSHOT_PURPOSE:
 *        'seal' GenerateDataKey (the pre-review, which hands the case on)   'open' Decrypt (the checks and Decide)
 * departments: 'call'  calls the department systems: reads the department signing key (infra/aws/department-secret.ts,
 *        secretsmanager:GetSecretValue on that one secret) and gets its ARN as DEPARTMENT_KEY_SECRET_ARN
 * deadlines: 'sweep'   the deadline sweep on AWS (infra/aws/deadline-sweep.ts), instead of any `table` level:
 *        queries the status index for open cases, marks a case's notice as sent (attribute `slaNotices` of
 *        `CASE#…` items, nothing else of them) and puts the notice into a staff inbox (`STAFF_NOTICES#…`)
 */
export interface Access {
  table?: 'read' | 'read-audit' | 'read-probe' | 'write';
  documents?: 'probe' | 'read' | 'write';
  workflow?: ReadonlyArray<'start' | 'respond' | 'describe'>;
  pki?: boolean;
  sign?: boolean;
  writes?: readonly string[];
  webhooks?: 'enqueue' | 'deliver';
  deadlines?: 'sweep';
  personIndex?: boolean;
  sms?: 'dispatch';
  secrets?: 'seal' | 'open';
  snapshots?: 'seal' | 'open';
  departments?: 'call';
}

/** The KMS encryption context of the data keys that seal what a step hands the next (functions/steps/case-snapshot.ts). */
export const SNAPSHOT_PURPOSE = 'case-steps-snapshot';
