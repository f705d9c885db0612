import { App, Validations } from 'aws-cdk-lib';
import nag from 'cdk-nag';
import { RetireOneStack } from './retireone-stack.ts';

// Run by cdk.json ("node infra/aws/app.ts", Node 24 type stripping). No env: the stack is environment-agnostic.
const app = new App();
new RetireOneStack(app, 'RetireOneStack');
Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));
app.synth();
