import { z } from 'zod';
import { CaseStatus, Decision } from '../../schemas/case.ts';
import { parseRecord } from './case-record.ts';
import { PERSON_INDEX, PERSON_INDEX_KEY } from './table-keys.ts';
import { TableStore } from './table-store.ts';

/** What the person index projects of a case: who, which, where it stands, when it began. */
const PersonCase = z.object({
  sk: z.literal('CASE'),
  caseNumber: z.string(),
  status: CaseStatus,
  decision: Decision.optional(),
  createdAt: z.string(),
});
export type PersonCase = Omit<z.infer<typeof PersonCase>, 'sk'>;

/** A person's own cases (GSI byPerson: personKey, personSort), so a citizen finds a case again without its number. */
export class PersonCaseStore extends TableStore {
  /** Newest first. The index is eventually consistent: a case booked a moment ago may be missing for a moment. */
  async listFor(idNumber: string): Promise<PersonCase[]> {
    const items = await this.queryAll({
      IndexName: PERSON_INDEX,
      KeyConditionExpression: '#person = :id',
      ExpressionAttributeNames: { '#person': PERSON_INDEX_KEY.partition },
      ExpressionAttributeValues: { ':id': idNumber },
      ScanIndexForward: false,
    });
    return items.map((item) => {
      const { sk: _sk, ...c } = parseRecord(PersonCase, item, `case ${String(item.caseNumber)}`);
      return c;
    });
  }
}
