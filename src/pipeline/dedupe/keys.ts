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
  const words = folded.split(' ');
  const content = words.filter((w) => !GENERIC.has(w) && !DATEISH.test(w));
  return content.length >= 4 && folded.length >= 24 ? folded : null;
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
