import { beforeAll, describe, expect, it } from 'vitest';
import { ALARM_THRESHOLDS } from '../../infra/aws/alarms.ts';
import { STATE_MACHINE_NAME } from '../../infra/aws/workflow.ts';
import { METRICS_NAMESPACE, PRODUCT_METRICS } from '../../functions/shared/metric-names.ts';
import { logicalId, refId, synth, type Resource, type Synth } from './support/synth.ts';

let s: Synth;
const ofType = (type: string): Resource[] => Object.values(s.json.Resources).filter((r) => r.Type === type);
/** The operations alarms (the deployment groups' own rollback alarms page nobody: tests/infra/gradual-deployment.test.ts). */
const alarms = () => s.stack.operations.alarms.map((a) => s.json.Resources[logicalId(a)]!);
const alarmOn = (namespace: string, metricName: string) =>
  alarms().filter((a) => a.Properties.Namespace === namespace && a.Properties.MetricName === metricName);

beforeAll(() => {
  s = synth();
});

describe('alarms and the dashboard', () => {
  it('tell one topic, encrypted with a rotated key and refusing plain HTTP, on alarm and on recovery', () => {
    const topics = ofType('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const keyId = refId(topics[0]!.Properties.KmsMasterKeyId);
    expect(s.json.Resources[keyId!]!.Properties.EnableKeyRotation).toBe(true);
    const topicId = logicalId(s.stack.operations.topic);
    const policy = ofType('AWS::SNS::TopicPolicy')[0]!;
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('aws:SecureTransport');
    expect(alarms().length).toBeGreaterThanOrEqual(11);
    for (const a of alarms()) {
      expect(a.Properties.AlarmActions.map(refId)).toEqual([topicId]);
      expect(a.Properties.OKActions.map(refId)).toEqual([topicId]);
      expect(a.Properties.TreatMissingData).toBe('notBreaching');
      expect(a.Properties.AlarmDescription.length).toBeGreaterThan(10);
    }
  });

  it('watch failed and timed-out case executions of the state machine', () => {
    // By name: see OperationsProps.stateMachineArn.
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      const [a, ...more] = alarmOn('AWS/States', metric);
      expect(more).toEqual([]);
      expect(a!.Properties.Threshold).toBe(1);
      expect(a!.Properties.Dimensions.map((d: any) => d.Name)).toEqual(['StateMachineArn']);
      expect(JSON.stringify(a!.Properties.Dimensions[0].Value)).toContain(`:stateMachine:${STATE_MACHINE_NAME}`);
    }
  });

  it('watch API server errors and p99 latency, and Lambda errors and throttles', () => {
    const apiId = logicalId(s.stack.api.httpApi);
    const [errors] = alarmOn('AWS/ApiGateway', '5xx');
    expect(errors!.Properties.Threshold).toBe(ALARM_THRESHOLDS.api5xxPerFiveMinutes);
    expect(JSON.stringify(errors!.Properties.Dimensions)).toContain(apiId);
    const [latency] = alarmOn('AWS/ApiGateway', 'Latency');
    expect(latency!.Properties.ExtendedStatistic).toBe('p99');
    expect(latency!.Properties.EvaluationPeriods).toBe(3);
    expect(alarmOn('AWS/Lambda', 'Errors')).toHaveLength(1);
    expect(alarmOn('AWS/Lambda', 'Throttles')).toHaveLength(1);
  });

  it('watch the product’s own metrics: cases needing attention or overdue, webhook and SMS backlogs', () => {
    for (const metric of Object.values(PRODUCT_METRICS)) expect(alarmOn(METRICS_NAMESPACE, metric), metric).toHaveLength(1);
  });

  it('watch the failure queue of the webhook stream', () => {
    const [a] = alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    expect(JSON.stringify(a!.Properties.Dimensions)).toContain(logicalId(s.stack.webhooks.streamFailures));
  });

  it('show on one dashboard, with every alarm in its status widget', () => {
    const [board, ...more] = ofType('AWS::CloudWatch::Dashboard');
    expect(more).toEqual([]);
    const body = JSON.stringify(board!.Properties.DashboardBody);
    for (const alarm of s.stack.operations.alarms) expect(body).toContain(logicalId(alarm));
  });
});
