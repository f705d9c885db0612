import { CfnParameter, NestedStack } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { RetireOneFunctions } from './functions.ts';
import { GradualDeployment } from './gradual-deployment.ts';

/** The nested template's parameter names for the document bucket, fixed so cdk-nag findings can name them (infra/aws/nag.ts). */
export const DOCUMENT_BUCKET_PARAMETERS = { arn: 'DocumentBucketArn', name: 'DocumentBucketName' } as const;

/**
 * The API's functions (one per route module, each with its role, policy, log group, version, `live` alias) and
 * their gradual deployment live in a nested stack: in one template with the rest they came to 498 of
 * CloudFormation's 500 resources per stack. The routes, integrations and invoke permissions stay with the HTTP API
 * in the main stack; CDK passes the references across (parameters in, the aliases' ARNs out).
 */
export class ApiFunctionsStack extends NestedStack {
  /** Where RetireOneFunctions builds each API function. */
  readonly functionsScope: Construct;
  /** The document bucket as this template sees it: through two named parameters. */
  readonly documentBucket: IBucket;
  deployment?: GradualDeployment;

  constructor(scope: Construct, id: string, props: { documentBucket: IBucket }) {
    super(scope, id, {
      description: 'RetireOne 退休一件事: the API functions',
      parameters: { [DOCUMENT_BUCKET_PARAMETERS.arn]: props.documentBucket.bucketArn, [DOCUMENT_BUCKET_PARAMETERS.name]: props.documentBucket.bucketName },
    });
    const arn = new CfnParameter(this, DOCUMENT_BUCKET_PARAMETERS.arn, { type: 'String', description: 'The sealed-document bucket' });
    const name = new CfnParameter(this, DOCUMENT_BUCKET_PARAMETERS.name, { type: 'String', description: 'The sealed-document bucket' });
    this.documentBucket = Bucket.fromBucketAttributes(this, 'DocumentBucket', { bucketArn: arn.valueAsString, bucketName: name.valueAsString });
    this.functionsScope = new Construct(this, 'Functions');
  }

  /** Every API function's `live` alias moves through CodeDeploy like the workflow's steps, rolling back on the same alarms. */
  deployGradually(functions: RetireOneFunctions, serviceAlarms: IAlarm[]): GradualDeployment {
    this.deployment = new GradualDeployment(this, 'ApiDeployment', {
      applicationName: 'retireone-api',
      aliases: new Map([...functions.aliases].filter(([name]) => name.startsWith('api/'))),
      serviceAlarms,
    });
    return this.deployment;
  }
}
