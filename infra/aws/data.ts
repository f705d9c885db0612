import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { PERSON_INDEX, PERSON_INDEX_ATTRIBUTES, PERSON_INDEX_KEY } from '../../functions/adapters/table-keys.ts';

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
      // Webhooks: case changes become outbox deliveries from the stream (infra/aws/webhooks.ts). Both images,
      // so the enqueuer can tell a timeline that grew from any other change of the case.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: STATUS_INDEX,
      partitionKey: { name: 'status', type: AttributeType.STRING },
      sortKey: { name: 'queueKey', type: AttributeType.STRING },
      // Keys only: the queues read their items from the table (TableStore.listInStatus), so a write to a case
      // that leaves its status and queue key as they were writes nothing here, and one that moves it writes a
      // few bytes instead of a copy of the whole case (issue 13: over half of a case's write units were this copy).
      projectionType: ProjectionType.KEYS_ONLY,
    });
    // A citizen's own cases (GET /v1/cases). Only what the list shows is copied into the index: no form,
    // no bank account, no name beside the ID number it is keyed by.
    this.table.addGlobalSecondaryIndex({
      indexName: PERSON_INDEX,
      partitionKey: { name: PERSON_INDEX_KEY.partition, type: AttributeType.STRING },
      sortKey: { name: PERSON_INDEX_KEY.sort, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...PERSON_INDEX_ATTRIBUTES],
    });
  }
}
