import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { logger } from '../../functions/shared/logger.ts';

/** The one SQLite file DynamoDB Local keeps every table in when it runs with `-sharedDb`. */
export const SHARED_DB_FILE = 'shared-local-instance.db';

/**
 * Puts DynamoDB Local's SQLite file in write-ahead-log mode before the emulator opens it.
 *
 * Why: the emulator (SQLite 3.8.7 inside sqlite4java) sets no journal mode, so SQLite keeps its default rollback
 * journal: every commit writes each page twice, creates a journal file beside the database, syncs both and deletes the
 * journal. With a write-ahead log a commit appends its pages to the log and syncs that once. The emulator answers every
 * write through one SQLite thread, and the product sends it one write at a time (LOCAL_DYNAMODB_WRITES_IN_FLIGHT), so
 * each write's time there is a queue every case waits in. Measured on this machine (2026-12-08, 600 put + two-item
 * transaction pairs, four writers): 3.9–4.1 → 2.9–3.2 ms a pair, and the SQLite thread's system time 48–57 → 29–36
 * ticks.
 *
 * Durability is unchanged. SQLite's WAL page (https://www.sqlite.org/wal.html, read as quoted on Stack Overflow,
 * "WAL synchronization NORMAL vs. OFF"): "Writers sync the WAL on every transaction commit if PRAGMA synchronous is set
 * to FULL". FULL is SQLite's default, and the emulator's classes set no pragma but `table_info` (their strings, read
 * 2026-12-08). A killed emulator loses nothing it had committed: SQLite replays the log when the file is next opened.
 *
 * The journal mode is kept in the database file itself, so it is set once, while no emulator has the file open (the
 * caller kills an orphan first), and holds for every later start; a store made by an earlier release is converted on
 * its first start, its data kept. A file that cannot be converted is served as it is, only slower: the mode is about
 * speed, never about what is stored.
 */
export function useWriteAheadLog(dbPath: string): string | undefined {
  try {
    const mode = inDatabase(join(dbPath, SHARED_DB_FILE), (db) => {
      const current = () => (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
      if (current() !== 'wal') db.exec('PRAGMA journal_mode=WAL');
      return current();
    });
    if (mode !== 'wal') logger.warn({ dbPath, journalMode: mode }, 'DynamoDB Local’s store keeps its old journal mode; its writes will be slower');
    return mode;
  } catch (err) {
    logger.warn({ err, dbPath }, 'DynamoDB Local’s store could not be put in write-ahead-log mode; its writes will be slower');
    return undefined;
  }
}

function inDatabase<T>(file: string, use: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(file, { timeout: 2000 });
  try {
    return use(db);
  } finally {
    db.close();
  }
}
