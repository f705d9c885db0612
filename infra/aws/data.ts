import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** GSI serving the staff work queue: cases by status, oldest deadline first (queueKey sorts by deadline). */
export const STATUS_INDEX = 'byStatus';

/** The single table: bookings, cases, task tokens, document records, all keyed by pk/sk. */
export class CaseData extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Citizens' cases are records of a public service: a stack deletion must never take them along.
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      // Unconfirmed bookings and consumed task tokens age out by themselves.
      timeToLiveAttribute: 'expiresAt',
    });
    this.table.addGlobalSecondaryIndex({
      indexName: STATUS_INDEX,
      partitionKey: { name: 'status', type: AttributeType.STRING },
      sortKey: { name: 'queueKey', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
}
