// Opens the database file (or ':memory:'), sets pragmas for a single-writer bot, migrates.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../log.js';
import { StoreUnavailableError } from '../store.js';
import { migrate } from './migrations.js';

export const DB_FILE = 'talent-radar.db';

export interface OpenOptions {
  /** Folder for the database (DATA_DIR); created when missing. */
  dir?: string;
  /** Explicit file path, or ':memory:'. Wins over `dir`. */
  file?: string;
  log?: Logger;
}

export function dbPath(opts: OpenOptions): string {
  if (opts.file) return opts.file;
  const dir = opts.dir ?? './data';
  mkdirSync(dir, { recursive: true });
  return join(dir, DB_FILE);
}

export function openDatabase(opts: OpenOptions): Database.Database {
  let path = ':memory:';
  let db: Database.Database;
  try {
    path = dbPath(opts);
    db = new Database(path);
  } catch (err) {
    throw new StoreUnavailableError(`cannot open the embedded database at ${path}: ${(err as Error).message}; make DATA_DIR a writable folder`, { cause: err });
  }
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // WAL + NORMAL: a crash can lose the last transactions' durability, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32000');
    const applied = migrate(db);
    if (applied.length) opts.log?.info({ path, applied }, 'store: schema migrated');
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'STORE_SCHEMA_TOO_NEW') throw err;
    throw new StoreUnavailableError(`cannot prepare the embedded database at ${path}: ${(err as Error).message}`, { cause: err });
  }
}
