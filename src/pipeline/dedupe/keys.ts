// Exact dedupe keys: canonical URL, guid per source, normalized title. Claimed atomically by the store.
import type { Item } from '../../types.js';
import { cjkShare, foldForKey } from './fold.js';
import { shortHash } from './hash.js';

/** Words that make up recurring column titles ("Daily briefing", "Morning roundup #12", "科技早报"). */
const GENERIC = new Set(
  'daily weekly morning evening briefing brief roundup round up digest newsletter news update updates top stories headlines today this week live podcast episode edition the a an of and in on for to what we know issue vol no part 早报 晚报 日报 周报 快讯 简报 要闻 新闻 速览 一周 今日 科技 热点'.split(
    ' ',
  ),
);
const DATEISH =
  /^(\d+|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
/** DATEISH's words, for a lookup instead of the regex (all-digit words are checked apart). */
const DATE_WORDS = new Set(DATEISH.source.slice('^(\\d+|'.length, -')$'.length).split('|'));

function isDateish(w: string): boolean {
  if (DATE_WORDS.has(w)) return true;
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const CJK_RUN = /[\u3400-\u9fff]+/g;
const GENERIC_CJK = [...GENERIC].filter((g) => /[\u3400-\u9fff]/.test(g));
/** Any generic word at all: a run without one is left as it is by the removals below. */
const ANY_GENERIC_CJK = new RegExp(GENERIC_CJK.join('|'));

/** Normalized title for the title key, or null when the title is too short or generic to identify a story. */
export function titleKeyText(title: string): string | null {
  const folded = foldForKey(title);
  if (!folded) return null;
  if (cjkShare(folded) > 0.3) {
    let cjk = 0;
    for (const run of folded.match(CJK_RUN) ?? []) {
      let rest = run;
      if (ANY_GENERIC_CJK.test(rest)) for (const g of GENERIC_CJK) rest = rest.split(g).join('');
      cjk += rest.length;
    }
    return cjk >= 8 ? folded.replace(/ /g, '') : null;
  }
  if (folded.length < 24) return null;
  // At least four content words (neither generic nor a date): counted until the fourth.
  let content = 0;
  let from = 0;
  for (;;) {
    const sp = folded.indexOf(' ', from);
    const w = sp < 0 ? folded.slice(from) : folded.slice(from, sp);
    if (!GENERIC.has(w) && !isDateish(w) && ++content >= 4) return folded;
    if (sp < 0) return null;
    from = sp + 1;
  }
}

/** Exact keys of an item, each prefixed by kind: `url:`, `guid:<source>:`, `title:`. */
export function exactKeys(item: Item): string[] {
  const keys: string[] = [];
  if (item.link) keys.push(`url:${shortHash(item.link)}`);
  if (item.guid) keys.push(`guid:${item.source}:${shortHash(item.guid)}`);
  const t = titleKeyText(item.title);
  if (t) keys.push(`title:${shortHash(t)}`);
  return keys;
}
