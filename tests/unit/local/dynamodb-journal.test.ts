import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { SHARED_DB_FILE, useWriteAheadLog } from '../../../infra/local/dynamodb-journal.ts';
import { journalModeOf } from '../../support/sqlite-journal.ts';

// Real SQLite files: the journal mode is a property of the file, which is what the emulator opens after us.
const dirs: string[] = [];
function dbDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'retireone-journal-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('useWriteAheadLog (DynamoDB Local’s store)', () => {
  it('a new store is created in write-ahead-log mode, and stays so for every later connection', () => {
    const dir = dbDir();
    expect(existsSync(join(dir, SHARED_DB_FILE))).toBe(false);
    expect(useWriteAheadLog(dir)).toBe('wal');
    expect(journalModeOf(dir)).toBe('wal');
    expect(useWriteAheadLog(dir)).toBe('wal');
    expect(journalModeOf(dir)).toBe('wal');
  });

  it('a store an earlier release left with a rollback journal is converted, with every row kept', () => {
    const dir = dbDir();
    const old = new DatabaseSync(join(dir, SHARED_DB_FILE));
    old.exec("PRAGMA journal_mode=DELETE; CREATE TABLE cases (pk TEXT PRIMARY KEY, body TEXT); INSERT INTO cases VALUES ('CASE#1', 'a'), ('CASE#2', 'b');");
    old.close();
    expect(journalModeOf(dir)).toBe('delete');

    expect(useWriteAheadLog(dir)).toBe('wal');

    const db = new DatabaseSync(join(dir, SHARED_DB_FILE));
    expect(
      db
        .prepare('SELECT pk, body FROM cases ORDER BY pk')
        .all()
        .map((r) => ({ ...r })),
    ).toEqual([
      { pk: 'CASE#1', body: 'a' },
      { pk: 'CASE#2', body: 'b' },
    ]);
    db.close();
    expect(journalModeOf(dir)).toBe('wal');
  });

  it('a store someone else holds locked is left as it is, and the start goes on (slower, never failed)', () => {
    const dir = dbDir();
    const holder = new DatabaseSync(join(dir, SHARED_DB_FILE));
    holder.exec('PRAGMA journal_mode=DELETE; CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    try {
      expect(useWriteAheadLog(dir)).toBeUndefined();
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(journalModeOf(dir)).toBe('delete');
  });
});
