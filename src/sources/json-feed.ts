// JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) → RawEntry[].
import type { RawEntry } from '../types.js';
import { ParseError } from './errors.js';
import type { ParsedFeed } from './parsed-feed.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function author(item: Record<string, unknown>): string | undefined {
  const authors = Array.isArray(item.authors) ? item.authors : item.author ? [item.author] : [];
  const names = authors.map((a) => (a && typeof a === 'object' ? str((a as Record<string, unknown>).name) : undefined)).filter(Boolean);
  return names.length ? names.join(', ') : undefined;
}

export function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ParseError('MALFORMED', `the feed is not valid JSON (${(err as Error).message}); check the URL serves a JSON Feed`, { cause: err });
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as Record<string, unknown>).items)) {
    throw new ParseError('NOT_A_FEED', 'the JSON document has no "items" array, so it is not a JSON Feed; point the source at the feed URL');
  }
  const feed = doc as Record<string, unknown>;
  const entries: RawEntry[] = (feed.items as unknown[])
    .filter((i): i is Record<string, unknown> => !!i && typeof i === 'object')
    .map((i) => ({
      guid: str(i.id) ?? (typeof i.id === 'number' ? String(i.id) : undefined),
      title: str(i.title),
      link: str(i.url) ?? str(i.external_url),
      summary: str(i.summary) ?? str(i.content_text),
      content: str(i.content_html) ?? str(i.content_text),
      published: str(i.date_published) ?? str(i.date_modified),
      author: author(i) ?? author(feed),
    }));
  return { title: str(feed.title), entries };
}
