// Checkpoints leave the commit path: a write arms one timer, the checkpoint runs when it fires.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkpointer, WAL_CAP_PAGES } from '../../../src/store/sqlite/checkpoint.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function walDb(): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'tr-ckpt-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'x.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x)');
  return db;
}

describe('Checkpointer', () => {
  it('raises the automatic threshold and checkpoints once per armed timer', async () => {
    const db = walDb();
    const cp = new Checkpointer(db, 5);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CAP_PAGES);
    const spy = vi.spyOn(db, 'pragma');
    db.prepare('INSERT INTO t VALUES (1)').run();
    cp.wrote();
    cp.wrote();
    await new Promise((r) => setTimeout(r, 40));
    expect(spy.mock.calls.filter(([p]) => p === 'wal_checkpoint(PASSIVE)')).toHaveLength(1);
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
    expect(row.checkpointed).toBe(row.log);
    cp.stop();
    db.close();
  });

  it('does nothing after stop or close', async () => {
    const db = walDb();
    const cp = new Checkpointer(db, 5);
    cp.wrote();
    cp.stop();
    db.close();
    cp.wrote();
    await new Promise((r) => setTimeout(r, 20));
    expect(db.open).toBe(false);
  });
});
