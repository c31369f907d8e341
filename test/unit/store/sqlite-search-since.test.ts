// SQLite search applies `since` while stepping the FTS5 scan instead of as `rowid <= ?` in SQL
// (src/store/sqlite/search.ts). This compares every query shape, with `since` cutting the matches
// short of a page, at every depth, with the SQL-bounded statements it replaced: same hits, scores,
// order, totals and capped flags.
import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { generateAlertEntries, generateQueries } from '../../../bench/gen.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { matchExpression, RANK_WINDOW, TOTAL_CAP } from '../../../src/store/sqlite/search.js';
import { ridCeil } from '../../../src/store/sqlite/alerts.js';
import { alertFromRow, type AlertRow } from '../../../src/store/sqlite/rows.js';
import { hitSnippet, rankScore } from '../../../src/store/search-rank.js';
import { parseQuery } from '../../../src/store/search-text.js';
import type { SearchQuery, SearchResult } from '../../../src/store/store.js';

/** The previous implementation: `since` as a rowid bound in every statement. */
function boundedSearch(db: Database, q: SearchQuery, nowMs: number): SearchResult {
  const pq = parseQuery(q.text ?? '');
  const limit = Math.min(100, Math.max(1, Math.floor(q.limit || 10)));
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const maxRid = q.since && Number.isFinite(Date.parse(q.since)) ? ridCeil(Date.parse(q.since)) : Number.MAX_SAFE_INTEGER;
  const expr = matchExpression(pq, q)!;
  const count = db.prepare('SELECT count(*) FROM (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ? AND rowid <= ? LIMIT ?)').pluck();
  const join = 'FROM alerts_fts f JOIN alerts a ON a.rid = f.rowid WHERE alerts_fts MATCH ? AND f.rowid <= ? ORDER BY f.rowid';
  const out = (n: number, rows: AlertRow[], scores?: number[]): SearchResult => {
    const hits = rows.map((row, i) => {
      const alert = alertFromRow(row);
      const score = scores ? scores[i] : rankScore(pq, { title: row.title, summary: row.summary, publishedMs: row.published_ms, alertScore: row.score }, nowMs);
      return { alert, score, snippet: hitSnippet(alert, pq) };
    });
    return n > TOTAL_CAP ? { total: TOTAL_CAP, hits, capped: true } : { total: n, hits };
  };
  if (!pq.groups.length) {
    const rows = db.prepare(`SELECT a.* ${join} LIMIT ? OFFSET ?`).all(expr, maxRid, limit, offset) as AlertRow[];
    return out(count.get(expr, maxRid, TOTAL_CAP + 1) as number, rows);
  }
  const window = Math.max(RANK_WINDOW, offset + limit);
  const cands = db.prepare(`SELECT a.* ${join} LIMIT ?`).all(expr, maxRid, window) as AlertRow[];
  const total = cands.length < window ? cands.length : (count.get(expr, maxRid, TOTAL_CAP + 1) as number);
  const ranked = cands
    .map((c) => ({ c, score: rankScore(pq, { title: c.title, summary: c.summary, publishedMs: c.published_ms, alertScore: c.score }, nowMs) }))
    .sort((a, b) => b.score - a.score || a.c.rid - b.c.rid)
    .slice(offset, offset + limit);
  return out(
    Math.max(total, cands.length),
    ranked.map((r) => r.c),
    ranked.map((r) => r.score),
  );
}

const view = (r: SearchResult) => ({ total: r.total, capped: r.capped ?? false, hits: r.hits.map((h) => [h.alert.id, h.score, h.snippet]) });

describe('sqlite search: since applied while scanning', () => {
  it('gives the same pages, totals and caps as rowid bounds in SQL', async () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const store = SqliteStore.open({ file: ':memory:', now: () => now });
    for (let n = 0; n < 6000; n += 2000) {
      await store.ingest({ entries: generateAlertEntries(n, 2000, { now }), matcher: () => false, retentionSec: 400 * 86400, now });
    }
    const queries: SearchQuery[] = generateQueries(120, { now }).map(({ kind: _k, ...q }) => q);
    // Narrow and wide windows: matches cut short of a page by `since`, and counts past the cap.
    for (const days of [1, 3, 20, 200]) {
      const since = new Date(now.getTime() - days * 86_400_000).toISOString();
      queries.push({ text: 'OpenAI researcher', since, limit: 10 }, { text: '', firms: ['Meta'], since, limit: 10 }, { text: '首席科学家', since, limit: 10 });
      queries.push(
        { text: 'super app', topics: ['talent'], since, limit: 10 },
        { text: 'joins', firms: ['Google', 'Meta'], topics: ['talent'], since, limit: 10 },
      );
    }
    let compared = 0;
    for (const q of queries) {
      for (const offset of [0, 7, 195, 1001, 1500]) {
        const got = await store.search({ ...q, offset });
        expect(view(got), JSON.stringify({ ...q, offset })).toEqual(view(boundedSearch(store.db, { ...q, offset }, now.getTime())));
        compared++;
      }
    }
    expect(compared).toBe(queries.length * 5);
    await store.close();
  }, 60_000);
});
