import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Application, CaseStatus, DepartmentKey, TimelineEntry } from '../../schemas/index.ts';
import type { Attention } from '../../schemas/case.ts';
import { DepartmentKey as DepartmentKeySchema, DepartmentResult } from '../../schemas/department-result.ts';
import { OPEN_STATUSES } from '../../schemas/case.ts';
import { assigneeAllows } from './assignee-condition.ts';
import { CaseRecord, parseRecord, type StaffReview } from './case-record.ts';
import { latestPerCase } from './latest-per-case.ts';
import { unlockPerson } from './person-lock.ts';
import { statusIn } from './status-condition.ts';
import { StoredToken } from './task-token-store.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

const TERMINAL: readonly CaseStatus[] = ['COMPLETED', 'EXPIRED', 'WITHDRAWN'];

export type SubmitResult = 'accepted' | 'same' | 'different' | 'closed' | 'not-found';

/**
 * Every write here is conditional, so a step that runs twice (Lambda's at-least-once delivery, a replay
 * after a restart) changes nothing the second time.
 */

/** Just what a department check reads (a projection of the case record), when no copy of the case is handed to it. */
const CheckView = CaseRecord.pick({ caseNumber: true, idNumber: true, application: true }).extend({
  // Projecting an answer not yet recorded (health has no placeholder) leaves no `departments` at all.
  departments: z.partialRecord(DepartmentKeySchema, DepartmentResult).default({}),
});

type CheckView = z.infer<typeof CheckView>;

export class CaseStore extends TableStore {
  async get(caseNumber: string): Promise<CaseRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(caseNumber), ConsistentRead: true }));
    return out.Item ? parseRecord(CaseRecord, out.Item, `case ${caseNumber}`) : undefined;
  }

  /**
   * The case and the task token a waiting step left for `stage`, in one request (BatchGet, both read consistently):
   * the form's submission resumes the workflow with that token after its write, without reading it again (issue 13).
   */
  async getWithToken(caseNumber: string, stage: string): Promise<{ record?: CaseRecord; token?: string }> {
    const caseKey = keys.case(caseNumber);
    const tokenKey = keys.taskToken(caseNumber, stage);
    const items = await this.getAll([caseKey, tokenKey]);
    const caseItem = items.find((i) => i.sk === caseKey.sk);
    const tokenItem = items.find((i) => i.sk === tokenKey.sk);
    return {
      ...(caseItem ? { record: parseRecord(CaseRecord, caseItem, `case ${caseNumber}`) } : {}),
      ...(tokenItem ? { token: parseRecord(StoredToken, tokenItem, `task token ${caseNumber}/${stage}`).token } : {}),
    };
  }

  /** Just what a department check reads: who, the form, and that department's recorded answer. */
  async getForCheck(caseNumber: string, department: DepartmentKey): Promise<CheckView | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.case(caseNumber),
        ConsistentRead: true,
        ProjectionExpression: 'caseNumber, idNumber, application, departments.#d',
        ExpressionAttributeNames: { '#d': department },
      }),
    );
    return out.Item ? parseRecord(CheckView, out.Item, `case ${caseNumber}`) : undefined;
  }

  /**
   * Records one department's answer on the case while the case is being checked and the answer is still
   * pending: the check's answer stays in the table, so the workflow's payload (and its logs) carries only
   * the outcome. A second run finds it recorded and changes nothing (`false`). A department that joins only where
   * the city takes part (health) has no placeholder from the booking: its first answer is written where none is.
   */
  async recordCheck(caseNumber: string, department: DepartmentKey, result: DepartmentResult): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(caseNumber),
          UpdateExpression: 'SET departments.#d = :r',
          ConditionExpression: '#s = :checking AND (attribute_not_exists(departments.#d) OR departments.#d.outcome = :pending)',
          ExpressionAttributeNames: { '#s': 'status', '#d': department },
          ExpressionAttributeValues: { ':r': result, ':checking': 'CHECKING', ':pending': 'PENDING' },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /**
   * Stores the one form once, with the citizen's message that it arrived (written with it, or not at all). The
   * identical form again is `same`; another form is `different`.
   */
  async submitApplication(
    caseNumber: string,
    application: Application,
    hash: string,
    entry: TimelineEntry,
    message?: Record<string, unknown>,
    /** The submitter's audit line (AuditStore.itemOf), written only with the submission. */
    audit?: Record<string, unknown>,
  ): Promise<SubmitResult> {
    const update = {
      TableName: this.table,
      Key: keys.case(caseNumber),
      UpdateExpression: 'SET application = :a, applicationHash = :h, #s = :to, updatedAt = :at, timeline = list_append(timeline, :e)',
      ConditionExpression: 'attribute_exists(pk) AND #s = :booked AND attribute_not_exists(application)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':a': application, ':h': hash, ':to': 'SUBMITTED', ':booked': 'BOOKED', ':at': entry.at, ':e': [entry] },
    };
    try {
      const puts = [
        ...(message ? [{ Put: { TableName: this.table, Item: message, ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
        ...(audit ? [{ Put: { TableName: this.table, Item: audit } }] : []),
      ];
      if (puts.length > 0) {
        await this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...puts] }));
      } else {
        await this.db.send(new UpdateCommand(update));
      }
      return 'accepted';
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException) && !(err instanceof TransactionCanceledException)) throw err;
      const current = await this.get(caseNumber);
      if (!current) return 'not-found';
      if (current.applicationHash) return current.applicationHash === hash ? 'same' : 'different';
      return 'closed';
    }
  }

  /**
   * Moves the case from one of `from` to `to` and appends to the timeline, atomically, together with any
   * `set` fields. Returns false when the case was not in `from` (already moved: the replay case). Reaching
   * an end state frees the person to book again, in the same transaction.
   */
  async transition(
    caseNumber: string,
    from: readonly CaseStatus[],
    to: CaseStatus,
    entry: Omit<TimelineEntry, 'status'>,
    set: Record<string, unknown> = {},
  ): Promise<boolean> {
    return this.advance(caseNumber, from, [{ ...entry, status: to }], set);
  }

  /**
   * Like `transition`, through several statuses in one write (e.g. PRE_REVIEW then CHECKING): each gets
   * its timeline entry and the case ends in the last one. One write instead of several keeps a case's
   * steps cheap and leaves no in-between state to recover from.
   */
  async advance(
    caseNumber: string,
    from: readonly CaseStatus[],
    entries: TimelineEntry[],
    /** Attributes set with the move; a key with dots sets one entry of a map (`documents.<id>`), leaving the others. */
    set: Record<string, unknown> = {},
    /** Items written in the same transaction, each only if absent (e.g. the notification of the result). */
    alsoPut: Record<string, unknown>[] = [],
    /** The case's ID number, when the caller holds it: an end state frees it without reading the case again. */
    idNumber?: string,
    /** Updates applied in the same transaction (e.g. the team's running totals when a case completes). */
    alsoUpdate: NonNullable<TransactWriteCommandInput['TransactItems']>[number]['Update'][] = [],
    /**
     * For a step that decided from a copy of the case handed to it rather than its own read
     * (functions/steps/case-snapshot.ts): the timeline's length in that copy. Every move of a case appends to its
     * timeline, so the write applies only if the case has not moved since the copy was made; otherwise false, and the
     * step reads the case and decides again.
     */
    guard?: { timelineLength: number },
  ): Promise<boolean> {
    const last = entries.at(-1)!;
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':to': last.status, ':at': last.at, ':e': entries };
    const sets = ['#s = :to', 'updatedAt = :at', 'timeline = list_append(timeline, :e)'];
    Object.entries(set).forEach(([k, v], i) => {
      const path = k.split('.').map((part, j) => {
        names[`#f${i}_${j}`] = part;
        return `#f${i}_${j}`;
      });
      values[`:f${i}`] = v;
      sets.push(`${path.join('.')} = :f${i}`);
    });
    const condition = statusIn(from);
    if (guard) values[':length'] = guard.timelineLength;
    const update = {
      TableName: this.table,
      Key: keys.case(caseNumber),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: guard ? `${condition.expression} AND size(timeline) = :length` : condition.expression,
      ExpressionAttributeNames: { ...names, ...condition.names },
      ExpressionAttributeValues: { ...values, ...condition.values },
    };
    try {
      const puts = alsoPut.map((Item) => ({ Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } }));
      if (!TERMINAL.includes(last.status) && puts.length === 0 && alsoUpdate.length === 0) {
        await this.db.send(new UpdateCommand(update));
        return true;
      }
      const unlock = [];
      if (TERMINAL.includes(last.status)) {
        const person = idNumber ?? (await this.get(caseNumber))?.idNumber;
        if (!person) return false;
        unlock.push(unlockPerson(this.table, person, caseNumber));
      }
      const updates = alsoUpdate.map((u) => ({ Update: u }));
      await this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...unlock, ...puts, ...updates] }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException || err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  /**
   * A step failed after its retries: the case goes to NEEDS_ATTENTION from the status it was in, with why.
   * Not an end state, so the person's open-case lock stays. Returns false when the case was no longer in
   * `attention.fromStatus` (already marked by a replay, or moved on).
   */
  async markNeedsAttention(caseNumber: string, attention: Attention, note: string): Promise<boolean> {
    return this.transition(caseNumber, [attention.fromStatus], 'NEEDS_ATTENTION', { at: attention.at, actor: 'system', note }, { attention });
  }

  /**
   * A supervisor retries a NEEDS_ATTENTION case: back to the status it failed in, the attention cleared and
   * the retry counted, in one conditional write. Returns the retry number (names the new execution), or
   * undefined when the case was not NEEDS_ATTENTION.
   */
  async retryFromAttention(record: CaseRecord, entry: Omit<TimelineEntry, 'status'>): Promise<number | undefined> {
    const from = record.attention?.fromStatus;
    if (record.status !== 'NEEDS_ATTENTION' || !from) return undefined;
    const expected = statusIn(['NEEDS_ATTENTION'], 'expected');
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(record.caseNumber),
          UpdateExpression:
            'SET #s = :to, updatedAt = :at, timeline = list_append(timeline, :e), retries = if_not_exists(retries, :zero) + :one REMOVE attention',
          ConditionExpression: `${expected.expression} AND attention.fromStatus = :to`,
          ExpressionAttributeNames: expected.names,
          ExpressionAttributeValues: { ':to': from, ':at': entry.at, ':e': [{ ...entry, status: from }], ':zero': 0, ':one': 1, ...expected.values },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.retries);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  /**
   * Withdraws the case, if it is waiting for a person (the form, a pre-review or manual decision, or staff
   * after a failed step — NEEDS_ATTENTION): the case
   * ends, the person may book again and a window seat is given back — one transaction, so a second
   * withdrawal changes nothing. Returns false when the case was not waiting.
   */
  async withdraw(record: CaseRecord, entry: Omit<TimelineEntry, 'status'>): Promise<boolean> {
    const waiting = statusIn(['BOOKED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'MANUAL_REVIEW', 'NEEDS_ATTENTION']);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.case(record.caseNumber),
                UpdateExpression: 'SET #s = :to, updatedAt = :at, timeline = list_append(timeline, :e)',
                ConditionExpression: waiting.expression,
                ExpressionAttributeNames: waiting.names,
                ExpressionAttributeValues: { ':to': 'WITHDRAWN', ':at': entry.at, ':e': [{ ...entry, status: 'WITHDRAWN' }], ...waiting.values },
              },
            },
            unlockPerson(this.table, record.idNumber, record.caseNumber),
            ...(record.slot
              ? [
                  {
                    Update: {
                      TableName: this.table,
                      Key: keys.slot(record.slot.slotId),
                      UpdateExpression: 'SET booked = booked - :one',
                      ConditionExpression: 'booked > :zero',
                      ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  /**
   * A staff decision, recorded once per stage and department; the note goes on the timeline.
   * Returns false if that decision was already taken.
   */
  async recordReview(
    caseNumber: string,
    reviewKey: string,
    review: StaffReview,
    expectStatus: CaseStatus,
    then?: { status: CaseStatus; note: string },
    /**
     * `excludedBy`: decisions that exclude this one (a case-wide manual decision and a department's cannot both
     * stand). `department`: a manual decision on one department, only while it is still MANUAL (a recheck may
     * have answered it).
     */
    opts: { excludedBy?: readonly string[]; department?: DepartmentKey; by?: { staffId: string; supervisor: boolean } } = {},
  ): Promise<boolean> {
    const entries: TimelineEntry[] = [
      {
        at: review.at,
        status: expectStatus,
        actor: review.actor,
        note: `${review.stage === 'manual' ? '人工审核' : '预审'}：${review.outcome === 'PASS' ? '通过' : '不通过'}。${review.note}`,
      },
      ...(then ? [{ at: review.at, status: then.status, actor: 'system', note: then.note }] : []),
    ];
    const { excludedBy = [], department, by } = opts;
    const expected = statusIn([expectStatus], 'status');
    const assignee = by ? assigneeAllows(by.staffId, by.supervisor) : undefined;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(caseNumber),
          UpdateExpression: 'SET reviews.#k = :r, updatedAt = :at, timeline = list_append(timeline, :e), #s = :next REMOVE overdue',
          ConditionExpression: [
            expected.expression,
            'attribute_not_exists(reviews.#k)',
            ...excludedBy.map((_, i) => `attribute_not_exists(reviews.#x${i})`),
            ...(department ? ['departments.#d.outcome = :manual'] : []),
            ...(assignee?.expression ? [assignee.expression] : []),
          ].join(' AND '),
          ExpressionAttributeNames: {
            '#k': reviewKey,
            ...Object.fromEntries(excludedBy.map((k, i) => [`#x${i}`, k])),
            ...(department ? { '#d': department } : {}),
            ...expected.names,
          },
          ExpressionAttributeValues: {
            ':r': review,
            ':at': review.at,
            ':e': entries,
            ':next': entries.at(-1)!.status,
            ...(department ? { ':manual': 'MANUAL' } : {}),
            ...expected.values,
            ...assignee?.values,
          },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /**
   * A staff recheck's fresh answer from a department that was unavailable: recorded only while the case waits
   * for manual review, that department is still MANUAL with DEPARTMENT_UNAVAILABLE, and no staff decision
   * covers it (a decision on a department that is no longer MANUAL would break the Decide step).
   * Returns false otherwise: someone else got there first.
   */
  async recordRecheck(caseNumber: string, department: DepartmentKey, result: DepartmentResult, entry: TimelineEntry): Promise<boolean> {
    const expected = statusIn(['MANUAL_REVIEW'], 'status');
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(caseNumber),
          UpdateExpression: 'SET departments.#d = :r, updatedAt = :at, timeline = list_append(timeline, :e)',
          ConditionExpression:
            `${expected.expression} AND departments.#d.outcome = :manual AND departments.#d.reasons[0].code = :unavailable` +
            ' AND attribute_not_exists(reviews.#own) AND attribute_not_exists(reviews.#all)',
          ExpressionAttributeNames: { '#d': department, '#own': `manual#${department}`, '#all': 'manual#all', ...expected.names },
          ExpressionAttributeValues: {
            ':r': result,
            ':at': entry.at,
            ':e': [entry],
            ':manual': 'MANUAL',
            ':unavailable': 'DEPARTMENT_UNAVAILABLE',
            ...expected.values,
          },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /** Cases in the given statuses, oldest application deadline first (GSI byStatus). */
  async listByStatus(statuses: readonly CaseStatus[] = OPEN_STATUSES): Promise<CaseRecord[]> {
    const all: CaseRecord[] = [];
    for (const status of statuses) {
      const items = await this.listInStatus(status);
      all.push(...items.map((item) => parseRecord(CaseRecord, item, `case ${String(item.caseNumber)}`)));
    }
    return latestPerCase(all).sort((a, b) => a.queueKey.localeCompare(b.queueKey));
  }
}
