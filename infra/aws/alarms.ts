import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, PRODUCT_METRICS } from '../../functions/shared/metric-names.ts';

export interface OperationsProps {
  /**
   * The state machine's ARN built from its known name, not a reference to it: the steps' deployment groups roll
   * back on the failed-executions alarm, and a reference would close a loop (step alias → group → alarm →
   * state machine → its role's invoke grant → step alias) that CloudFormation refuses.
   */
  stateMachineArn: string;
  httpApi: HttpApi;
  /** Stream records the webhook enqueuer could not take (their failure queue). */
  streamFailures: Queue;
  /** Who is told when an alarm fires (context `alarmEmail`); without it the topic has no subscriber yet. */
  alarmEmail?: string;
}

/**
 * Where each alarm starts: operational starting points for the first weeks of service, to be tuned on what the
 * dashboard shows — not policy. A case that fails, waits for a person after an error or runs overdue alarms on
 * the first one, because each is a person's retirement.
 */
export const ALARM_THRESHOLDS = {
  failedExecutions: 1,
  timedOutExecutions: 1,
  casesNeedingAttention: 1,
  casesOverdue: 1,
  api5xxPerFiveMinutes: 5,
  apiP99LatencyMs: 3000,
  lambdaErrorsPerFiveMinutes: 10,
  lambdaThrottles: 1,
  streamFailures: 1,
  webhookBacklog: 100,
  smsBacklog: 100,
} as const;

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What the service team watches: one SNS topic every alarm tells, the alarms the runbook names, and one
 * dashboard. Lambda errors and throttles are read account-wide (the metrics without dimensions): this account
 * runs this product only, and one alarm per function would be forty alarms saying the same thing.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  /** The alarms that say new code is failing: a deployment in progress rolls back on them. */
  readonly rollbackAlarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const topicKey = new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Encrypts the RetireOne alarm topic' });
    // CloudWatch publishes the alarms into the encrypted topic, so it may use the key (and nothing else may).
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', { displayName: 'RetireOne alarms', masterKey: topicKey, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const product = (metricName: string, statistic = 'Maximum') => new Metric({ namespace: METRICS_NAMESPACE, metricName, statistic, period: FIVE_MINUTES });
    const lambda = (metricName: string) => new Metric({ namespace: 'AWS/Lambda', metricName, statistic: 'Sum', period: FIVE_MINUTES });
    const executions = (metricName: string) =>
      new Metric({ namespace: 'AWS/States', metricName, dimensionsMap: { StateMachineArn: props.stateMachineArn }, statistic: 'Sum', period: FIVE_MINUTES });

    const alarm = (name: string, metric: IMetric, threshold: number, description: string, evaluationPeriods = 1) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means nothing happened: no failed case, no request — not an unknown state to page about.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    const t = ALARM_THRESHOLDS;
    const workflowFailed = alarm(
      'WorkflowFailed',
      executions('ExecutionsFailed'),
      t.failedExecutions,
      'A case workflow execution failed: the case is on the staff queue as NEEDS_ATTENTION; retry it there after fixing the cause.',
    );
    alarm('WorkflowTimedOut', executions('ExecutionsTimedOut'), t.timedOutExecutions, 'A case workflow execution timed out.');
    alarm(
      'CasesNeedingAttention',
      product(PRODUCT_METRICS.casesNeedingAttention),
      t.casesNeedingAttention,
      'A step failed after its retries: a case waits in NEEDS_ATTENTION for a supervisor.',
    );
    alarm('CasesOverdue', product(PRODUCT_METRICS.casesOverdue), t.casesOverdue, 'A case is past the date promised to the citizen (counted in working days).');
    const api5xx = alarm(
      'Api5xx',
      props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      t.api5xxPerFiveMinutes,
      'The API answered with server errors.',
    );
    alarm('ApiLatency', props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }), t.apiP99LatencyMs, 'The API is slow (p99) for 15 minutes.', 3);
    alarm(
      'LambdaErrors',
      lambda('Errors'),
      t.lambdaErrorsPerFiveMinutes,
      'Functions failed (department outages count here too until their retries ride them out).',
    );
    this.rollbackAlarms.push(workflowFailed, api5xx);
    alarm('LambdaThrottles', lambda('Throttles'), t.lambdaThrottles, 'Functions were throttled: a flood may be starving the workflow steps.');
    alarm(
      'StreamFailures',
      props.streamFailures.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES }),
      t.streamFailures,
      'Case changes the webhook enqueuer could not take wait in its failure queue.',
    );
    alarm(
      'WebhookBacklog',
      product(PRODUCT_METRICS.webhookBacklog),
      t.webhookBacklog,
      'Webhook deliveries are piling up (a platform receiver is down, or delivery is stuck).',
    );
    alarm(
      'SmsBacklog',
      product(PRODUCT_METRICS.smsBacklog),
      t.smsBacklog,
      'Text messages to citizens are piling up in the outbox (the SMS provider refuses or the drain is stuck).',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: 'RetireOne', defaultInterval: Duration.days(1) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# 退休一件事 RetireOne\nCases, the API and the deliveries to citizens and the platform. Every alarm below tells the alarm topic.',
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 3 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Case workflows',
        left: [executions('ExecutionsStarted'), executions('ExecutionsSucceeded'), executions('ExecutionsFailed'), executions('ExecutionsTimedOut')],
        width: 8,
      }),
      new GraphWidget({
        title: 'Cases needing a person',
        left: [product(PRODUCT_METRICS.casesNeedingAttention), product(PRODUCT_METRICS.casesOverdue)],
        width: 8,
      }),
      new GraphWidget({ title: 'Outboxes', left: [product(PRODUCT_METRICS.webhookBacklog), product(PRODUCT_METRICS.smsBacklog)], width: 8 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API',
        left: [props.httpApi.metricCount({ statistic: 'Sum' }), props.httpApi.metricServerError({ statistic: 'Sum' })],
        right: [props.httpApi.metricLatency({ statistic: 'p99' })],
        width: 12,
      }),
      new GraphWidget({
        title: 'Functions',
        left: [lambda('Errors'), lambda('Throttles')],
        right: [new Metric({ namespace: 'AWS/Lambda', metricName: 'ConcurrentExecutions', statistic: 'Maximum' })],
        width: 12,
      }),
    );
  }
}
