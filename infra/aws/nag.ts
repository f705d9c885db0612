import { DefaultStackSynthesizer, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { DOCUMENT_BUCKET_PARAMETERS } from './api-functions-stack.ts';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import type { PublicApi } from './api.ts';
import type { DocumentStore } from './documents.ts';
import type { RetireOneFunctions } from './functions.ts';
import type { Site } from './site.ts';
import type { WebhookDispatch } from './webhooks.ts';
import type { CaseWorkflow } from './workflow.ts';
import { childMachineName } from '../../workflows/definitions.ts';

export interface NagTargets {
  api: PublicApi;
  functions: RetireOneFunctions;
  workflow: CaseWorkflow;
  documents: DocumentStore;
  site: Site;
  webhooks: WebhookDispatch;
}

const ack = (scope: IConstruct, id: string, reason: string): void => Validations.of(scope).acknowledge({ id, reason });

/**
 * The cdk-nag AwsSolutions findings we accept, each on the narrowest construct and each with its
 * reason. Everything else fails the synth. tests/infra/nag.test.ts pins this list.
 */
export function acknowledgeFindings(stack: Stack, t: NagTargets): void {
  const rootBucketArn = `${stack.getLogicalId(t.documents.bucket.node.defaultChild as CfnElement)}.Arn`;
  // In the API functions' nested stack the bucket is a parameter (infra/aws/api-functions-stack.ts).
  const bucketArn = (role: IConstruct) => (Stack.of(role) === stack ? rootBucketArn : DOCUMENT_BUCKET_PARAMETERS.arn);
  ack(
    t.api.httpApi,
    'AwsSolutions-APIG4',
    'Every non-public route has the JWT authorizer (issuer, audience) and each Lambda verifies the JWT again and checks the route role. ' +
      'The finding is for the public routes (health, openapi, eligibility, service centers, slots, document verification), which need none.',
  );
  for (const role of t.functions.roles) {
    ack(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; the webhook enqueuer also has dynamodb:ListStreams, ' +
        'which CDK’s DynamoEventSource grants on * for the stream poller (its GetRecords/GetShardIterator/DescribeStream stay on the table’s stream); ' +
        'the text-message job has sns:Publish on *, as publishing to a phone number names no resource, with every topic denied; ' +
        'with a VPC, the department callers have the EC2 network-interface actions Lambda needs, whose Describe actions name no resource.',
    );
  }
  for (const role of t.functions.documentObjectRoles) {
    ack(
      role,
      `AwsSolutions-IAM5[Resource::<${bucketArn(role)}>/documents/*]`,
      'Sealed PDFs are keyed documents/<caseNumber>/<documentId>/<sha256>.pdf; the key is only known per case at run time.',
    );
  }
  for (const role of t.functions.pkiRoles) {
    ack(
      role,
      `AwsSolutions-IAM5[Resource::<${bucketArn(role)}>/pki/*]`,
      'Read-only access to the public seal certificates (pki/<body>.chain.pem, pki/seal-ca.pem) kept by the CA team.',
    );
  }
  ack(
    t.workflow.stateMachine.role,
    'AwsSolutions-IAM5[Resource::*]',
    'CloudWatch Logs vended-log delivery (logs:*LogDelivery*, PutResourcePolicy, Describe*) and X-Ray tracing support no resource-level permissions.',
  );
  for (const [child, machine] of t.workflow.children) {
    ack(
      t.workflow.stateMachine.role,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(machine.node.defaultChild as CfnElement)}>:*]`,
      `An execution starts the version of ${childMachineName(child)} its own case-workflow version was deployed with (retained): any version of that one child.`,
    );
    for (const kind of ['execution', 'express']) {
      ack(
        t.workflow.stateMachine.role,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:${kind}:${childMachineName(child)}:*]`,
        `Awaiting a child run (startExecution.sync:2) describes and stops it by an execution ARN minted at start: only executions of ${childMachineName(child)}.`,
      );
    }
    ack(
      machine.role,
      'AwsSolutions-IAM5[Resource::*]',
      'CloudWatch Logs vended-log delivery (logs:*LogDelivery*, PutResourcePolicy, Describe*) and X-Ray tracing support no resource-level permissions.',
    );
  }
  ack(
    t.functions.departmentSecret.secret,
    'AwsSolutions-SMG4',
    'The department call signing key is shared with each department gateway, which must hold the same value: a rotation is agreed with ' +
      'them and made by putting a new secret version (its version id names the key in every signed call, docs/department-calls.md).',
  );
  ack(
    t.webhooks.streamFailures,
    'AwsSolutions-SQS3',
    'This queue is itself the failure destination of the webhook stream mapping (Lambda OnFailure, not an SQS redrive, which cdk-nag does not see); ' +
      'it holds the positions of batches that failed for 24 hours, kept 14 days for an operator.',
  );
  acknowledgeSiteFindings(stack, t.site);
}

function acknowledgeSiteFindings(stack: Stack, site: Site): void {
  const distribution = site.distribution;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    'A public government service for every resident, wherever they are (citizens abroad verify papers too): no geo restriction.',
  );
  if (!site.webAcl) {
    ack(
      distribution,
      'AwsSolutions-CFR2',
      'A CLOUDFRONT-scope web ACL must live in us-east-1 and this stack is region-agnostic: attach one at deploy time with -c webAclArn=... ' +
        'Meanwhile the API behind /v1/* is throttled at its stage and the site is static.',
    );
  }
  if (!site.customDomain) {
    ack(
      distribution,
      'AwsSolutions-CFR4',
      'With the default *.cloudfront.net certificate CloudFront fixes the minimum protocol (TLSv1); it cannot be raised. ' +
        'Production sets -c domainName=... -c certificateArn=..., which uses TLSv1.2_2021.',
    );
  }
  const qualifier = String(stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER);
  const siteBucketId = stack.getLogicalId(site.bucket.node.defaultChild as CfnElement);
  const deploy = 'The BucketDeployment handler syncs web/ into the site bucket (aws s3 sync --delete): ';
  for (const [finding, reason] of [
    ['Action::s3:GetObject*', 'it reads the web/ asset zip and compares the objects it replaces.'],
    ['Action::s3:GetBucket*', 'it reads the location and versioning of the two buckets it syncs between.'],
    ['Action::s3:List*', 'it lists the site bucket to find what to replace and what to prune.'],
    ['Action::s3:Abort*', 'it aborts its own failed multipart uploads.'],
    ['Action::s3:DeleteObject*', 'prune removes files that are gone from web/; only on the site bucket.'],
    [`Resource::<${siteBucketId}.Arn>/*`, 'it writes every key of the site bucket, and only of the site bucket.'],
    [
      `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`,
      'it reads the web/ asset zip from the CDK bootstrap asset bucket, whose key is a content hash.',
    ],
  ] as const) {
    ack(site.deploymentRole, `AwsSolutions-IAM5[${finding}]`, deploy + reason);
  }
  // The handler is a SingletonFunction created at stack level; find it by the role we gave it.
  const roleArn = stack.resolve(site.deploymentRole.roleArn);
  for (const fn of stack.node.findAll()) {
    if (fn instanceof CfnFunction && JSON.stringify(stack.resolve(fn.role)) === JSON.stringify(roleArn)) {
      ack(fn, 'AwsSolutions-L1', 'The BucketDeployment handler runtime (Python) is pinned by aws-cdk-lib; it moves with CDK upgrades, not with us.');
    }
  }
}
