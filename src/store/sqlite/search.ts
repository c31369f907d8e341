// Search over the archive with FTS5. Rowids run backwards in publication time, so the index is
// scanned in its natural ascending order newest first and stops early: text matches are ranked within the newest RANK_WINDOW matches
// (wider when paging deeper), filters are FTS terms on the `tags` column, `since` is a rowid bound.
// `total` is exact up to TOTAL_CAP; beyond it the result says `capped: true`.
//
// The `since` bound is applied here, not in SQL: FTS5 given `rowid <= ?` pays milliseconds to
// end a scan at the bound (measured: a 289-match term costs 0.09 ms with LIMIT 289 and 4.5 ms
// with LIMIT 290 at 300,000 alerts; a descending scan from the bound is as slow), while stepping
// an unbounded ascending scan and stopping at the first rowid past the bound costs one match.
// One pass collects the candidates (the newest matches) and counts on, up to TOTAL_CAP + 1.
//
// Two things FTS5 cannot do cheaply are asked elsewhere first: whether a word ever occurs with a
// filter (term_tags, term-tags.ts: a conjunction with no match used to walk both whole doclists),
// and where a `since` bound ends (time tokens in `tags`, time-tags.ts: the scan otherwise runs on
// to the next match past the bound, which for a rare conjunction is the end of the doclists).
import type { Database, Statement } from 'better-sqlite3';
import type { SearchQuery, SearchResult } from '../store.js';
import { hitSnippet, rankScore } from '../search-rank.js';
import { parseQuery, type ParsedQuery } from '../search-text.js';
import { FTS_TAGS, queryTags } from '../filter-tags.js';
import { ridCeil } from './alerts.js';
import { alertFromRow, type AlertRow } from './rows.js';
import { TermTags } from './term-tags.js';
import { blockOf, blockToken, publicationDay, timeCover } from './time-tags.js';

export const RANK_WINDOW = 200;
export const TOTAL_CAP = 1000;
const MAX_LIMIT = 100;
/** At most this many 8-day blocks' tokens are ANDed on for a rare conjunction. */
const MAX_BLOCKS = 16;

type Cand = Pick<AlertRow, 'rid' | 'title' | 'summary' | 'published_ms' | 'score'>;

const phrase = (g: string[]) => `"${g.join(' ')}"`;

/** The FTS5 MATCH expression, or null when there is nothing to match (plain "latest"); `time`: an OR of time tokens ANDed on. */
export function matchExpression(pq: ParsedQuery, q: Pick<SearchQuery, 'firms' | 'topics' | 'lang'>, time?: readonly string[]): string | null {
  const parts: string[] = [];
  if (pq.groups.length) parts.push(`{title body} : (${pq.groups.map(phrase).join(' AND ')})`);
  const groups = queryTags(q, FTS_TAGS);
  if (!pq.groups.length && !groups.length) return null;
  // Time tokens (time-tags.ts) narrow a word or filter query; plain "latest" stays plain.
  if (time?.length) groups.push([...time]);
  for (const tags of groups) parts.push(`tags : (${tags.map((t) => phrase([t])).join(' OR ')})`);
  let expr = parts.join(' AND ');
  if (pq.groups.length && pq.exclude.length) expr = `(${expr}) NOT {title body} : (${pq.exclude.map(phrase).join(' OR ')})`;
  return expr;
}

export class SearchIndex {
  private readonly s: Record<string, Statement>;
  private readonly terms: TermTags | null;

  /** `counts: false`: FTS5 alone, without `term_tags` or time tokens (tests compare the two). */
  constructor(db: Database, opts: { counts?: boolean } = {}) {
    this.terms = opts.counts === false ? null : new TermTags(db);
    this.s = {
      ftsRids: db.prepare('SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ? ORDER BY rowid').pluck(),
      ftsCountAfter: db.prepare('SELECT count(*) FROM (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?)').pluck(),
      cands: db.prepare(`SELECT a.rid, a.title, a.summary, a.published_ms, a.score FROM alerts_fts f JOIN alerts a ON a.rid = f.rowid
        WHERE alerts_fts MATCH ? ORDER BY f.rowid LIMIT ?`),
      ftsPage: db.prepare('SELECT a.* FROM alerts_fts f JOIN alerts a ON a.rid = f.rowid WHERE alerts_fts MATCH ? ORDER BY f.rowid LIMIT ? OFFSET ?'),
      page: db.prepare('SELECT * FROM alerts WHERE rid <= ? ORDER BY rid LIMIT ? OFFSET ?'),
      count: db.prepare('SELECT count(*) FROM (SELECT 1 FROM alerts WHERE rid <= ? LIMIT ?)').pluck(),
      byRid: db.prepare('SELECT * FROM alerts WHERE rid = ?'),
    };
  }

  search(q: SearchQuery, nowMs: number): SearchResult {
    const pq = parseQuery(q.text ?? '');
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(q.limit || 10)));
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    const sinceMs = q.since ? Date.parse(q.since) : NaN;
    const maxRid = Number.isFinite(sinceMs) ? ridCeil(sinceMs) : Number.MAX_SAFE_INTEGER;
    const expr = matchExpression(pq, q);
    if (expr === null) {
      const rows = this.s.page.all(maxRid, limit, offset) as AlertRow[];
      return this.result(this.s.count.get(maxRid, TOTAL_CAP + 1) as number, rows, pq, nowMs);
    }
    const unbounded = maxRid === Number.MAX_SAFE_INTEGER;
    // What the scan steps: `expr`, or with time tokens ANDed on where FTS5 alone would walk whole
    // doclists (timeTokens). The rows are then read as the first `kept` matches: for `since`, with
    // plain `expr` (its kept-th match is within the bound, and the tokens cost a little per match);
    // for a rare conjunction's blocks, with the tokens (plain `expr` would walk the doclists to the
    // kept-th match, which can be the oldest alert).
    let scanExpr = expr;
    let readExpr = expr;
    if (this.terms) {
      const time = this.timeTokens(pq, q, sinceMs, unbounded);
      if (time === 'none') return this.result(0, [], pq, nowMs);
      if (time) scanExpr = matchExpression(pq, q, time.tokens)!;
      if (time?.blocks) readExpr = scanExpr;
    }
    if (!pq.groups.length) {
      const { kept, count } = this.scan(scanExpr, maxRid, offset + limit, unbounded);
      const rows = kept > offset ? (this.s.ftsPage.all(readExpr, kept - offset, offset) as AlertRow[]) : [];
      return this.result(count, rows, pq, nowMs);
    }
    const window = Math.max(RANK_WINDOW, offset + limit);
    const { kept, count: total } = this.scan(scanExpr, maxRid, window, unbounded);
    const cands = kept ? (this.s.cands.all(readExpr, kept) as Cand[]) : [];
    const ranked = cands
      .map((c) => ({ rid: c.rid, score: rankScore(pq, { title: c.title, summary: c.summary, publishedMs: c.published_ms, alertScore: c.score }, nowMs) }))
      .sort((a, b) => b.score - a.score || a.rid - b.rid)
      .slice(offset, offset + limit);
    const rows = ranked.map((r) => this.s.byRid.get(r.rid) as AlertRow);
    return this.result(
      Math.max(total, cands.length),
      rows,
      pq,
      nowMs,
      ranked.map((r) => r.score),
    );
  }

  /**
   * Time tokens (time-tags.ts) to AND on, 'none' when nothing can match, null for none.
   * - Words with a firm or topic filter can only match in the 8-day blocks term_tags has for every
   *   word with the filters: none, no match (FTS5 would intersect both whole doclists to find that
   *   out); a few (at most MAX_BLOCKS, and at most half the blocks in range), those blocks' tokens.
   * - `since`: the blocks from the bound's to the newest archived day, so the scan does not run on
   *   past the bound to the next match. Not for one term (a word, or one filter group: an OR),
   *   which finds its next posting past the bound at once (the tokens cost ≈ 0.3–0.6 ms on a
   *   dense scan); 'none' when the bound is after the newest archived day (an alert within the
   *   bound was published on the bound's day or later).
   */
  private timeTokens(pq: ParsedQuery, q: SearchQuery, sinceMs: number, unbounded: boolean): { tokens: string[]; blocks: boolean } | null | 'none' {
    const days = this.terms!.dayRange();
    if (!days) return null;
    const from = unbounded ? days.first : Math.max(days.first, publicationDay(sinceMs));
    if (from > days.last) return 'none';
    let since: string[] | null = null;
    if (from > days.first) {
      const terms = pq.groups.flat().length + queryTags(q, FTS_TAGS).length + (pq.groups.length && pq.exclude.length ? 1 : 0);
      if (terms > 1) since = timeCover(from, days.last);
    }
    const blocks = pq.groups.length ? this.terms!.candidateBlocks(pq.groups.flat(), q) : null;
    const bySince = since && { tokens: since, blocks: false };
    if (!blocks) return bySince;
    const inRange = [...blocks].filter((b) => b >= blockOf(from)).sort((a, b) => a - b);
    if (!inRange.length) return 'none';
    const span = blockOf(days.last) - blockOf(from) + 1;
    return inRange.length <= MAX_BLOCKS && inRange.length * 2 <= span ? { tokens: inRange.map(blockToken), blocks: true } : bySince;
  }

  /**
   * How many of the first `keep` matches (newest first) are at or below `maxRid`, and how many
   * match in all, up to TOTAL_CAP + 1. Stepped here and stopped at the first rowid past the bound;
   * with no bound the rest is counted in SQL from the last rowid kept (a seek). The rows are then
   * read as the first `kept` matches, with no bound in SQL.
   */
  private scan(expr: string, maxRid: number, keep: number, unbounded: boolean): { kept: number; count: number } {
    let kept = 0;
    let last = 0;
    const cap = TOTAL_CAP + 1;
    let count = 0;
    let more = false;
    for (const rid of this.s.ftsRids.iterate(expr) as IterableIterator<number>) {
      if (rid > maxRid) break;
      if (kept < keep) {
        kept++;
        last = rid;
      } else if (unbounded) {
        more = true;
        break;
      }
      if (count < cap) count++;
      if (count >= cap && kept >= keep) break;
    }
    if (more && count < cap) count += this.s.ftsCountAfter.get(expr, last, cap - count) as number;
    return { kept, count };
  }

  private result(count: number, rows: AlertRow[], pq: ParsedQuery, nowMs: number, scores?: number[]): SearchResult {
    const hits = rows.map((row, i) => {
      const alert = alertFromRow(row);
      const score = scores ? scores[i] : rankScore(pq, { title: row.title, summary: row.summary, publishedMs: row.published_ms, alertScore: row.score }, nowMs);
      return { alert, score, snippet: hitSnippet(alert, pq) };
    });
    const capped = count > TOTAL_CAP;
    return capped ? { total: TOTAL_CAP, hits, capped } : { total: count, hits };
  }
}
