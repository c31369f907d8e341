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

/**
 * Field caps, applied here before anything is stored, so one absurd entry (a 1 MB title) costs
 * no more than a normal one downstream: text caps on what is kept, and raw caps on the HTML
 * read to get it (markup-heavy text still fills the text cap).
 */
export const FIELD_CAPS = { title: 500, summary: 4000, link: 2048, guid: 512, rawTitle: 8_192, rawSummary: 65_536 } as const;

function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A link too long to be real is dropped (the feed URL stands in): a cut URL would point nowhere. */
function cappedLink(raw: string | undefined, baseUrl: string): string {
  const trimmed = raw?.trim();
  if (!trimmed || trimmed.length > FIELD_CAPS.link * 2) return '';
  const link = canonicalUrl(trimmed, baseUrl);
  return link.length > FIELD_CAPS.link ? '' : link;
}

/** A long guid keeps its identity as a hash, so ids stay stable and distinct. */
function cappedGuid(raw: string | undefined): string | undefined {
  const guid = raw?.trim();
  if (!guid) return undefined;
  return guid.length > FIELD_CAPS.guid ? `sha256:${createHash('sha256').update(guid).digest('hex')}` : guid;
}

export function normalizeEntry(raw: RawEntry, ctx: NormalizeContext): Item {
  const link = cappedLink(raw.link, ctx.baseUrl);
  const summary = clip(htmlToText(clip(raw.summary || raw.content || '', FIELD_CAPS.rawSummary)), FIELD_CAPS.summary);
  const title = clip(htmlToText(clip(raw.title ?? '', FIELD_CAPS.rawTitle)), FIELD_CAPS.title) || clip(summary, 120) || link;
  const guid = cappedGuid(raw.guid);
  const published = clip(raw.published?.trim() ?? '', 256);
  // The raw date string (not the fetch time) goes into the hash, so the id is the same every poll.
  const id = guid ? `${ctx.source}:${guid}` : `${ctx.source}:${shortHash(link, title, published)}`;
  const lang = detectLang(`${title} ${summary.slice(0, 500)}`, ctx.lang);
  return {
    id,
    source: ctx.source,
    ...(guid ? { guid } : {}),
    title,
    summary,
    link: link || canonicalUrl(ctx.baseUrl),
    lang,
    published: toIsoDate(published || undefined, ctx.fetchedAt, { timeZone: ctx.timezone, lang: ctx.lang ?? lang, onAdjust: ctx.onDate }),
    fetchedAt: ctx.fetchedAt.toISOString(),
  };
}
