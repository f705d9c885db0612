import { App, Validations } from 'aws-cdk-lib';
import nag from 'cdk-nag';
import { RetireOneEdgeStack } from './edge-stack.ts';
import { RetireOneStack } from './retireone-stack.ts';

// Run by cdk.json ("node infra/aws/app.ts", Node 24 type stripping). No env: the stack is environment-agnostic.
const app = new App();
const stack = new RetireOneStack(app, 'RetireOneStack');
// The per-client throttles: a CloudFront web ACL, which must live in us-east-1 (deploy it first, see README).
// The China regions have no us-east-1: their variant (`-c partition=aws-cn`) has no edge stack.
if (stack.config.partition === 'aws') new RetireOneEdgeStack(app, 'RetireOneEdgeStack');
Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));
app.synth();
