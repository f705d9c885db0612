import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { StaffNotice } from '../../schemas/staff-case.ts';
import { parseRecord } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

const Stored = z.object(StaffNotice.shape);
/** Each recipient's inbox is one partition; the deadline sweep's IAM grant on AWS is narrowed to these (infra/aws/functions.ts). */
export const STAFF_NOTICES_PREFIX = 'STAFF_NOTICES#';
const inbox = (to: string) => `${STAFF_NOTICES_PREFIX}${to}`;

/**
 * Reminders for staff: due soon (to the assignee, or the team when nobody holds the case) and overdue (to the
 * supervisors). Each is sent once per case, clock and kind: the case records it in the same transaction,
 * conditionally, so a sweep that runs twice, or again after a restart, sends nothing new.
 */
export class StaffNoticeStore extends TableStore {
  /** Returns false when this notice was already sent. */
  async sendOnce(notice: StaffNotice, key: string): Promise<boolean> {
    try {
      // A nested key can be tested only inside an existing map: make sure there is one (harmless when there is).
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(notice.caseNumber),
          UpdateExpression: 'SET slaNotices = if_not_exists(slaNotices, :none)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':none': {} },
        }),
      );
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.case(notice.caseNumber),
                UpdateExpression: 'SET slaNotices.#k = :at',
                ConditionExpression: 'attribute_not_exists(slaNotices.#k)',
                ExpressionAttributeNames: { '#k': key },
                ExpressionAttributeValues: { ':at': notice.at },
              },
            },
            { Put: { TableName: this.table, Item: { pk: inbox(notice.to), sk: `${notice.at}#${notice.caseNumber}#${notice.kind}`, ...notice } } },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  /** The reminders addressed to any of `recipients`, newest first. */
  async forRecipients(recipients: readonly string[], limit = 100): Promise<StaffNotice[]> {
    const all: StaffNotice[] = [];
    for (const to of recipients) {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': inbox(to) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      all.push(...(out.Items ?? []).map((item) => parseRecord(Stored, item, `notice for ${to}`)));
    }
    return all.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }
}
