import { beforeAll, describe, expect, it } from 'vitest';
import { ISSUING_BODIES } from '../../infra/aws/signing-keys.ts';
import { logicalId, refId, synth, type Resource, type Synth } from './support/synth.ts';

let s: Synth;
const ofType = (type: string): Array<[string, Resource]> => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);

beforeAll(() => {
  s = synth();
});

describe('case table', () => {
  it('is one pay-per-request pk/sk table with PITR, deletion protection, encryption, TTL and RETAIN', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const [, t] = tables[0]!;
    expect(t.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(t.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(t.Properties.DeletionProtectionEnabled).toBe(true);
    expect(t.Properties.SSESpecification.SSEEnabled).toBe(true);
    expect(t.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(t.DeletionPolicy).toBe('Retain');
    expect(t.UpdateReplacePolicy).toBe('Retain');
  });

  it('has the byStatus GSI (status, queueKey, keys only) for the work queues and the byPerson GSI for a citizen’s own cases', () => {
    const [, t] = ofType('AWS::DynamoDB::Table')[0]!;
    expect(t.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'queueKey', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'byPerson',
        KeySchema: [
          { AttributeName: 'personKey', KeyType: 'HASH' },
          { AttributeName: 'personSort', KeyType: 'RANGE' },
        ],
        // Only what the case list shows: no form, bank account or name is copied into it.
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['caseNumber', 'status', 'decision', 'createdAt'] },
      },
    ]);
    expect(t.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'queueKey', AttributeType: 'S' },
        { AttributeName: 'personKey', AttributeType: 'S' },
        { AttributeName: 'personSort', AttributeType: 'S' },
      ]),
    );
  });
});

describe('sealed document bucket', () => {
  const bucket = (): Resource => s.json.Resources[logicalId(s.stack.documents.bucket)]!;

  it('is encrypted, blocks all public access, is versioned and retained', () => {
    const b = bucket();
    expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toMatch(/^(AES256|aws:kms)$/);
    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.DeletionPolicy).toBe('Retain');
  });

  it('locks objects in COMPLIANCE mode for 3650 days by default', () => {
    expect(bucket().Properties.ObjectLockEnabled).toBe(true);
    expect(bucket().Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
    });
  });

  it('takes the retention from context documentRetentionDays', () => {
    const other = synth({ documentRetentionDays: 30 });
    const b = other.json.Resources[logicalId(other.stack.documents.bucket)]!;
    expect(b.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 30 });
  });

  it('writes server access logs to the separate log bucket', () => {
    const logs = logicalId(s.stack.documents.accessLogs);
    expect(refId(bucket().Properties.LoggingConfiguration.DestinationBucketName)).toBe(logs);
    expect(logs).not.toBe(logicalId(s.stack.documents.bucket));
  });

  it('denies every request not made over TLS', () => {
    const id = logicalId(s.stack.documents.bucket);
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => refId(p.Properties.Bucket) === id)?.[1];
    expect(policy).toBeDefined();
    const deny = (policy!.Properties.PolicyDocument.Statement as any[]).find((st) => st.Effect === 'Deny');
    expect(deny.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    expect(deny.Action).toBe('s3:*');
  });
});

describe('seal signing keys', () => {
  it('are one ECC P-256 SIGN_VERIFY key per issuing body, retained', () => {
    // Encryption keys (execution log, alarm topic) are tested with what they protect.
    const keys = ofType('AWS::KMS::Key').filter(([, k]) => k.Properties.KeySpec !== undefined || k.Properties.KeyUsage === 'SIGN_VERIFY');
    expect(keys).toHaveLength(ISSUING_BODIES.length);
    for (const [, k] of keys) {
      expect(k.Properties.KeySpec).toBe('ECC_NIST_P256');
      expect(k.Properties.KeyUsage).toBe('SIGN_VERIFY');
      expect(k.DeletionPolicy).toBe('Retain');
    }
  });

  it('each name their issuing body in the description (no aliases: functions use the key ARNs)', () => {
    const descriptions = ofType('AWS::KMS::Key')
      .filter(([, k]) => k.Properties.KeyUsage === 'SIGN_VERIFY')
      .map(([, k]) => k.Properties.Description as string)
      .sort();
    expect(descriptions).toEqual(ISSUING_BODIES.map((b) => `RetireOne e-seal signing key of ${b}`).sort());
    expect(ofType('AWS::KMS::Alias')).toEqual([]);
  });
});
