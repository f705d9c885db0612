import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PublicApi } from './api.ts';
import type { DocumentStore } from './documents.ts';
import type { RetireOneFunctions } from './functions.ts';
import type { CaseWorkflow } from './workflow.ts';

export interface NagTargets {
  api: PublicApi;
  functions: RetireOneFunctions;
  workflow: CaseWorkflow;
  documents: DocumentStore;
}

const ack = (scope: IConstruct, id: string, reason: string): void => Validations.of(scope).acknowledge({ id, reason });

/**
 * The cdk-nag AwsSolutions findings we accept, each on the narrowest construct and each with its
 * reason. Everything else fails the synth. tests/infra/nag.test.ts pins this list.
 */
export function acknowledgeFindings(stack: Stack, t: NagTargets): void {
  const bucketId = stack.getLogicalId(t.documents.bucket.node.defaultChild as CfnElement);
  ack(
    t.api.httpApi,
    'AwsSolutions-APIG4',
    'Authorization is done in each Lambda: the JWT is verified with jose against the issuer JWKS and the route role is checked, ' +
      'identically in the embedded hosting. Public routes (health, openapi, eligibility, service centers, slots, document verification) need none.',
  );
  for (const role of t.functions.roles) {
    ack(role, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.');
  }
  for (const role of t.functions.documentObjectRoles) {
    ack(
      role,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/documents/*]`,
      'Sealed PDFs are keyed documents/<caseNumber>/<documentId>/<sha256>.pdf; the key is only known per case at run time.',
    );
  }
  for (const role of t.functions.pkiRoles) {
    ack(
      role,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/pki/*]`,
      'Read-only access to the public seal certificates (pki/<body>.chain.pem, pki/seal-ca.pem) kept by the CA team.',
    );
  }
  ack(
    t.workflow.stateMachine.role,
    'AwsSolutions-IAM5[Resource::*]',
    'CloudWatch Logs vended-log delivery (logs:*LogDelivery*, PutResourcePolicy, Describe*) and X-Ray tracing support no resource-level permissions.',
  );
}
