// RawEntry → Item: plain text, canonical link, ISO dates, language, stable id.
import { createHash } from 'node:crypto';
import type { Item, RawEntry } from '../types.js';
import { toIsoDate, type DateOptions } from './normalize/date.js';
import { htmlToText } from './normalize/html.js';
import { detectLang } from './normalize/lang.js';
import { canonicalUrl } from './normalize/url.js';

export { canonicalUrl } from './normalize/url.js';
export { htmlToText } from './normalize/html.js';
export { toIsoDate, isTimeZone } from './normalize/date.js';
export { detectLang } from './normalize/lang.js';

export interface NormalizeContext {
  /** Source name from config. */
  source: string;
  /** The source's language hint. */
  lang?: string;
  fetchedAt: Date;
  /** The feed's final URL; relative links resolve against it. */
  baseUrl: string;
  /** The source's IANA time zone for dates that carry none (and for what "CST" means). */
  timezone?: string;
  /** Told when a date was clamped to the fetch time (future beyond the skew) or unreadable. */
  onDate?: DateOptions['onAdjust'];
}

const MAX_SUMMARY = 4000;

function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

export function normalizeEntry(raw: RawEntry, ctx: NormalizeContext): Item {
  const link = raw.link?.trim() ? canonicalUrl(raw.link, ctx.baseUrl) : '';
  const summary = htmlToText(raw.summary || raw.content || '').slice(0, MAX_SUMMARY);
  const title = htmlToText(raw.title ?? '') || summary.slice(0, 120) || link;
  const guid = raw.guid?.trim() || undefined;
  // The raw date string (not the fetch time) goes into the hash, so the id is the same every poll.
  const id = guid ? `${ctx.source}:${guid}` : `${ctx.source}:${shortHash(link, title, raw.published?.trim() ?? '')}`;
  const lang = detectLang(`${title} ${summary.slice(0, 500)}`, ctx.lang);
  return {
    id,
    source: ctx.source,
    ...(guid ? { guid } : {}),
    title,
    summary,
    link: link || canonicalUrl(ctx.baseUrl),
    lang,
    published: toIsoDate(raw.published, ctx.fetchedAt, { timeZone: ctx.timezone, lang: ctx.lang ?? lang, onAdjust: ctx.onDate }),
    fetchedAt: ctx.fetchedAt.toISOString(),
  };
}
