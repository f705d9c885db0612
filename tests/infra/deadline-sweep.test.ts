import { beforeAll, describe, expect, it } from 'vitest';
import { STATUS_INDEX } from '../../infra/aws/data.ts';
import { SLA_MODULES } from '../../infra/aws/functions.ts';
import { allows, asArray, cfnText, logicalId, refId, roleStatements, synth, type Resource, type Synth } from './support/synth.ts';

let s: Synth;
const fnId = () => logicalId(s.stack.functions.sla.get(SLA_MODULES.sweep)!);
const own = () => {
  const role = refId(s.json.Resources[fnId()]!.Properties.Role)!;
  return roleStatements(s.json)
    .filter(({ roles }) => roles.includes(role))
    .map(({ statement }) => statement);
};

beforeAll(() => {
  s = synth();
});

describe('the deadline sweep on AWS', () => {
  it('is invoked through its live alias every five minutes by a rule of its own, without retries', () => {
    const rules = Object.entries(s.json.Resources).filter(([, r]) => r.Type === 'AWS::Events::Rule') as Array<[string, Resource]>;
    const aliasId = logicalId(s.stack.functions.slaLive.get(SLA_MODULES.sweep)!);
    const mine = rules.filter(([, r]) => (r.Properties.Targets as Array<{ Arn: unknown }>).some((t) => refId(t.Arn) === aliasId));
    expect(mine).toHaveLength(1);
    const [[ruleId, rule]] = mine as [[string, Resource]];
    expect(ruleId).toBe(logicalId(s.stack.deadlines.schedule));
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ RetryPolicy: { MaximumRetryAttempts: 0 } })]);
    s.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { Ref: aliasId },
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
  });

  it('runs the sweep module, in less time than the gap between two runs', () => {
    const fn = s.json.Resources[fnId()]!;
    expect(fn.Properties.Description).toBe('RetireOne deadline sweep sweep-on-schedule');
    expect(fn.Properties.Timeout).toBeLessThan(5 * 60);
  });

  it('may read open cases from the status index, mark a case’s notices and fill staff inboxes, and nothing else', () => {
    const statements = own();
    const dynamo = statements.filter((st) => asArray(st.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap((st) => asArray(st.Action)).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    const by = (action: string) => dynamo.find((st) => allows(st, action))!;
    // The one index by name, never the table itself or `index/*`.
    expect(cfnText(by('dynamodb:Query').Resource)).toBe(`{{${logicalId(s.stack.data.table)}}}/index/${STATUS_INDEX}`);
    expect(by('dynamodb:UpdateItem').Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] },
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'slaNotices'] },
      StringEqualsIfExists: { 'dynamodb:ReturnValues': 'NONE' },
    });
    expect(by('dynamodb:PutItem').Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STAFF_NOTICES#*'] } });
    // The index holds keys only: the open cases themselves are read from the table, and nothing but cases.
    expect(by('dynamodb:BatchGetItem').Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } });
    for (const action of ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:GetRecords']) {
      expect(
        statements.some((st) => allows(st, action)),
        action,
      ).toBe(false);
    }
    for (const action of ['s3:GetObject', 's3:PutObject', 'states:StartExecution', 'states:SendTaskSuccess', 'kms:Sign', 'sns:Publish']) {
      expect(
        statements.some((st) => allows(st, action)),
        action,
      ).toBe(false);
    }
  });
});
