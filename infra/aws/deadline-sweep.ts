import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/**
 * Every five minutes: a clock changes state when a working day begins or a case moves, and both are on the
 * case already, so a notice is at most five minutes late. Each run reads every open case from the status
 * index, so running it every minute would read five times as much for nothing staff could notice. Shorter
 * than the alarm period of CasesOverdue (five minutes), so every period sees a run.
 */
export const DEADLINE_SWEEP_RATE = Duration.minutes(5);

export interface DeadlineSweepProps {
  /** The `live` alias of functions/sla/sweep-on-schedule.ts. */
  sweep: IFunction;
}

/**
 * The AWS hosting of infra/local/deadline-sweeper.ts: a schedule, never a sleeping process. Due-soon reminders
 * and overdue alerts are recorded on each case, so a run that is repeated (at-least-once invocation) sends
 * nothing twice, and a missed run is caught up by the next: no retries of the invocation itself.
 */
export class DeadlineSweep extends Construct {
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: DeadlineSweepProps) {
    super(scope, id);
    this.schedule = new Rule(this, 'Schedule', {
      description: 'RetireOne: remind staff of cases due soon, alert supervisors of overdue ones (working days)',
      schedule: Schedule.rate(DEADLINE_SWEEP_RATE),
      targets: [new LambdaFunction(props.sweep, { retryAttempts: 0 })],
    });
  }
}
