import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { SmsJob } from '../../functions/sms/sms-on-schedule.ts';

/** A message waits at most a minute for the drain, as a webhook delivery does (infra/aws/webhooks.ts). */
export const SMS_DRAIN_RATE = Duration.minutes(1);
/**
 * The invitations and deadline reminders once a day, at 09:00 Beijing time (01:00 UTC): a person retires by the
 * month and a form's deadline by the day, so once a day misses nothing, and a text arrives at a civil hour.
 */
export const SMS_DAILY = { minute: '0', hour: '1' } as const;

export interface SmsDispatchProps {
  /** The `live` alias of functions/sms/sms-on-schedule.ts. */
  fn: IFunction;
}

/**
 * The AWS hosting of infra/local/sms-dispatcher.ts: one function, two rules, each naming its job in the input.
 * Every run is idempotent on the table (claims, messages written once per key), so an invocation that is repeated
 * or overlaps the next sends nothing twice, and a missed one is caught up by the next: no retries of the invocation.
 */
export class SmsDispatch extends Construct {
  readonly drain: Rule;
  readonly daily: Rule;

  constructor(scope: Construct, id: string, props: SmsDispatchProps) {
    super(scope, id);
    const target = (job: SmsJob) => new LambdaFunction(props.fn, { retryAttempts: 0, event: RuleTargetInput.fromObject({ job }) });
    this.drain = new Rule(this, 'Drain', {
      description: 'RetireOne: send the text messages waiting in the outbox',
      schedule: Schedule.rate(SMS_DRAIN_RATE),
      targets: [target('drain')],
    });
    this.daily = new Rule(this, 'Daily', {
      description: 'RetireOne: invite people reaching retirement age soon; remind booked cases of the form deadline',
      schedule: Schedule.cron(SMS_DAILY),
      targets: [target('daily')],
    });
  }
}
