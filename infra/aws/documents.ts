import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DocumentStoreProps {
  retentionDays: number;
}

/**
 * Sealed answers. Object Lock in COMPLIANCE mode makes an issued document impossible to overwrite
 * or delete for the retention period, by anyone, root included: the seal is only worth something if
 * the stored original cannot change.
 */
export class DocumentStore extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DocumentStoreProps) {
    super(scope, id);
    // Every bucket here: encrypted (server access log delivery does not support SSE-KMS targets, so
    // S3-managed keys), never public, owner-enforced, TLS only, versioned, kept when the stack goes.
    const secure = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...secure,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays), noncurrentVersionExpiration: Duration.days(30) }],
    });
    this.bucket = new Bucket(this, 'Bucket', {
      ...secure,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
    });
  }
}
