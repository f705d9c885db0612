import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Application, CaseStatus, DepartmentKey, TimelineEntry } from '../../schemas/index.ts';
import { OPEN_STATUSES } from '../../schemas/case.ts';
import type { AuditEntry } from '../../schemas/review.ts';
import type { CaseRecord, StaffReview, StoredDocument } from './case-record.ts';
import { keys, STATUS_INDEX } from './table-keys.ts';
import { TableStore } from './table-store.ts';

const TERMINAL: readonly CaseStatus[] = ['COMPLETED', 'EXPIRED', 'WITHDRAWN'];

export type SubmitResult = 'accepted' | 'same' | 'different' | 'closed' | 'not-found';

/**
 * Every write here is conditional, so a step that runs twice (Lambda's at-least-once delivery, a replay
 * after a restart) changes nothing the second time.
 */
export class CaseStore extends TableStore {
  async get(caseNumber: string): Promise<CaseRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(caseNumber), ConsistentRead: true }));
    return out.Item as CaseRecord | undefined;
  }

  /** Just what a department check reads: who, the form, and that department's recorded answer. */
  async getForCheck(caseNumber: string, department: DepartmentKey): Promise<Pick<CaseRecord, 'caseNumber' | 'idNumber' | 'application'> & { departments: Partial<CaseRecord['departments']> } | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.case(caseNumber),
        ConsistentRead: true,
        ProjectionExpression: 'caseNumber, idNumber, application, departments.#d',
        ExpressionAttributeNames: { '#d': department },
      }),
    );
    return out.Item as never;
  }

  /** Stores the one form once. The identical form again is `same`; another form is `different`. */
  async submitApplication(caseNumber: string, application: Application, hash: string, entry: TimelineEntry): Promise<SubmitResult> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(caseNumber),
          UpdateExpression: 'SET application = :a, applicationHash = :h, #s = :to, updatedAt = :at, timeline = list_append(timeline, :e)',
          ConditionExpression: 'attribute_exists(pk) AND #s = :booked AND attribute_not_exists(application)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':a': application, ':h': hash, ':to': 'SUBMITTED', ':booked': 'BOOKED', ':at': entry.at, ':e': [entry] },
        }),
      );
      return 'accepted';
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
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
    set: Record<string, unknown> = {},
    /** Items written in the same transaction, each only if absent (e.g. the notification of the result). */
    alsoPut: Record<string, unknown>[] = [],
    /** The case's ID number, when the caller holds it: an end state frees it without reading the case again. */
    idNumber?: string,
  ): Promise<boolean> {
    const last = entries.at(-1)!;
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':to': last.status, ':at': last.at, ':e': entries };
    const sets = ['#s = :to', 'updatedAt = :at', 'timeline = list_append(timeline, :e)'];
    Object.entries(set).forEach(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      sets.push(`#f${i} = :f${i}`);
    });
    from.forEach((s, i) => (values[`:from${i}`] = s));
    const update = {
      TableName: this.table,
      Key: keys.case(caseNumber),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: `#s IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    try {
      const puts = alsoPut.map((Item) => ({ Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } }));
      if (!TERMINAL.includes(last.status) && puts.length === 0) {
        await this.db.send(new UpdateCommand(update));
        return true;
      }
      const unlock = [];
      if (TERMINAL.includes(last.status)) {
        const person = idNumber ?? (await this.get(caseNumber))?.idNumber;
        if (!person) return false;
        unlock.push(this.unlockPerson(person, caseNumber));
      }
      await this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...unlock, ...puts] }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException || err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  /** Frees the person to book again, unless the lock already names another case. */
  private unlockPerson(idNumber: string, caseNumber: string) {
    return {
      Delete: {
        TableName: this.table,
        Key: keys.openCaseLock(idNumber),
        ConditionExpression: 'attribute_not_exists(pk) OR caseNumber = :c',
        ExpressionAttributeValues: { ':c': caseNumber },
      },
    };
  }

  /**
   * Withdraws the case, if it is waiting for a person (the form, a pre-review or manual decision): the case
   * ends, the person may book again and a window seat is given back — one transaction, so a second
   * withdrawal changes nothing. Returns false when the case was not waiting.
   */
  async withdraw(record: CaseRecord, entry: Omit<TimelineEntry, 'status'>): Promise<boolean> {
    const waiting: CaseStatus[] = ['BOOKED', 'PRE_REVIEW', 'MANUAL_REVIEW'];
    const values: Record<string, unknown> = { ':to': 'WITHDRAWN', ':at': entry.at, ':e': [{ ...entry, status: 'WITHDRAWN' }] };
    waiting.forEach((s, i) => (values[`:w${i}`] = s));
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.case(record.caseNumber),
                UpdateExpression: 'SET #s = :to, updatedAt = :at, timeline = list_append(timeline, :e)',
                ConditionExpression: `#s IN (${waiting.map((_, i) => `:w${i}`).join(', ')})`,
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: values,
              },
            },
            this.unlockPerson(record.idNumber, record.caseNumber),
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
  async recordReview(caseNumber: string, reviewKey: string, review: StaffReview, expectStatus: CaseStatus, then?: { status: CaseStatus; note: string }): Promise<boolean> {
    const entries: TimelineEntry[] = [
      { at: review.at, status: expectStatus, actor: review.actor, note: `${review.stage === 'manual' ? '人工审核' : '预审'}：${review.outcome === 'PASS' ? '通过' : '不通过'}。${review.note}` },
      ...(then ? [{ at: review.at, status: then.status, actor: 'system', note: then.note }] : []),
    ];
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.case(caseNumber),
          UpdateExpression: 'SET reviews.#k = :r, updatedAt = :at, timeline = list_append(timeline, :e), #s = :next REMOVE overdue',
          ConditionExpression: '#s = :status AND attribute_not_exists(reviews.#k)',
          ExpressionAttributeNames: { '#k': reviewKey, '#s': 'status' },
          ExpressionAttributeValues: { ':r': review, ':at': review.at, ':e': entries, ':status': expectStatus, ':next': entries.at(-1)!.status },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async flagOverdue(caseNumber: string, stage: string, since: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.case(caseNumber),
        UpdateExpression: 'SET overdue = if_not_exists(overdue, :o)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':o': { stage, since } },
      }),
    );
  }

  async saveTaskToken(caseNumber: string, stage: string, token: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.taskToken(caseNumber, stage), token, at } }));
  }

  async getTaskToken(caseNumber: string, stage: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.taskToken(caseNumber, stage), ConsistentRead: true }));
    return out.Item?.token as string | undefined;
  }

  /** Cases in the given statuses, oldest application deadline first (GSI byStatus). */
  async listByStatus(statuses: readonly CaseStatus[] = OPEN_STATUSES): Promise<CaseRecord[]> {
    const all: CaseRecord[] = [];
    for (const status of statuses) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: STATUS_INDEX,
            KeyConditionExpression: '#s = :s',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':s': status },
            ExclusiveStartKey: startKey,
          }),
        );
        all.push(...((out.Items ?? []) as CaseRecord[]));
        startKey = out.LastEvaluatedKey;
      } while (startKey);
    }
    return all.sort((a, b) => a.queueKey.localeCompare(b.queueKey));
  }

  /**
   * Write-once, for all of a case's new papers in one transaction. If a racing run recorded any of them
   * first, falls back to one paper at a time so each first record stands. Returns the ids this call recorded.
   */
  async putDocumentsOnce(caseNumber: string, docs: StoredDocument[]): Promise<string[]> {
    if (docs.length === 0) return [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = docs.map((d, i) => {
      names[`#d${i}`] = d.documentId;
      values[`:d${i}`] = d;
      return `documents.#d${i} = :d${i}`;
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...docs.map((d) => ({ Put: { TableName: this.table, Item: { ...keys.document(d.documentId), ...d }, ConditionExpression: 'attribute_not_exists(pk)' } })),
            {
              Update: {
                TableName: this.table,
                Key: keys.case(caseNumber),
                UpdateExpression: `SET ${sets.join(', ')}`,
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
          ],
        }),
      );
      return docs.map((d) => d.documentId);
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const recorded: string[] = [];
      for (const d of docs) if (await this.putDocumentOnce(d)) recorded.push(d.documentId);
      return recorded;
    }
  }

  /** Write-once: the first sealed document under an id stands; a second write is refused, not overwritten. */
  async putDocumentOnce(doc: StoredDocument): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.document(doc.documentId), ...doc }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: this.table,
                Key: keys.case(doc.caseNumber),
                UpdateExpression: 'SET documents.#id = :d',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#id': doc.documentId },
                ExpressionAttributeValues: { ':d': doc },
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  async getDocument(documentId: string): Promise<StoredDocument | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.document(documentId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...doc } = out.Item;
    return doc as StoredDocument;
  }

  async audit(caseNumber: string, entry: AuditEntry): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.audit(caseNumber, entry.at, entry.requestId), ...entry } }));
  }

  /** Messages left for the citizen in the outbox (the SMS gateway sends them), oldest kind first. */
  async notifications(caseNumber: string): Promise<{ kind: string; channel: string; to: string; text: string; at: string }[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
        ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':n': 'NOTIFY#' },
      }),
    );
    return (out.Items ?? []).map((i) => ({ kind: (i.sk as string).slice('NOTIFY#'.length), channel: i.channel, to: i.to, text: i.text, at: i.at }));
  }

  /** The case's audit trail, newest first. */
  async auditTrail(caseNumber: string, limit = 500): Promise<AuditEntry[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.audit(caseNumber, '', '').pk },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(({ at, actor, role, action, requestId }) => ({ at, actor, role, action, requestId }));
  }
}
