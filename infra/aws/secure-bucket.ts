import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';

/**
 * What every bucket of the stack is: encrypted (server access log delivery does not support SSE-KMS
 * targets, so S3-managed keys), never public, owner-enforced, TLS 1.2 or later only, versioned, kept when the stack goes.
 */
export const SECURE_BUCKET: BucketProps = {
  encryption: BucketEncryption.S3_MANAGED,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  // A Deny on s3:TlsVersion below 1.2, beside the one on plain HTTP.
  minimumTLSVersion: 1.2,
  versioned: true,
  removalPolicy: RemovalPolicy.RETAIN,
};
