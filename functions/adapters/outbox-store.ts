import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { parseRecord } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

const StoredMessage = z.object({ sk: z.string(), channel: z.string(), to: z.string(), text: z.string(), at: z.string() });

/** Messages left for the citizen; each is written in the same transaction as the case change it reports. */
export class OutboxStore extends TableStore {
  /** Messages left for the citizen in the outbox (the SMS gateway sends them), oldest kind first. */
  async forCase(caseNumber: string): Promise<{ kind: string; channel: string; to: string; text: string; at: string }[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
        ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':n': 'NOTIFY#' },
      }),
    );
    return (out.Items ?? []).map((item) => {
      const message = parseRecord(StoredMessage, item, `message of ${caseNumber}`);
      return { kind: message.sk.slice('NOTIFY#'.length), channel: message.channel, to: message.to, text: message.text, at: message.at };
    });
  }
}
