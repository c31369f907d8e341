// One fetch of a feed URL before it is added from chat: the same fetcher (SSRF guard, size and
// time limits, redirects) and parser as the poller, so what the probe accepts the poller can poll.
import type { FetchOptions, FetchResult } from './fetcher.js';
import { FetchError, ParseError } from './errors.js';
import { sourceUrlProblem } from './ssrf.js';
import type { ParsedFeed, ParseOptions } from './parse.js';

export interface FeedProbe {
  title?: string;
  items: number;
  kind: 'rss' | 'atom' | 'json';
  finalUrl: string;
}

export interface ProbeDeps {
  fetchFeed: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  parseFeed: (text: string, opts: ParseOptions) => Promise<ParsedFeed>;
  fetch: Omit<FetchOptions, 'etag' | 'lastModified' | 'signal'>;
}

/** What the document is, by its root: JSON Feed, Atom (`<feed>`) or RSS/RDF. */
export function feedKind(text: string): FeedProbe['kind'] {
  const t = text.replace(/^[\s\uFEFF]+/, '');
  if (/^[{[]/.test(t)) return 'json';
  const body = t.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, '');
  return /^\s*<feed[\s>]/.test(body) || (!/<(rss|rdf:RDF)[\s>]/.test(body) && /<feed[\s>]/.test(body)) ? 'atom' : 'rss';
}

/** Throws FetchError or ParseError (with the fetcher's remedy text) when the URL is not a usable feed. */
export async function probeFeed(url: string, deps: ProbeDeps): Promise<FeedProbe> {
  // The same check as config and OPML sources before anything is fetched (the fetcher checks again at connect time).
  const why = sourceUrlProblem(url, deps.fetch.allowPrivateAddresses ?? false);
  if (why) throw new FetchError('BLOCKED_ADDRESS', why, url);
  const res = await deps.fetchFeed(url, deps.fetch);
  if (res.status !== 'ok') throw new ParseError('EMPTY', 'the server answered 304 Not Modified to a first request; it is not serving a feed');
  const kind = feedKind(res.text);
  try {
    const feed = await deps.parseFeed(res.text, { baseUrl: res.finalUrl, kind: 'auto' });
    return { title: feed.title, items: feed.entries.length, kind, finalUrl: res.finalUrl };
  } catch (err) {
    // A real feed with nothing in it yet is fine (the poller treats it as quiet, not broken).
    if (err instanceof ParseError && err.code === 'EMPTY' && err.feedTitle) return { title: err.feedTitle, items: 0, kind, finalUrl: res.finalUrl };
    throw err;
  }
}
