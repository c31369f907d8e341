// Counts kept next to the FTS5 index so search can skip work FTS5 cannot:
// - `term_tags(term, tag, n)`: the archived alerts whose title or body holds the word and whose
//   tags hold the firm or topic tag. Search asks it before FTS5 when a query ANDs words with filters: a
//   conjunction whose word never occurs with any tag of a filter group has no match, and FTS5
//   would intersect the word's and the tag's whole doclists to find that out (tens of
//   milliseconds at 1M alerts for common words and tags).
// - `alert_days(day, n)`: archived alerts per UTC publication day, so a `since` query knows the
//   newest and oldest day for its time tokens (time-tags.ts).
//
// Only ASCII query words are answered here ([a-z0-9]+, which FTS5's unicode61 tokenizer leaves as
// they are); anything else goes to FTS5. An indexed word that is not ASCII is also counted under
// the ASCII pieces of its folded form (lowercase, diacritics removed, as unicode61 with
// remove_diacritics 2 does: "café" → "cafe"), so a query for "cafe" is never told "no match" when
// FTS5 would find "café". test/unit/store/sqlite-term-tags.test.ts checks that folding against
// SQLite's own tokenizer, codepoint by codepoint.
import type { Database, Statement } from 'better-sqlite3';
import { FTS_TAGS, queryTags, type FilterQuery } from '../filter-tags.js';
import { STOPWORDS } from '../search-text.js';

const ASCII_TERM = /^[a-z0-9]+$/;
const ASCII_TEXT = /^[\x00-\x7f]*$/;
/** Chinese and Japanese tokens (search-text.ts's CJK runs) have no ASCII in them, folded or not. */
const CJK_TOKEN = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;
/** Firm and topic tags (FTS_TAGS spells them `f…` and `t…`); languages are not paired, nor time tokens. */
const pairedTag = (tag: string) => tag[0] === 'f' || tag[0] === 't';

/** unicode61's folding of an indexed token, as far as its ASCII output goes: lowercase, no diacritics. */
export function foldTerm(token: string): string {
  return token.normalize('NFD').toLowerCase().replace(/\p{M}/gu, '');
}

/** Words counted (and so answered): ASCII, not a stopword (they would double the pairs for no query). */
const counted = (term: string) => ASCII_TERM.test(term) && !STOPWORDS.has(term);

/** The keys an alert's indexed title and body text (space-separated tokens) are counted under. */
export function termKeys(...indexed: string[]): Set<string> {
  const keys = new Set<string>();
  for (const text of indexed) {
    const ascii = ASCII_TEXT.test(text);
    for (const token of text.split(' ')) {
      if (!token) continue;
      // toLowerCase: NFKC after lowercasing can leave capitals ("ᴬ" → "A"), which unicode61 folds.
      if (ascii || ASCII_TERM.test(token)) keys.add(token.toLowerCase());
      else if (CJK_TOKEN.test(token)) continue;
      else for (const piece of foldTerm(token).split(/[^a-z0-9]+/)) if (piece) keys.add(piece);
    }
  }
  for (const key of keys) if (STOPWORDS.has(key)) keys.delete(key);
  return keys;
}

export const SEARCH_COUNTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS term_tags (term TEXT NOT NULL, tag TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (term, tag)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alert_days (day INTEGER PRIMARY KEY, n INTEGER NOT NULL);
`;

export class TermTags {
  private readonly s: Record<'add' | 'addDays' | 'drop' | 'dropDays' | 'get' | 'days', Statement>;
  /** Counts gathered inside batch(), written when it ends. */
  private pending: { pairs: Map<string, number>; days: Map<number, number> } | null = null;

  constructor(db: Database) {
    this.s = {
      add: db.prepare('INSERT INTO term_tags (term, tag, n) VALUES (?, ?, ?) ON CONFLICT (term, tag) DO UPDATE SET n = n + excluded.n'),
      addDays: db.prepare('INSERT INTO alert_days (day, n) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET n = n + excluded.n'),
      drop: db.prepare('DELETE FROM term_tags WHERE n <= 0'),
      dropDays: db.prepare('DELETE FROM alert_days WHERE n <= 0'),
      get: db.prepare('SELECT n FROM term_tags WHERE term = ? AND tag = ?').pluck(),
      days: db.prepare('SELECT min(day) AS first, max(day) AS last FROM alert_days'),
    };
  }

  /** Counts an archived alert: its indexed title and body text, its filter tags (tagIndexText), its publication day. */
  add(title: string, body: string, tags: string, day: number): void {
    this.change(title, body, tags, day, 1);
  }

  /** Uncounts a purged alert (the same arguments it was counted with); dropZeros() after a batch. */
  remove(title: string, body: string, tags: string, day: number): void {
    this.change(title, body, tags, day, -1);
  }

  /**
   * Runs `fn` (inside the caller's transaction) with its adds and removes summed per pair and
   * day and written once at the end: an ingest batch or a purge repeats most pairs. Nothing is
   * written when `fn` throws (the transaction rolls back).
   */
  batch<T>(fn: () => T): T {
    if (this.pending) return fn();
    const pending = (this.pending = { pairs: new Map<string, number>(), days: new Map<number, number>() });
    try {
      const out = fn();
      for (const [key, n] of pending.pairs) {
        const sp = key.indexOf(' ');
        if (n) this.s.add.run(key.slice(0, sp), key.slice(sp + 1), n);
      }
      for (const [day, n] of pending.days) if (n) this.s.addDays.run(day, n);
      return out;
    } finally {
      this.pending = null;
    }
  }

  /** Deletes the pairs and days no archived alert holds any more. */
  dropZeros(): void {
    this.s.drop.run();
    this.s.dropDays.run();
  }

  /** The first and last publication day archived, or null when the archive is empty. */
  dayRange(): { first: number; last: number } | null {
    const r = this.s.days.get() as { first: number | null; last: number | null };
    return r.first === null || r.last === null ? null : { first: r.first, last: r.last };
  }

  private change(title: string, body: string, tags: string, day: number, delta: number): void {
    const tagList = [...new Set(tags.split(' ').filter(pairedTag))];
    const terms = termKeys(title, body);
    if (!this.pending) {
      for (const term of terms) for (const tag of tagList) this.s.add.run(term, tag, delta);
      this.s.addDays.run(day, delta);
      return;
    }
    const { pairs, days } = this.pending;
    for (const term of terms) {
      for (const tag of tagList) {
        const key = `${term} ${tag}`;
        pairs.set(key, (pairs.get(key) ?? 0) + delta);
      }
    }
    days.set(day, (days.get(day) ?? 0) + delta);
  }

  /**
   * True when no alert can match: some ASCII word of the query never occurs with any tag of the
   * firm or the topic filter. False means "ask FTS5", not "something matches".
   */
  noMatch(words: readonly string[], q: FilterQuery): boolean {
    const groups = queryTags({ firms: q.firms, topics: q.topics }, FTS_TAGS);
    if (!groups.length) return false;
    for (const word of new Set(words)) {
      if (!counted(word)) continue;
      if (groups.some((tags) => tags.every((tag) => !this.s.get.get(word, tag)))) return true;
    }
    return false;
  }
}
