/**
 * The text-message job on AWS (infra/aws/sms-dispatch.ts): one function for the outbox drain (every minute) and the
 * daily invitations and reminders, each rule naming its job; least privilege: SMS# items and nothing of a case,
 * and sns:Publish to phone numbers only (every topic denied), or no AWS permission with a gateway.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { STATUS_INDEX } from '../../infra/aws/data.ts';
import { SMS_MODULES } from '../../infra/aws/functions.ts';
import { asArray, cfnText, logicalId, refId, roleStatements, synth, type Resource, type Synth } from './support/synth.ts';

const statementsOf = (s: Synth) => {
  const role = refId(s.json.Resources[logicalId(s.stack.functions.sms.get(SMS_MODULES.dispatch)!)]!.Properties.Role)!;
  return roleStatements(s.json)
    .filter(({ roles }) => roles.includes(role))
    .map(({ statement }) => statement);
};
const actionsOf = (statements: ReturnType<typeof statementsOf>, effect = 'Allow') =>
  statements.filter((st) => st.Effect === effect).flatMap((st) => asArray(st.Action as string | string[]));

describe('the text-message job on AWS (SNS, the default)', () => {
  let s: Synth;
  beforeAll(() => {
    s = synth();
  });

  it('is invoked through its live alias by two rules of its own: the drain every minute, the daily jobs at 09:00 Beijing', () => {
    const aliasId = logicalId(s.stack.functions.smsLive.get(SMS_MODULES.dispatch)!);
    const rules = (Object.entries(s.json.Resources) as Array<[string, Resource]>).filter(
      ([, r]) => r.Type === 'AWS::Events::Rule' && (r.Properties.Targets as Array<{ Arn: unknown }>).some((t) => refId(t.Arn) === aliasId),
    );
    const byId = new Map(rules);
    expect([...byId.keys()].sort()).toEqual([logicalId(s.stack.textMessages.daily), logicalId(s.stack.textMessages.drain)].sort());
    const drain = byId.get(logicalId(s.stack.textMessages.drain))!;
    const daily = byId.get(logicalId(s.stack.textMessages.daily))!;
    expect(drain.Properties).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
    expect(daily.Properties).toMatchObject({ ScheduleExpression: 'cron(0 1 * * ? *)', State: 'ENABLED' });
    for (const [rule, job] of [
      [drain, 'drain'],
      [daily, 'daily'],
    ] as const) {
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Input: JSON.stringify({ job }), RetryPolicy: { MaximumRetryAttempts: 0 } })]);
    }
    for (const id of byId.keys()) {
      s.template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        FunctionName: { Ref: aliasId },
        SourceArn: { 'Fn::GetAtt': [id, 'Arn'] },
      });
    }
  });

  it('runs the job module with SNS as its provider, and outlasts a drain run', () => {
    const fn = s.json.Resources[logicalId(s.stack.functions.sms.get(SMS_MODULES.dispatch)!)]!;
    expect(fn.Properties.Description).toBe('RetireOne text messages sms-on-schedule');
    expect(fn.Properties.Environment.Variables.SMS_PROVIDER).toBe('sns');
    expect(fn.Properties.Environment.Variables.SMS_GATEWAY_URL).toBeUndefined();
    // A drain run: 40 s of rounds and one 10 s send (functions/sms/sms-on-schedule.ts SMS_LIMITS).
    expect(fn.Properties.Timeout).toBeGreaterThan(50);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(15 * 60);
  });

  it('may publish to phone numbers only and write message items, nothing of a case', () => {
    const statements = statementsOf(s);
    const allowed = actionsOf(statements);
    expect(allowed.filter((a) => a.startsWith('sns:'))).toEqual(['sns:Publish']);
    const publish = statements.find((st) => st.Effect === 'Allow' && asArray(st.Action as string[]).includes('sns:Publish'))!;
    expect(publish.Resource).toBe('*');
    const deny = statements.find((st) => st.Effect === 'Deny')!;
    expect(deny.Action).toBe('sns:Publish');
    // Every topic in every region and account: only a phone number (no ARN) is left to publish to.
    expect(cfnText(deny.Resource)).toBe('arn:{{AWS::Partition}}:sns:*:*:*');

    const writes = statements.filter((st) => st.Effect === 'Allow' && asArray(st.Action as string[]).some((a) => /^dynamodb:(Put|Update|Delete)/.test(a)));
    const conditions = writes.map((st) => st.Condition);
    expect(conditions).toContainEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SMS#*'] } });
    // Nothing of a case: the 已短信通知 note is read from the message's own mark when the case is read.
    expect(writes.filter((st) => JSON.stringify(st.Condition ?? {}).includes('CASE#'))).toEqual([]);
    expect(writes.map((st) => st.Condition)).toEqual([{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SMS#*'] } }]);
    // Every write is conditioned on its prefixes; nothing writes the whole table.
    for (const st of writes) expect(st.Condition, JSON.stringify(st.Action)).toBeDefined();
    // Reads: the table and its one index by name (never index/*).
    const reads = statements.find((st) => st.Effect === 'Allow' && asArray(st.Action as string[]).includes('dynamodb:Query'))!;
    expect(asArray(reads.Resource).map(cfnText)).toContain(`{{${logicalId(s.stack.data.table)}}}/index/${STATUS_INDEX}`);
    for (const action of ['dynamodb:BatchWriteItem', 'dynamodb:Scan', 's3:GetObject', 's3:PutObject', 'kms:Sign', 'states:StartExecution', 'sns:CreateTopic']) {
      expect(
        allowed.some((a) => a === action || a === `${action.split(':')[0]}:*`),
        action,
      ).toBe(false);
    }
  });
});

describe('the text-message job with an HTTP SMS gateway', () => {
  let s: Synth;
  beforeAll(() => {
    s = synth({ smsProvider: 'http', smsGatewayUrl: 'https://sms-gateway.test/messages' });
  });

  it('is told the gateway and gets no SNS permission at all', () => {
    const fn = s.json.Resources[logicalId(s.stack.functions.sms.get(SMS_MODULES.dispatch)!)]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({ SMS_PROVIDER: 'http', SMS_GATEWAY_URL: 'https://sms-gateway.test/messages' });
    const statements = statementsOf(s);
    expect([...actionsOf(statements), ...actionsOf(statements, 'Deny')].filter((a) => a.startsWith('sns:'))).toEqual([]);
  });

  it('refuses a gateway that is not https, or none', () => {
    expect(() => synth({ smsProvider: 'http', smsGatewayUrl: 'http://sms-gateway.test/' })).toThrow(/smsGatewayUrl/);
    expect(() => synth({ smsProvider: 'http' })).toThrow(/smsGatewayUrl/);
    expect(() => synth({ smsProvider: 'carrier-pigeon' })).toThrow(/smsProvider/);
  }, 120_000);
});
