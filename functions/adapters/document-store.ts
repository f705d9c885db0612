import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { parseRecord, StoredDocument } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

/** A seal run's claim on the papers of a case it is about to store, by document id (one item a case). */
export const CaseSealClaim = z.object({
  caseNumber: z.string(),
  documents: z.record(z.string(), StoredDocument),
  /** The process (a Lambda container, the embedded product) and the run in it that holds the claim. */
  owner: z.string(),
  run: z.string(),
  claimedAt: z.number(),
});
export type CaseSealClaim = z.infer<typeof CaseSealClaim>;
/** A claim on one paper, as seal runs of earlier releases (to 2026-12-07) wrote one for each document id. */
export const PaperSealClaim = z.object({ document: StoredDocument, owner: z.string(), claimedAt: z.number() });
export type PaperSealClaim = z.infer<typeof PaperSealClaim>;

/** Sealed papers: one write-once record per document id, mirrored on its case. */
export class DocumentStore extends TableStore {
  /**
   * Write-once, for all of a case's new papers in one transaction. If a racing run recorded any of them
   * first, falls back to one paper at a time so each first record stands. Returns the ids this call recorded.
   */
  async putAllOnce(caseNumber: string, docs: StoredDocument[]): Promise<string[]> {
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
            ...this.recordItems(docs).map((Item) => ({ Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
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
      for (const d of docs) if (await this.putOnce(d)) recorded.push(d.documentId);
      return recorded;
    }
  }

  /** The write-once record item of each paper, for a transaction of the caller's that writes them only if absent. */
  recordItems(docs: readonly StoredDocument[]): Record<string, unknown>[] {
    return docs.map((d) => ({ ...keys.document(d.documentId), ...d }));
  }

  /** Write-once: the first sealed document under an id stands; a second write is refused, not overwritten. */
  async putOnce(doc: StoredDocument): Promise<boolean> {
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

  async get(documentId: string): Promise<StoredDocument | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.document(documentId), ConsistentRead: true }));
    return out.Item ? parseRecord(StoredDocument, out.Item, `document ${documentId}`) : undefined;
  }

  /**
   * Claims, in one write, the right to store these sealed bytes for a case's papers before any is uploaded: only the
   * claim's holder uploads, so no signed copy is ever stored that the record will not name. `replacing` takes over a
   * claim left by a run that is gone: it succeeds only while that run still holds the claim, so two runs
   * taking over at once leave one holder. A claim that is not ours comes back as `held`.
   */
  async claimCaseSeal(claim: CaseSealClaim, replacing?: CaseSealClaim): Promise<{ kind: 'ours' } | { kind: 'held'; claim: CaseSealClaim }> {
    const key = keys.caseSealClaim(claim.caseNumber);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, ...claim },
          ...(replacing
            ? {
                ConditionExpression: '#run = :run',
                ExpressionAttributeNames: { '#run': 'run' },
                ExpressionAttributeValues: { ':run': replacing.run },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
      return { kind: 'ours' };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return { kind: 'held', claim: parseRecord(CaseSealClaim, out.Item, `seal claim of ${claim.caseNumber}`) };
  }

  /**
   * The claims on single papers that seal runs of earlier releases wrote, one item per document id, for those of
   * `documentIds` that have one. They are still honoured: such a run may have died after storing its object.
   */
  async paperClaims(documentIds: readonly string[]): Promise<Map<string, PaperSealClaim>> {
    const items = await this.getAll(documentIds.map((id) => keys.paperSealClaim(id)));
    const claims = items.map((item) => parseRecord(PaperSealClaim, item, 'seal claim of a paper'));
    return new Map(claims.map((c) => [c.document.documentId, c]));
  }
}
