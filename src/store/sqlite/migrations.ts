// Versioned schema. PRAGMA user_version holds the applied version; each migration runs in its
// own transaction, in order, once. Add new migrations at the end; never edit an applied one.
import type { Database } from 'better-sqlite3';
import { indexText } from '../search-text.js';
import { alertTags, FTS_TAGS } from '../filter-tags.js';
import { SEARCH_COUNTS_SCHEMA, TermTags } from './term-tags.js';
import { publicationDay, timeTags } from './time-tags.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

const core = `
CREATE TABLE source_state (name TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE seen_keys (key TEXT PRIMARY KEY, owner TEXT NOT NULL, root TEXT NOT NULL, expires_ms INTEGER NOT NULL) WITHOUT ROWID;
-- rid = (8e12 - published_ms) * 1024 + n: ascending rowid order is newest first (search scans it).
CREATE TABLE alerts (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, guid TEXT,
  title TEXT NOT NULL, summary TEXT NOT NULL, link TEXT NOT NULL, lang TEXT NOT NULL,
  published TEXT NOT NULL, published_ms INTEGER NOT NULL, fetched_at TEXT NOT NULL,
  assessment TEXT NOT NULL, also TEXT NOT NULL DEFAULT '[]', score REAL NOT NULL DEFAULT 0,
  archived_at TEXT NOT NULL, archived_ms INTEGER NOT NULL
);
CREATE INDEX alerts_archived ON alerts(archived_ms, rid);
CREATE TABLE subscriptions (
  platform TEXT NOT NULL, channel TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
  created_by TEXT, created_at TEXT NOT NULL, PRIMARY KEY (platform, channel, kind, value)
) WITHOUT ROWID;
CREATE TABLE digests (platform TEXT NOT NULL, channel TEXT NOT NULL, mode TEXT NOT NULL, PRIMARY KEY (platform, channel)) WITHOUT ROWID;
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, platform TEXT NOT NULL,
  channel TEXT NOT NULL, alert_id TEXT, body TEXT, attempts INTEGER NOT NULL DEFAULT 0,
  not_before_ms INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, lease_owner TEXT,
  lease_until_ms INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT, updated_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due ON outbox(state, not_before_ms);
CREATE TABLE posted (
  alert_id TEXT NOT NULL, platform TEXT NOT NULL, channel TEXT NOT NULL, message_id TEXT NOT NULL,
  posted_at TEXT NOT NULL, PRIMARY KEY (alert_id, platform, channel)
) WITHOUT ROWID;
CREATE TABLE once_keys (key TEXT PRIMARY KEY, expires_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_ms INTEGER NOT NULL) WITHOUT ROWID;
`;

// Pre-tokenized text (see search-text.ts), so unicode61 only splits on the spaces we put in.
const search = `
CREATE VIRTUAL TABLE alerts_fts USING fts5(
  title, body, tags, content='', contentless_delete=1,
  tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
`;

const nearDup = `
-- One b-tree: members of a bucket come out newest first. An alert is indexed once (when archived).
CREATE TABLE buckets (bucket TEXT NOT NULL, expires_ms INTEGER NOT NULL, alert_id TEXT NOT NULL, PRIMARY KEY (bucket, expires_ms, alert_id)) WITHOUT ROWID;
CREATE TABLE fingerprints (alert_id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_ms INTEGER NOT NULL) WITHOUT ROWID;
`;

// "Also reported by" in O(1) per retelling: who already reported is a keyed row, the list a capped
// column, the total a counter (store/also.ts).
const alsoBounded = `
ALTER TABLE alerts ADD COLUMN also_n INTEGER NOT NULL DEFAULT 0;
UPDATE alerts SET also_n = json_array_length(also);
CREATE TABLE also_seen (alert_id TEXT NOT NULL, reporter TEXT NOT NULL, PRIMARY KEY (alert_id, reporter)) WITHOUT ROWID;
INSERT OR IGNORE INTO also_seen (alert_id, reporter) SELECT alerts.id, json_extract(j.value, '$.source') || char(1) || json_extract(j.value, '$.link') FROM alerts, json_each(alerts.also) AS j;
`;

/** The assessment fields search indexes (stored as JSON in alerts.assessment). */
export interface IndexedAssessment {
  summary?: string;
  firms?: string[];
  topics?: string[];
  moves?: Array<{ person?: string; from?: string; to?: string }>;
}

/** Body text indexed for search: summaries, firm names and the moves' people and firms, so "Zhipu" finds 智谱 stories tagged with the firm. Same fields as the Redis backend. */
export function bodyIndexText(summary: string, assessment: string | IndexedAssessment): string {
  const a = typeof assessment === 'string' ? (JSON.parse(assessment) as IndexedAssessment) : assessment;
  const moves = (a.moves ?? []).flatMap((m) => [m.person ?? '', m.from ?? '', m.to ?? '']);
  return indexText([summary, a.summary ?? '', ...(a.firms ?? []), ...moves].join('\n'));
}

export function tagIndexText(assessment: string | IndexedAssessment, lang: string): string {
  const a = typeof assessment === 'string' ? (JSON.parse(assessment) as IndexedAssessment) : assessment;
  return alertTags({ firms: a.firms ?? [], topics: a.topics ?? [], lang }, FTS_TAGS).join(' ');
}

function backfillSearch(db: Database): void {
  const insert = db.prepare('INSERT INTO alerts_fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)');
  const page = db.prepare('SELECT rid, title, summary, lang, assessment FROM alerts WHERE rid > ? ORDER BY rid LIMIT 1000');
  type Row = { rid: number; title: string; summary: string; lang: string; assessment: string };
  // Paged: the connection cannot write while an iterator is open.
  for (let last = Number.MIN_SAFE_INTEGER, rows = page.all(last) as Row[]; rows.length; rows = page.all(last) as Row[]) {
    for (const r of rows) insert.run(r.rid, indexText(r.title), bodyIndexText(r.summary, r.assessment), tagIndexText(r.assessment, r.lang));
    last = rows[rows.length - 1].rid;
  }
}

// Version 5: what people set up from chat (store/chat.ts).
// IF NOT EXISTS: safe whichever order the neighbouring versions land in.
const chat = `
CREATE TABLE IF NOT EXISTS chat_sources (name TEXT PRIMARY KEY, json TEXT NOT NULL, added_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS watches (id TEXT PRIMARY KEY, platform TEXT NOT NULL, json TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feedback (
  alert_id TEXT NOT NULL, platform TEXT NOT NULL, channel TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
  at TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (alert_id, platform, channel, user, action)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS feedback_at ON feedback(at);
CREATE TABLE IF NOT EXISTS mutes (platform TEXT NOT NULL, channel TEXT NOT NULL, source TEXT NOT NULL, until_ms INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (platform, channel, source)) WITHOUT ROWID;
`;

// Version 6: a delivery's 429 retry state in its own columns; it used to travel as a
// `[429 streak=N forgiven=M] ` prefix of last_error, which this moves out of the text.
const retryColumns = `
ALTER TABLE outbox ADD COLUMN retry_streak INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN retry_forgiven INTEGER NOT NULL DEFAULT 0;
`;

function moveRetryOutOfErrors(db: Database): void {
  const rows = db.prepare(`SELECT seq, last_error FROM outbox WHERE last_error LIKE '[429 streak=%'`).all() as Array<{ seq: number; last_error: string }>;
  const set = db.prepare('UPDATE outbox SET retry_streak = ?, retry_forgiven = ?, last_error = ? WHERE seq = ?');
  for (const r of rows) {
    const m = /^\[429 streak=(\d+) forgiven=(\d+)\] ?/.exec(r.last_error);
    if (m) set.run(Number(m[1]), Number(m[2]), r.last_error.slice(m[0].length), r.seq);
  }
}

// Version 7: the FTS5 index rebuilt with publication-time tokens in `tags` (time-tags.ts), and the
// counts search asks before FTS5 (term-tags.ts), for every archived alert.
function reindexWithCounts(db: Database): void {
  db.exec('DROP TABLE alerts_fts');
  db.exec(search);
  db.exec(SEARCH_COUNTS_SCHEMA);
  const terms = new TermTags(db);
  const insert = db.prepare('INSERT INTO alerts_fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)');
  const page = db.prepare('SELECT rid, title, summary, lang, assessment, published_ms FROM alerts WHERE rid > ? ORDER BY rid LIMIT 1000');
  type Row = { rid: number; title: string; summary: string; lang: string; assessment: string; published_ms: number };
  for (let last = Number.MIN_SAFE_INTEGER, rows = page.all(last) as Row[]; rows.length; rows = page.all(last) as Row[]) {
    terms.batch(() => {
      for (const r of rows) {
        const title = indexText(r.title);
        const body = bodyIndexText(r.summary, r.assessment);
        const tags = tagIndexText(r.assessment, r.lang);
        const day = publicationDay(r.published_ms);
        insert.run(r.rid, title, body, `${tags} ${timeTags(day)}`);
        terms.add(title, body, tags, day);
      }
    });
    last = rows[rows.length - 1].rid;
  }
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'core tables', up: (db) => db.exec(core) },
  { version: 2, name: 'full-text search', up: (db) => (db.exec(search), backfillSearch(db)) },
  { version: 3, name: 'near-duplicate buckets', up: (db) => db.exec(nearDup) },
  { version: 4, name: 'bounded also-reported-by', up: (db) => db.exec(alsoBounded) },
  { version: 5, name: 'sources, watches, feedback and mutes from chat', up: (db) => db.exec(chat) },
  { version: 6, name: 'delivery retry state out of last_error', up: (db) => (db.exec(retryColumns), moveRetryOutOfErrors(db)) },
  { version: 7, name: 'search: time tokens, words by filter tag, alerts by day', up: reindexWithCounts },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export class SchemaTooNewError extends Error {
  readonly code = 'STORE_SCHEMA_TOO_NEW';
  constructor(found: number) {
    super(
      `store: the database has schema version ${found} but this build knows up to ${LATEST_VERSION}; upgrade talent-radar or point DATA_DIR at another folder`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Applies pending migrations up to `target` (default: all); returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target = LATEST_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new SchemaTooNewError(current);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
