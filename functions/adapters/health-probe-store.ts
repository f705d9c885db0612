import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

/**
 * Readiness must prove the table takes writes, not only reads: a full disk under DynamoDB Local (or a
 * table that refuses writes) answered reads while every booking failed. One item per instance, rewritten
 * each probe, expiring on its own.
 */
export class HealthProbeStore extends TableStore {
  async write(instanceId: string, at: Date): Promise<void> {
    const expiresAt = Math.floor(at.getTime() / 1000) + 24 * 3600;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.healthProbe(instanceId), at: at.toISOString(), expiresAt } }));
  }
}
