import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AgencyScope } from '../../schemas/applicant.ts';
import { parseRecord } from './case-record.ts';
import { keys } from './table-keys.ts';
import { TableStore } from './table-store.ts';

export const StoredAgency = z.object({
  authorisationId: z.string(),
  personIdNumber: z.string(),
  agentIdNumber: z.string(),
  agentName: z.string(),
  scope: z.array(AgencyScope),
  validFrom: z.string(),
  validUntil: z.string(),
  createdAt: z.string(),
});
export type StoredAgency = z.infer<typeof StoredAgency>;

/** Authorisations (代办授权): what a person lets one agent do, and when. */
export class AgencyStore extends TableStore {
  /** Replaces the person's authorisation of this agent: the person's latest word is the one that holds. */
  async put(grant: StoredAgency): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.agency(grant.personIdNumber, grant.agentIdNumber), ...grant } }));
  }

  async get(personIdNumber: string, agentIdNumber: string): Promise<StoredAgency | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.agency(personIdNumber, agentIdNumber), ConsistentRead: true }));
    return out.Item ? parseRecord(StoredAgency, out.Item, 'authorisation') : undefined;
  }
}
