// Search over the inverted index: per-token ZSETs of doc numbers scored by published time,
// intersected (every query token) with filter sets (any of the firms, any of the topics, the
// lang). The script returns the newest RANK_WINDOW matches; they are checked for phrases and
// exclusions, ranked with the shared formula (../search-rank.ts), then paged. Empty text pages
// straight from the index, newest first.
import { randomBytes } from 'node:crypto';
import type { SearchHit, SearchQuery, SearchResult } from '../store.js';
import type { Alert } from '../../types.js';
import { hitSnippet, rankScore } from '../search-rank.js';
import { parseQuery, type ParsedQuery } from '../search-text.js';
import { KEY_TAGS, queryTags } from '../filter-tags.js';
import type { Keys } from './keys.js';
import type { Scripts } from './scripts.js';
import { decodeAlertPairs, ms, withAlso, type AlertDoc } from './codec.js';
import { matchesPhrases } from './text.js';

/** Matches ranked by text relevance per query; pages beyond it follow recency only. */
export const RANK_WINDOW = 100;
/** Candidate sets up to this size are intersected exactly; larger ones are walked newest first. */
export const EXACT_MAX = 5000;
/** Most members of the rarest set a walk looks at. */
export const SCAN_MAX = 5000;
/** A walk stops counting here once its page is full: the total reads "500+" (capped). */
export const COUNT_CAP = 500;

export interface SearchTuning {
  exactMax?: number;
  scanMax?: number;
  countCap?: number;
}

export interface SearchCtx {
  k: Keys;
  scripts: Scripts;
  now: () => Date;
  tuning?: SearchTuning;
}

/** Filter sets (`f:` + the tag, as ingest.ts indexes them). */
function filterGroups(q: SearchQuery): string[][] {
  return queryTags(q, KEY_TAGS).map((tags) => tags.map((t) => `f:${t}`));
}

/** The script's reply: the total, whether it was capped, then [doc, also] per alert of the page. */
async function fetchFlat(
  ctx: SearchCtx,
  groups: string[][],
  since: string,
  off: number,
  cnt: number,
): Promise<{ total: number; capped: boolean; flat: string[] }> {
  const body = {
    groups,
    since,
    off,
    cnt,
    tmp: randomBytes(6).toString('hex'),
    exact: ctx.tuning?.exactMax ?? EXACT_MAX,
    scan: ctx.tuning?.scanMax ?? SCAN_MAX,
    cap: ctx.tuning?.countCap ?? COUNT_CAP,
  };
  const flat = ((await ctx.scripts.search(ctx.k.seq, ctx.k.base, JSON.stringify(body))) as Array<string | number>).map(String);
  return { total: Number(flat[0]), capped: Number(flat[1]) === 0, flat };
}

function hit(alert: Alert, pq: ParsedQuery, nowMs: number): SearchHit {
  const doc = { title: alert.title, summary: alert.summary, publishedMs: Date.parse(alert.published) || 0, alertScore: alert.assessment.score };
  return { alert, score: rankScore(pq, doc, nowMs), snippet: hitSnippet({ title: alert.title, summary: alert.summary }, pq) };
}

export async function search(ctx: SearchCtx, q: SearchQuery): Promise<SearchResult> {
  const pq = parseQuery(q.text ?? '');
  if ((q.text ?? '').trim() && !pq.groups.length && !pq.exclude.length) return { total: 0, hits: [] };
  const tokens = [...new Set(pq.groups.flat())];
  const groups = [...tokens.map((t) => [`s:${t}`]), ...filterGroups(q)];
  const offset = Math.max(0, q.offset ?? 0);
  const limit = Math.max(0, q.limit);
  const since = q.since ? String(ms(q.since, 0)) : '-inf';
  const nowMs = ctx.now().getTime();
  const checked = pq.groups.some((g) => g.length > 1) || pq.exclude.length > 0;
  if (!tokens.length && !checked) {
    const { total, capped, flat } = await fetchFlat(ctx, groups, since, offset, limit);
    return withCap({ total, hits: decodeAlertPairs(flat, 2).map((a) => hit(a, pq, nowMs)) }, capped);
  }
  if (offset + limit > RANK_WINDOW) {
    const { total, capped, flat } = await fetchFlat(ctx, groups, since, offset, limit);
    const alerts = decodeAlertPairs(flat, 2).filter((a) => matchesPhrases(a, pq.groups, pq.exclude));
    return withCap({ total, hits: alerts.map((a) => hit(a, pq, nowMs)) }, capped);
  }
  // The window is ranked on its docs alone; only the page's hits get their "also reported by"
  // list and a snippet.
  const { total, capped, flat } = await fetchFlat(ctx, groups, since, 0, RANK_WINDOW);
  const ranked: Array<{ doc: AlertDoc; also: string; score: number }> = [];
  for (let i = 2; i + 1 < flat.length; i += 2) {
    const doc = JSON.parse(flat[i]) as AlertDoc;
    if (checked && !matchesPhrases(doc, pq.groups, pq.exclude)) continue;
    const rank = { title: doc.title, summary: doc.summary, publishedMs: Date.parse(doc.published) || 0, alertScore: doc.assessment.score };
    ranked.push({ doc, also: flat[i + 1], score: rankScore(pq, rank, nowMs) });
  }
  ranked.sort((a, b) => b.score - a.score || b.doc.published.localeCompare(a.doc.published));
  const hits = ranked.slice(offset, offset + limit).map(({ doc, also, score }): SearchHit => {
    const alert = withAlso(doc, also);
    return { alert, score, snippet: hitSnippet({ title: alert.title, summary: alert.summary }, pq) };
  });
  // Exact when every candidate fit in the window; otherwise the index count (phrases unchecked)
  // or, after a walk cut short, the matches found so far.
  if (capped) return withCap({ total: Math.max(total, ranked.length), hits }, true);
  return { total: total <= RANK_WINDOW ? ranked.length : total, hits };
}

function withCap(r: SearchResult, capped: boolean): SearchResult {
  return capped ? { ...r, capped: true } : r;
}
