// Feed text → ParsedFeed. JSON Feed by hand; RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through
// rss-parser's mapping after hardening (no DOCTYPE, no entity declarations). Plain well-formed
// XML is read by fast-xml.ts into the very document xml2js would build; the rest goes through
// rss-parser's xml2js, a strict parse first, then a lenient one for common breakage (unclosed
// tags, stray markup). rss-parser stays for its mapping (RSS 0.9x/1/2, Atom, iTunes, content
// rebuilt from nested markup), which the corpus tests pin item for item.
import Parser from 'rss-parser';
import { ParseError } from './errors.js';
import { readXml } from './fast-xml.js';
import { hardenXml } from './xml-safety.js';
import { parseJsonFeed } from './json-feed.js';
import { mapItem, resolveEntry, xmlBases } from './rss-map.js';
import type { ParsedFeed } from './parsed-feed.js';

export type { ParsedFeed } from './parsed-feed.js';

export interface ParseOptions {
  /** The feed's final URL: relative links resolve against it (after xml:base). */
  baseUrl: string;
  kind?: 'auto' | 'rss' | 'atom' | 'json';
}

const ITEM_FIELDS = ['dc:date', 'dc:creator', 'issued', 'modified', 'updated', 'published', 'description'];
type Doc = Record<string, unknown>;
type Options = Parser.ParserOptions<Doc, Doc>;
const strict = new Parser<Doc, Doc>({ defaultRSS: 2, customFields: { item: ITEM_FIELDS } } as unknown as Options);
const lower = (n: string) => n.toLowerCase();
const lenient = new Parser<Doc, Doc>({
  defaultRSS: 2,
  customFields: { item: ITEM_FIELDS },
  xml2js: { strict: false, tagNameProcessors: [lower], attrNameProcessors: [lower] },
} as unknown as Options);

/**
 * rss-parser turns Atom dates into ISO with `new Date(x).toISOString()`, which throws on a bad
 * date and loses the whole feed. Retry such an entry with the raw date strings kept aside.
 */
function tolerateBadAtomDates(parser: Parser<Doc, Doc>): Parser<Doc, Doc> {
  const p = parser as unknown as { parseItemAtom(entry: Doc): Doc };
  const original = p.parseItemAtom.bind(parser);
  p.parseItemAtom = (entry) => {
    try {
      return original(entry);
    } catch {
      const { published, updated, ...rest } = entry;
      return { ...original(rest), published, updated };
    }
  };
  return parser;
}
tolerateBadAtomDates(strict);
tolerateBadAtomDates(lenient);

/** Closes a truncated document: a dangling `</rss` and unclosed item/channel/root elements. */
export function repairTruncated(xml: string): string {
  let out = xml.replace(/<\/([\w:]+)\s*$/, '</$1>');
  for (const name of ['item', 'entry', 'channel', 'rss', 'feed', 'rdf:RDF']) {
    const opened = (out.match(new RegExp(`<${name}(?:\\s[^>]*[^/]|\\s*)>`, 'g')) ?? []).length;
    const closed = (out.match(new RegExp(`</${name}\\s*>`, 'g')) ?? []).length;
    if (opened > closed) out += `</${name}>`;
  }
  return out;
}

const ROOT = /<([A-Za-z_][\w:.-]*)/;
const FEED_ROOTS = /^(rss|feed|rdf:rdf|rdf|channel)$/i;

/** Drops leading junk before the root: whitespace, comments and the XML declaration. */
function tidy(xml: string): string {
  return xml.replace(/^[\s\uFEFF]*((?:<!--[\s\S]*?-->\s*)*)<\?xml[\s\S]*?\?>/, '$1').replace(/^\s+/, '');
}

/** The feed document, or the Atom/RSS element embedded in an XHTML page. */
function feedDocument(xml: string): string {
  const body = xml.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, (m) => ' '.repeat(m.length));
  const root = ROOT.exec(body)?.[1] ?? '';
  if (FEED_ROOTS.test(root)) return xml;
  const inner = /<(feed|rss|rdf:RDF)[\s>]/.exec(body);
  if (inner) {
    const close = xml.lastIndexOf(`</${inner[1]}>`);
    if (close > inner.index) return xml.slice(inner.index, close + inner[1].length + 3);
  }
  throw new ParseError(
    'NOT_A_FEED',
    `the document is ${root ? `<${root}>` : 'not XML'}, not RSS, Atom or JSON Feed; point the source at the feed URL (look for <link rel="alternate" type="application/rss+xml"> on the page)`,
  );
}

type XmlParser = { parseStringPromise(xml: string): Promise<unknown> };
type Callback = (err: Error | null, doc: unknown) => void;

/**
 * rss-parser with its xml2js step in async mode: the document is read 64 KB at a time with a
 * yield to the event loop in between, so a 10,000-item feed does not stall the bot. Async
 * parsers keep state, so each call gets its own; rss-parser then maps the ready document.
 */
async function parseChunked(parser: Parser<Doc, Doc>, xml: string): Promise<Parser.Output<Doc>> {
  const inner = (parser as unknown as { xmlParser: { constructor: new (o: object) => XmlParser; options: object } }).xmlParser;
  const doc = await new inner.constructor({ ...inner.options, async: true, chunkSize: 64 * 1024 }).parseStringPromise(xml);
  return mapDocument(parser, doc);
}

/** rss-parser's mapping over a document already read. */
function mapDocument(parser: Parser<Doc, Doc>, doc: unknown): Promise<Parser.Output<Doc>> {
  const ready = { parseString: (_xml: string, cb: Callback) => cb(null, doc) };
  return (Object.create(parser, { xmlParser: { value: ready } }) as Parser<Doc, Doc>).parseString('');
}

/** Above this the fast reader's one synchronous pass (~10 ms per MB) gives way to the chunked path. */
const FAST_MAX_CHARS = 2 * 1024 * 1024;

async function parseXml(xml: string): Promise<Parser.Output<Doc>> {
  const doc = xml.length <= FAST_MAX_CHARS ? readXml(xml) : undefined;
  if (doc) {
    try {
      return await mapDocument(strict, doc);
    } catch {
      // Not a feed rss-parser can map: the xml2js path below gives the same error its usual message.
    }
  }
  try {
    return await parseChunked(strict, xml);
  } catch (first) {
    try {
      return await parseChunked(lenient, repairTruncated(xml));
    } catch {
      const msg = (first as Error).message.split('\n')[0];
      // rss-parser dereferences channel[0]: a root with no <channel> has nothing to read.
      if (first instanceof TypeError) throw new ParseError('MALFORMED', 'the feed has no <channel>; check the URL serves a complete feed', { cause: first });
      if (/not recognized/i.test(msg))
        throw new ParseError('NOT_A_FEED', `the XML is not RSS or Atom (${msg}); point the source at the feed URL`, { cause: first });
      throw new ParseError('MALFORMED', `the feed is not well-formed XML (${msg}); the publisher must fix it, or use another feed URL`, { cause: first });
    }
  }
}

export async function parseFeed(text: string, opts: ParseOptions): Promise<ParsedFeed> {
  const trimmed = text.replace(/^[\s\uFEFF]+/, '');
  if (!trimmed) throw new ParseError('EMPTY', 'the response body is empty; check the URL serves a feed');
  const kind = opts.kind ?? 'auto';
  let feed: ParsedFeed;
  if (kind === 'json' || (kind === 'auto' && /^[{[]/.test(trimmed))) {
    feed = parseJsonFeed(trimmed);
    feed.entries = feed.entries.map((e) => resolveEntry(e, opts.baseUrl));
  } else {
    const hardened = hardenXml(trimmed);
    const xml = feedDocument(tidy(hardened.text));
    const out = await parseXml(xml);
    const items = out.items ?? [];
    const bases = xmlBases(xml, opts.baseUrl, items.length);
    feed = {
      title: typeof out.title === 'string' && out.title.trim() ? out.title.trim() : undefined,
      entries: items.map((item, i) => mapItem(item as Doc, bases.item(i))),
    };
  }
  // Neither a headline nor a link: nothing an alert could show or point to.
  feed.entries = feed.entries.filter((e) => e.title?.trim() || e.link);
  // A real feed with no entries right now is quiet, not failing: `entries: []`. Only an empty body,
  // a document that is not a feed or one that does not parse is an error (the source backs off).
  return feed;
}
