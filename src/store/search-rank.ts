// Ranking and snippets shared by both backends. Text relevance dominates; recency and the
// relevance engine's score only break near-ties (at most +1 together).
import { indexTokens, type ParsedQuery } from './search-text.js';

export interface RankDoc {
  title: string;
  summary: string;
  publishedMs: number;
  /** Assessment score, 0..1. */
  alertScore: number;
}

const TITLE_HIT = 3;
const BODY_HIT = 0.5;
const BODY_CAP = 3;
const HALF_LIFE_DAYS = 7;

function countPhrase(tokens: string[], group: string[]): number {
  let n = 0;
  outer: for (let i = 0; i + group.length <= tokens.length; i++) {
    for (let j = 0; j < group.length; j++) if (tokens[i + j] !== group[j]) continue outer;
    n++;
  }
  return n;
}

/** Higher is better. Title matches count most; summary matches are capped; a fresh, high-scoring alert gets a small lift. */
export function rankScore(query: ParsedQuery, doc: RankDoc, nowMs: number): number {
  let text = 0;
  if (query.groups.length) {
    const title = indexTokens(doc.title);
    const body = indexTokens(doc.summary);
    for (const g of query.groups) {
      if (countPhrase(title, g) > 0) text += TITLE_HIT;
      text += Math.min(BODY_CAP, countPhrase(body, g)) * BODY_HIT;
    }
    const whole = query.needles.join(' ');
    if (query.groups.length > 1 && whole && doc.title.toLowerCase().includes(whole)) text += 1;
  }
  const ageDays = Math.max(0, (nowMs - doc.publishedMs) / 86_400_000);
  const recency = 0.5 / (1 + ageDays / HALF_LIFE_DAYS);
  const quality = 0.5 * Math.min(1, Math.max(0, doc.alertScore || 0));
  return Math.round((text + recency + quality) * 1000) / 1000;
}

const BOUNDARY = /[\s,.;:!?，。；：！？、]/;

/** Plain-text excerpt of at most `maxLen` characters around the first needle found (or the start). */
export function makeSnippet(text: string, needles: string[], maxLen = 200): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLen) return clean;
  const lower = clean.toLowerCase();
  let pos = -1;
  for (const n of needles) {
    const p = n ? lower.indexOf(n) : -1;
    if (p >= 0 && (pos < 0 || p < pos)) pos = p;
  }
  let start = pos <= 0 ? 0 : Math.max(0, pos - Math.floor(maxLen / 3));
  if (start > 0) {
    // Start at a word boundary when one is close.
    for (let i = start; i < Math.min(pos, start + 20); i++) {
      if (BOUNDARY.test(clean[i])) {
        start = i + 1;
        break;
      }
    }
  }
  const end = Math.min(clean.length, start + maxLen - (start > 0 ? 1 : 0) - 1);
  return `${start > 0 ? '…' : ''}${clean.slice(start, end).trim()}${end < clean.length ? '…' : ''}`;
}

/** The excerpt shown for a hit: from the summary when it matches, else the title's context, else the summary's start. */
export function hitSnippet(doc: { title: string; summary: string }, query: ParsedQuery, maxLen = 200): string {
  const inSummary = query.needles.some((n) => doc.summary.toLowerCase().includes(n));
  if (inSummary || !doc.summary) return makeSnippet(doc.summary || doc.title, query.needles, maxLen);
  return makeSnippet(doc.summary, [], maxLen);
}
