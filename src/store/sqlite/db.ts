// Opens the database file (or ':memory:'), sets pragmas for a single-writer bot, migrates.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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
  // The archive, subscriptions and feed state are nobody else's business: owner only (not the umask's 0755).
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  return join(dir, DB_FILE);
}

/** Creates the database file 0600 (SQLite gives its -wal and -shm files the same mode), or narrows an existing one. */
function ownerOnly(path: string, log?: Logger): void {
  if (path === ':memory:' || path.startsWith('file:')) return;
  try {
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  } catch (err) {
    log?.warn({ err: (err as Error).message, path }, 'store: could not make the database file owner-only (0600)');
  }
}

export function openDatabase(opts: OpenOptions): Database.Database {
  let path = ':memory:';
  let db: Database.Database;
  try {
    path = dbPath(opts);
    ownerOnly(path, opts.log);
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
