import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../../schemas/application.ts';
import type { Assignee } from '../../schemas/assignment.ts';
import type { CaseStatus, TimelineEntry } from '../../schemas/case.ts';
import { assigneeAllows } from './assignee-condition.ts';
import type { CaseRecord, SupplementRecord } from './case-record.ts';
import { statusIn } from './status-condition.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

/** The statuses in which a person works the case, so it may be claimed or handed over. */
export const ASSIGNABLE: readonly CaseStatus[] = ['NEEDS_ATTENTION', 'SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'CHECKING', 'MANUAL_REVIEW'];

/**
 * The pre-review team's writes besides decisions: asking for a supplement, taking the corrected form, claiming
 * and handing over. Each is one conditional write, so two people (or two retries) at once leave one result.
 */
export class StaffWorkStore extends TableStore {
  /**
   * Pre-review asks the citizen to correct fields: only while the case waits for a pre-review decision that
   * nobody took yet, and (unless a supervisor asks) only by the assignee of an assigned case.
   */
  async requestSupplement(
    caseNumber: string,
    round: SupplementRecord,
    entry: TimelineEntry,
    by: { staffId: string; supervisor: boolean },
    /** The message telling the citizen what and by when: written with the request, or not at all. */
    message: Record<string, unknown>,
  ): Promise<boolean> {
    const expected = statusIn(['PRE_REVIEW'], 'status');
    const assignee = assigneeAllows(by.staffId, by.supervisor);
    return this.transact([message], {
      TableName: this.table,
      Key: keys.case(caseNumber),
      UpdateExpression:
        'SET #s = :to, updatedAt = :at, timeline = list_append(timeline, :e), supplements = list_append(if_not_exists(supplements, :none), :round)',
      ConditionExpression: [expected.expression, 'preReview.outcome = :manual', 'attribute_not_exists(reviews.#pre)', assignee.expression]
        .filter(Boolean)
        .join(' AND '),
      ExpressionAttributeNames: { '#pre': 'pre-review', ...expected.names },
      ExpressionAttributeValues: {
        ':to': 'SUPPLEMENT_REQUESTED',
        ':at': entry.at,
        ':e': [entry],
        ':none': [],
        ':round': [round],
        ':manual': 'MANUAL',
        ...expected.values,
        ...assignee.values,
      },
    });
  }

  /**
   * The corrected form: replaces the form (the one it replaces is kept), closes the supplement round and sends
   * the case back to automatic pre-review, whose earlier verdict is cleared so it looks again. Only while the
   * case is SUPPLEMENT_REQUESTED and still in the round the caller read.
   */
  async receiveSupplement(record: CaseRecord, application: Application, hash: string, entry: TimelineEntry): Promise<boolean> {
    const round = (record.supplements ?? []).length - 1;
    if (round < 0 || !record.application) return false;
    const expected = statusIn(['SUPPLEMENT_REQUESTED'], 'status');
    return this.conditional({
      TableName: this.table,
      Key: keys.case(record.caseNumber),
      UpdateExpression:
        `SET #s = :to, updatedAt = :at, timeline = list_append(timeline, :e), application = :a, applicationHash = :h, supplements[${round}].receivedAt = :at, ` +
        'previousApplications = list_append(if_not_exists(previousApplications, :none), :old) REMOVE preReview',
      ConditionExpression: `${expected.expression} AND size(supplements) = :rounds AND attribute_not_exists(supplements[${round}].receivedAt)`,
      ExpressionAttributeNames: expected.names,
      ExpressionAttributeValues: {
        ':to': 'PRE_REVIEW',
        ':at': entry.at,
        ':e': [entry],
        ':a': application,
        ':h': hash,
        ':none': [],
        ':old': [record.application],
        ':rounds': round + 1,
        ...expected.values,
      },
    });
  }

  /**
   * Claim (`onlyIfFree`: nobody else holds it; claiming one's own again is harmless) or hand over (a supervisor:
   * whoever holds it). Only for a case a person works on.
   */
  async assign(caseNumber: string, assignee: Assignee, onlyIfFree: boolean): Promise<boolean> {
    const open = statusIn(ASSIGNABLE, 'status');
    return this.conditional({
      TableName: this.table,
      Key: keys.case(caseNumber),
      UpdateExpression: 'SET assignee = :a',
      ConditionExpression: [open.expression, ...(onlyIfFree ? ['(attribute_not_exists(assignee) OR assignee.staffId = :who)'] : [])].join(' AND '),
      ExpressionAttributeNames: open.names,
      ExpressionAttributeValues: { ':a': assignee, ...(onlyIfFree ? { ':who': assignee.staffId } : {}), ...open.values },
    });
  }

  private async transact(puts: Record<string, unknown>[], update: NonNullable<TransactWriteCommandInput['TransactItems']>[number]['Update']): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: update },
            ...puts.map((Item) => ({ Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  private async conditional(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand(input));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
