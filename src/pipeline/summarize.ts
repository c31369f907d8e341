// Extractive one-liner: whole sentences, at most 280 characters in English and 140 in
// Chinese, no HTML; prefers the sentences that say who moved, from where, to where and what.
import type { Item, Move } from '../types.js';
import { isSpace } from '../knowledge/fold.js';

export const SUMMARY_LIMIT = { en: 280, zh: 140 } as const;

const TAG = /<[^>]*>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ' };
const SENTENCE = /[^.!?。！？]+(?:[.!?。！？]+["'”’」]?|$)/g;

/** True when plainText() would return the text as it is: no tag or entity, single inner spaces only, nothing to trim. */
function alreadyPlain(s: string): boolean {
  const n = s.length;
  let prevSpace = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 60 || c === 38) return false; // '<' '&'
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c < 128 ? c >= 9 && c <= 13 : isSpace(c)) return false;
    else prevSpace = false;
  }
  return !prevSpace || n === 0;
}

// summarize() and buildGist() clean the same title and summary: the last few answers are kept.
const recentIn: string[] = [];
const recentOut: string[] = [];

export function plainText(s: string): string {
  for (let i = 0; i < recentIn.length; i++) if (recentIn[i] === s) return recentOut[i];
  const out = clean(s);
  if (recentIn.length >= 4) {
    recentIn.shift();
    recentOut.shift();
  }
  recentIn.push(s);
  recentOut.push(out);
  return out;
}

function clean(s: string): string {
  if (alreadyPlain(s)) return s;
  return s
    .replace(TAG, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

export function isChinese(text: string, lang?: string): boolean {
  if (lang) return lang.toLowerCase().startsWith('zh');
  const han = text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return han > text.length * 0.2;
}

/** Splits into sentences; an abbreviation like "U.S." does not end one. */
export function sentences(text: string): string[] {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(SENTENCE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!m[0].trim()) continue;
    const prev = spans[spans.length - 1];
    const prevText = prev ? text.slice(prev[0], prev[1]).trim() : '';
    const cur = m[0].trim();
    if (prev && (/\b(?:[A-Z]\.){1,3}$|\b(?:Mr|Ms|Mrs|Dr|St|Inc|Corp|Co|Ltd|Jr|Sr|vs|No)\.$/.test(prevText) || /^[a-z0-9]/.test(cur))) prev[1] = end;
    else spans.push([start, end]);
  }
  return spans.map(([a, b]) => text.slice(a, b).trim());
}

function cut(text: string, limit: number, zh: boolean): string {
  if (text.length <= limit) return text;
  const slice = text.slice(0, limit - 1);
  const at = zh ? Math.max(slice.lastIndexOf('，'), slice.lastIndexOf('、')) : slice.lastIndexOf(' ');
  return `${(at > limit / 2 ? slice.slice(0, at) : slice).replace(/[\s,;:，、]+$/, '')}…`;
}

export function summarize(item: Pick<Item, 'title' | 'summary' | 'lang'>, facts: { moves?: Move[]; firms?: string[] } = {}): string {
  const title = plainText(item.title);
  const body = plainText(item.summary);
  const zh = isChinese(`${title}${body}`, item.lang);
  const limit = zh ? SUMMARY_LIMIT.zh : SUMMARY_LIMIT.en;
  const cands = sentences(body);
  if (!cands.length) return cut(title, limit, zh);
  const move = facts.moves?.[0];
  const keys = [move?.person, move?.from, move?.to, ...(facts.firms ?? [])].filter((x): x is string => !!x);
  const score = (s: string, i: number) => keys.reduce((acc, k, j) => acc + (s.includes(k) ? (j === 0 ? 3 : 1) : 0), 0) - i * 0.25;
  const ranked = cands.map((s, i) => ({ s, i, v: score(s, i) })).sort((a, b) => b.v - a.v);
  const chosen = ranked[0].s.length <= limit ? [ranked[0]] : [];
  for (const r of ranked.slice(1)) {
    const len = chosen.reduce((n, c) => n + c.s.length + (zh ? 0 : 1), 0);
    if (chosen.length && len + r.s.length + (zh ? 0 : 1) <= limit && r.v > 0) chosen.push(r);
  }
  if (!chosen.length) return title.length <= limit ? title : cut(ranked[0].s, limit, zh);
  return chosen
    .sort((a, b) => a.i - b.i)
    .map((c) => c.s)
    .join(zh ? '' : ' ');
}
