// Counts kept next to the FTS5 index so search can skip work FTS5 cannot:
// - `term_tags(term, tag, n, wide)`: the archived alerts whose title or body holds the word and
//   whose tags hold the firm or topic tag, and `term_tag_blocks(term, tag, block, n)` the same per
//   8-day block of publication days, kept only while the pair is rare (n ≤ RARE since it was first
//   counted; past that `wide` is set and its blocks are dropped: a common pair would cost a row per
//   block and an upsert per alert for nothing). Search asks them before FTS5 when a query ANDs
//   words with filters: a match can only be in the blocks where every word occurs with a tag of
//   every filter group. None: no match, where FTS5 would intersect the word's and the tag's whole
//   doclists to find that out (tens of milliseconds at 1M alerts for common words and tags); a
//   few: the scan is held to those blocks with time tokens (time-tags.ts).
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
import { blockOf } from './time-tags.js';

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
CREATE TABLE IF NOT EXISTS term_tags (term TEXT NOT NULL, tag TEXT NOT NULL, n INTEGER NOT NULL, wide INTEGER NOT NULL, PRIMARY KEY (term, tag)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term_tag_blocks (term TEXT NOT NULL, tag TEXT NOT NULL, block INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (term, tag, block)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alert_days (day INTEGER PRIMARY KEY, n INTEGER NOT NULL);
`;

/** A pair keeps its blocks while it has been counted at most this many times. */
export const RARE = 64;

type Pending = { pairs: Map<string, Map<number, number>>; days: Map<number, number> };

export class TermTags {
  private readonly s: Record<'pair' | 'dropPair' | 'block' | 'dropBlock' | 'dropBlocks' | 'day' | 'dropDay' | 'get' | 'blocks' | 'days', Statement>;
  /** Counts gathered inside batch(), written when it ends. */
  private pending: Pending | null = null;

  constructor(db: Database) {
    // wide: 0 blocks kept, 1 became wide in this statement (its blocks are then dropped), 2 wide.
    this.s = {
      pair: db.prepare(`INSERT INTO term_tags (term, tag, n, wide) VALUES (@term, @tag, @d, CASE WHEN @d > ${RARE} THEN 1 ELSE 0 END)
        ON CONFLICT (term, tag) DO UPDATE SET n = n + excluded.n, wide = CASE WHEN wide > 0 THEN 2 WHEN n + excluded.n > ${RARE} THEN 1 ELSE 0 END
        RETURNING n, wide`),
      dropPair: db.prepare('DELETE FROM term_tags WHERE term = ? AND tag = ?'),
      block: db
        .prepare(
          'INSERT INTO term_tag_blocks (term, tag, block, n) VALUES (?, ?, ?, ?) ON CONFLICT (term, tag, block) DO UPDATE SET n = n + excluded.n RETURNING n',
        )
        .pluck(),
      dropBlock: db.prepare('DELETE FROM term_tag_blocks WHERE term = ? AND tag = ? AND block = ?'),
      dropBlocks: db.prepare('DELETE FROM term_tag_blocks WHERE term = ? AND tag = ?'),
      day: db.prepare('INSERT INTO alert_days (day, n) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET n = n + excluded.n RETURNING n').pluck(),
      dropDay: db.prepare('DELETE FROM alert_days WHERE day = ?'),
      get: db.prepare('SELECT n, wide FROM term_tags WHERE term = ? AND tag = ?'),
      blocks: db.prepare('SELECT block FROM term_tag_blocks WHERE term = ? AND tag = ?').pluck(),
      days: db.prepare('SELECT min(day) AS first, max(day) AS last FROM alert_days'),
    };
  }

  /** Counts an archived alert: its indexed title and body text, its filter tags (tagIndexText), its publication day. */
  add(title: string, body: string, tags: string, day: number): void {
    this.change(title, body, tags, day, 1);
  }

  /** Uncounts a purged alert (the same arguments it was counted with). */
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
    const pending = (this.pending = { pairs: new Map(), days: new Map() });
    try {
      const out = fn();
      this.write(pending);
      return out;
    } finally {
      this.pending = null;
    }
  }

  private write({ pairs, days }: Pending): void {
    for (const [key, blocks] of pairs) {
      const sp = key.indexOf(' ');
      const term = key.slice(0, sp);
      const tag = key.slice(sp + 1);
      let delta = 0;
      let changed = false;
      for (const d of blocks.values()) {
        delta += d;
        if (d) changed = true;
      }
      if (!changed) continue;
      const row = this.s.pair.get({ term, tag, d: delta }) as { n: number; wide: number };
      if (row.n <= 0) {
        // No archived alert holds the pair any more: it starts afresh (and rare) if one comes.
        this.s.dropPair.run(term, tag);
        this.s.dropBlocks.run(term, tag);
      } else if (row.wide === 1) {
        this.s.dropBlocks.run(term, tag);
      } else if (row.wide === 0) {
        for (const [block, d] of blocks) if (d && (this.s.block.get(term, tag, block, d) as number) <= 0) this.s.dropBlock.run(term, tag, block);
      }
    }
    for (const [day, d] of days) if (d && (this.s.day.get(day, d) as number) <= 0) this.s.dropDay.run(day);
  }

  /** The first and last publication day archived, or null when the archive is empty. */
  dayRange(): { first: number; last: number } | null {
    const r = this.s.days.get() as { first: number | null; last: number | null };
    return r.first === null || r.last === null ? null : { first: r.first, last: r.last };
  }

  private change(title: string, body: string, tags: string, day: number, delta: number): void {
    const own = this.pending === null;
    const pending = this.pending ?? { pairs: new Map(), days: new Map() };
    const tagList = [...new Set(tags.split(' ').filter(pairedTag))];
    const block = blockOf(day);
    for (const term of termKeys(title, body)) {
      for (const tag of tagList) {
        const key = `${term} ${tag}`;
        let blocks = pending.pairs.get(key);
        if (!blocks) pending.pairs.set(key, (blocks = new Map()));
        blocks.set(block, (blocks.get(block) ?? 0) + delta);
      }
    }
    pending.days.set(day, (pending.days.get(day) ?? 0) + delta);
    if (own) this.write(pending);
  }

  /**
   * The 8-day blocks a match can be in: those where every counted word of the query occurs with
   * a tag of the firm filter and of the topic filter. Null when nothing is known (no firm or topic
   * filter, no counted word); empty when no alert can match.
   */
  candidateBlocks(words: readonly string[], q: FilterQuery): Set<number> | null {
    const groups = queryTags({ firms: q.firms, topics: q.topics }, FTS_TAGS);
    if (!groups.length) return null;
    let out: Set<number> | null = null;
    for (const word of new Set(words)) {
      if (!counted(word)) continue;
      for (const tags of groups) {
        const here = new Set<number>();
        let known = true;
        for (const tag of tags) {
          const row = this.s.get.get(word, tag) as { n: number; wide: number } | undefined;
          if (!row) continue;
          if (row.wide) {
            known = false; // common: it matches somewhere, where is not kept
            break;
          }
          for (const b of this.s.blocks.all(word, tag) as number[]) if (!out || out.has(b)) here.add(b);
        }
        if (!known) continue;
        out = here;
        if (!out.size) return out;
      }
    }
    return out;
  }
}
