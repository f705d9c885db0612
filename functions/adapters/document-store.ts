import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { parseRecord, StoredDocument } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

const SealClaim = z.object({ document: StoredDocument, owner: z.string(), claimedAt: z.number() });
export type SealClaim = z.infer<typeof SealClaim>;

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
            ...docs.map((d) => ({
              Put: { TableName: this.table, Item: { ...keys.document(d.documentId), ...d }, ConditionExpression: 'attribute_not_exists(pk)' },
            })),
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
   * Claims the right to store these sealed bytes under the document id, before they are uploaded: only a
   * claim's holder uploads, so no signed copy is ever stored that the record will not name. A claim left by
   * a run that died is taken over once it is stale (`takeOverIf`), naming the new bytes instead.
   */
  async claimSeal(
    doc: StoredDocument,
    owner: string,
    now: number,
    takeOverIf: (claim: SealClaim) => Promise<boolean>,
  ): Promise<{ kind: 'ours' } | { kind: 'held'; claim: SealClaim }> {
    const item = { ...keys.sealClaim(doc.documentId), document: doc, owner, claimedAt: now };
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { kind: 'ours' };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.sealClaim(doc.documentId), ConsistentRead: true }));
    const claim = parseRecord(SealClaim, out.Item, `seal claim ${doc.documentId}`);
    if (!(await takeOverIf(claim))) return { kind: 'held', claim };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: '#d.sha256 = :sha AND claimedAt = :at',
          ExpressionAttributeNames: { '#d': 'document' },
          ExpressionAttributeValues: { ':sha': claim.document.sha256, ':at': claim.claimedAt },
        }),
      );
      return { kind: 'ours' };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      return this.claimSeal(doc, owner, now, async () => false);
    }
  }
}
