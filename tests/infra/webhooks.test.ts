import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_MODULES } from '../../infra/aws/functions.ts';
import { DELIVERY } from '../../functions/webhooks/delivery-limits.ts';
import { allows, asArray, logicalId, refId, roleStatements, synth, type Resource, type Synth } from './support/synth.ts';

let s: Synth;
const ofType = (type: string): Array<[string, Resource]> => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);
const fnId = (module: string) => logicalId(s.stack.functions.webhooks.get(module)!);
const roleOf = (module: string) => refId(s.json.Resources[fnId(module)]!.Properties.Role)!;

beforeAll(() => {
  s = synth();
});

describe('webhooks on AWS', () => {
  it('streams both images of the table', () => {
    s.template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  it('maps the stream to the enqueuer’s live alias, filtered to case records, bisected, with a failure queue', () => {
    const [[, mapping], ...others] = ofType('AWS::Lambda::EventSourceMapping') as [[string, Resource]];
    expect(others).toEqual([]);
    const p = mapping.Properties;
    // The alias ARN split into function name + `:live` (a qualified name), never $LATEST.
    expect(JSON.stringify(p.FunctionName)).toContain(`"Ref":"${logicalId(s.stack.functions.webhooksLive.get(WEBHOOK_MODULES.enqueue)!)}"`);
    expect(JSON.stringify(p.FunctionName)).toContain(':live');
    expect(refId(p.EventSourceArn)).toBe(logicalId(s.stack.data.table));
    expect(p).toMatchObject({
      StartingPosition: 'LATEST',
      BatchSize: 50,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86400,
    });
    expect(refId(p.DestinationConfig.OnFailure.Destination)).toBe(logicalId(s.stack.webhooks.streamFailures));
    const patterns = (p.FilterCriteria.Filters as Array<{ Pattern: string }>).map((f) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([{ eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: { pk: { S: [{ prefix: 'CASE#' }] }, sk: { S: ['CASE'] } } } }]);
  });

  it('keeps the failure queue encrypted and TLS-only', () => {
    const [[queueId, queue]] = ofType('AWS::SQS::Queue') as [[string, Resource]];
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('invokes the delivery function’s live alias every minute', () => {
    const [[ruleId, rule]] = ofType('AWS::Events::Rule') as [[string, Resource]];
    expect(rule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(rule.Properties.State).toBe('ENABLED');
    const [target] = rule.Properties.Targets as Array<{ Arn: unknown; RetryPolicy: unknown }>;
    expect(refId(target!.Arn)).toBe(logicalId(s.stack.functions.webhooksLive.get(WEBHOOK_MODULES.deliver)!));
    s.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
  });

  it('gives the delivery function internet (no VPC) and a timeout longer than its delivery budget', () => {
    const fn = s.json.Resources[fnId(WEBHOOK_MODULES.deliver)]!;
    expect(fn.Properties.VpcConfig).toBeUndefined();
    expect(fn.Properties.Timeout * 1000).toBeGreaterThan(DELIVERY.budgetMs + DELIVERY.attemptTimeoutMs);
  });

  it('lets the enqueuer touch only subscriptions, cursors (keys and `next`) and deliveries, and read the stream', () => {
    const own = roleStatements(s.json).filter(({ roles }) => roles.includes(roleOf(WEBHOOK_MODULES.enqueue)));
    const dynamo = own.filter(({ statement }) => asArray(statement.Action).some((a) => a.startsWith('dynamodb:') && !/Stream/.test(a)));
    const byAction = (action: string) => dynamo.filter(({ statement }) => allows(statement, action)).map(({ statement }) => statement);
    expect(byAction('dynamodb:Query').map((st) => st.Condition)).toEqual([{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WEBHOOKS'] } }]);
    expect(byAction('dynamodb:PutItem').map((st) => st.Condition)).toEqual([{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WHD#*'] } }]);
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:BatchGetItem']) {
      expect(byAction(action).map((st) => st.Condition)).toEqual([
        {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'next'] },
          StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES', 'dynamodb:ReturnValues': 'NONE' },
        },
      ]);
    }
    for (const action of ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem']) expect(byAction(action), action).toEqual([]);
    expect(own.some(({ statement }) => allows(statement, 'dynamodb:GetRecords'))).toBe(true);
    expect(own.some(({ statement }) => allows(statement, 'sqs:SendMessage'))).toBe(true);
  });

  it('lets the delivery function read subscriptions and due deliveries (keys from the index, the deliveries themselves) and update deliveries only', () => {
    const own = roleStatements(s.json).filter(({ roles }) => roles.includes(roleOf(WEBHOOK_MODULES.deliver)));
    const dynamo = own.filter(({ statement }) => asArray(statement.Action).some((a) => a.startsWith('dynamodb:')));
    const actions = dynamo.flatMap(({ statement }) => asArray(statement.Action)).sort();
    expect(actions).toEqual(['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    const update = dynamo.find(({ statement }) => allows(statement, 'dynamodb:UpdateItem'))!.statement;
    expect(update.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WHD#*'] } });
    const read = dynamo.find(({ statement }) => allows(statement, 'dynamodb:BatchGetItem'))!.statement;
    expect(read.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WHD#*'] } });
    expect(own.some(({ statement }) => allows(statement, 'dynamodb:GetRecords'))).toBe(false);
  });
});
