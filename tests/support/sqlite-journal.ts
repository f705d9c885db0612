import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SHARED_DB_FILE } from '../../infra/local/dynamodb-journal.ts';

/** The journal mode of DynamoDB Local's store as a second, read-only connection finds it (the emulator may hold it open). */
export function journalModeOf(dbPath: string): string {
  const db = new DatabaseSync(join(dbPath, SHARED_DB_FILE), { readOnly: true });
  try {
    return (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
  } finally {
    db.close();
  }
}
