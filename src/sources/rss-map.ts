// rss-parser items → RawEntry, with links resolved against xml:base or the feed URL.
import type { RawEntry } from '../types.js';

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() ? v : undefined;
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v === 'object' && '_' in v) return text((v as { _: unknown })._);
  return undefined;
}

function resolve(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return link.trim();
  }
}

export function resolveEntry(e: RawEntry, base: string): RawEntry {
  return { ...e, link: resolve(e.link, base) };
}

/** A guid that is a URL and not marked isPermaLink="false" doubles as the link (RSS 2.0). */
function permalink(item: Record<string, unknown>): string | undefined {
  const g = Array.isArray(item.guid) ? item.guid[0] : item.guid;
  const attrs = g && typeof g === 'object' ? ((g as { $?: Record<string, string> }).$ ?? {}) : {};
  const flag = attrs.isPermaLink ?? attrs.ispermalink;
  const value = text(g);
  return value && flag !== 'false' && /^https?:\/\//i.test(value.trim()) ? value : undefined;
}

export function mapItem(item: Record<string, unknown>, base: string): RawEntry {
  const entry: RawEntry = {
    guid: (text(item.guid) ?? text(item.id))?.trim(),
    title: text(item.title),
    link: text(item.link) ?? permalink(item),
    summary: text(item.summary) ?? text(item.description) ?? text(item.content),
    content: text(item['content:encoded']) ?? text(item.content),
    published:
      text(item.pubDate) ??
      text(item['dc:date']) ??
      text(item.published) ??
      text(item.issued) ??
      text(item.updated) ??
      text(item.modified) ??
      text(item.isoDate),
    author: text(item.creator) ?? text(item['dc:creator']) ?? text(item.author),
  };
  if (entry.content === entry.summary) entry.content = undefined;
  return resolveEntry(entry, base);
}

const BASE_ATTR = /\sxml:base\s*=\s*["']([^"']*)["']/i;

/** xml:base of the root element and of each item/entry start tag, resolved against the feed URL. */
export function xmlBases(xml: string, feedUrl: string, count: number): { feed: string; item: (i: number) => string } {
  const root = /<(?:rss|feed|rdf:RDF|channel)\b[^>]*>/i.exec(xml)?.[0] ?? '';
  const feed = resolve(BASE_ATTR.exec(root)?.[1], feedUrl) ?? feedUrl;
  const tags = [...xml.matchAll(/<(?:item|entry)(\s[^>]*)?>/g)].map((m) => BASE_ATTR.exec(m[1] ?? '')?.[1]);
  const any = tags.length === count && tags.some(Boolean);
  return { feed, item: (i) => (any ? (resolve(tags[i], feed) ?? feed) : feed) };
}
