import { Duration } from 'aws-cdk-lib';
import { Bucket, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SECURE_BUCKET } from './secure-bucket.ts';

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
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...SECURE_BUCKET,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays), noncurrentVersionExpiration: Duration.days(30) }],
    });
    this.bucket = new Bucket(this, 'Bucket', {
      ...SECURE_BUCKET,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
    });
  }
}
