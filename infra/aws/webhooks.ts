import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keys } from '../../functions/adapters/table-keys.ts';

export interface WebhookDispatchProps {
  table: ITable;
  /** The `live` aliases of functions/webhooks/enqueue-from-stream.ts and deliver-on-schedule.ts. */
  enqueue: IFunction;
  deliver: IFunction;
}

/** Stream records are case records only: pk CASE#…, sk CASE (functions/adapters/table-keys.ts). */
const CASE_SORT_KEY = keys.case('x').sk;
const CASE_PREFIX = keys.case('').pk;

/**
 * The AWS hosting of infra/local/webhook-dispatcher.ts: the table's stream turns case changes into outbox
 * deliveries, and a schedule sends what is due every minute. Both halves are idempotent, so Lambda's
 * at-least-once delivery is harmless.
 *
 * A batch that keeps failing is bisected to isolate the record at fault, retried, and after 24 hours (the
 * stream's own retention) its position goes to the failure queue. Nothing is lost meanwhile: the per-case
 * cursor stays where it was, so the case's next change enqueues every event since. The delivery function
 * runs outside any VPC (the receivers are on the internet).
 * Read: AWS Lambda developer guide, "Using event filtering with a DynamoDB event source" (filters on the
 * `dynamodb` key only, Keys by prefix) and "Configuring partial batch response / BisectBatchOnFunctionError".
 */
export class WebhookDispatch extends Construct {
  /** Where the stream's failed batches are recorded (shard and sequence numbers, not the records). */
  readonly streamFailures: Queue;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: WebhookDispatchProps) {
    super(scope, id);
    this.streamFailures = new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    props.enqueue.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        // A batch's cases are enqueued one after another; 50 fit well inside the function's timeout.
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(2),
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.streamFailures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(CASE_PREFIX) }, sk: { S: FilterRule.isEqual(CASE_SORT_KEY) } } },
          }),
        ],
      }),
    );
    // A missed minute is no loss (the outbox keeps what is due): no retries of the invocation itself.
    this.schedule = new Rule(this, 'DeliverySchedule', {
      description: 'RetireOne: send due webhook deliveries from the outbox',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(props.deliver, { retryAttempts: 0 })],
    });
  }
}
