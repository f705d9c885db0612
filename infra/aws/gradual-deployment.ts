import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarm, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaApplication, LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Alias } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface GradualDeploymentProps {
  /** Every function's `live` alias, by `<kind>/<module>`. */
  aliases: ReadonlyMap<string, Alias>;
  /** Service-wide alarms that also roll a deployment back (failed executions, API 5xx, …). */
  serviceAlarms: IAlarm[];
  /** The CodeDeploy application's name, one per stack that holds groups (application names are per account and region). */
  applicationName: string;
}

/**
 * New function code reaches people gradually: CodeDeploy moves each `live` alias 10% first, then the rest after
 * five minutes, and moves it back by itself when the new version errs or a service alarm fires meanwhile.
 * The state machine itself needs none of this: each execution keeps the version it started on.
 *
 * Built once in each stack that holds functions (the main stack, and the API functions' nested stack), so every
 * group sits beside its alias.
 */
export class GradualDeployment extends Construct {
  readonly groups = new Map<string, LambdaDeploymentGroup>();
  readonly role: Role;

  constructor(scope: Construct, id: string, props: GradualDeploymentProps) {
    super(scope, id);
    const application = new LambdaApplication(this, 'Application', { applicationName: props.applicationName });
    // One service role for all groups of this stack (one each would cost a resource apiece).
    const role = new Role(this, 'CodeDeployRole', { assumedBy: new ServicePrincipal('codedeploy.amazonaws.com') });
    this.role = role;
    // LambdaDeploymentGroup gives it AWS's limited CodeDeploy-for-Lambda policy (aliases, alarms, hooks named
    // CodeDeployHook_* only), whatever role it is handed: accepted, and the one managed policy in the stack.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason: 'Attached by LambdaDeploymentGroup itself; AWS keeps it to what CodeDeploy needs on Lambda (read and move aliases, read alarms).',
    });
    for (const [name, alias] of props.aliases) {
      const safe = name.replace(/[^A-Za-z0-9]/g, '-');
      // The new version's own errors, on the alias while it carries traffic.
      const errors = new Alarm(this, `${safe}-Errors`, {
        alarmDescription: `RetireOne ${name}: errors of the live alias during a deployment (rolls it back)`,
        metric: alias.metricErrors({ period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      this.groups.set(
        name,
        new LambdaDeploymentGroup(this, safe, {
          application,
          role,
          alias,
          deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
          alarms: [errors, ...props.serviceAlarms],
          autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
        }),
      );
    }
  }
}
