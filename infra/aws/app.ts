import { App, Validations } from 'aws-cdk-lib';
import nag from 'cdk-nag';
import { RetireOneEdgeStack } from './edge-stack.ts';
import { RetireOneStack } from './retireone-stack.ts';

// Run by cdk.json ("node infra/aws/app.ts", Node 24 type stripping). No env: the stack is environment-agnostic.
const app = new App();
new RetireOneStack(app, 'RetireOneStack');
// The per-client throttles: a CloudFront web ACL, which must live in us-east-1 (deploy it first, see README).
new RetireOneEdgeStack(app, 'RetireOneEdgeStack');
Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));
app.synth();
