// Every file of the shared corpus through decode → harden → parse. Each must yield items with
// a title or link, or be rejected with a typed ParseError. Prints the figures the README quotes.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/sources/charset.js';
import { ParseError } from '../../src/sources/errors.js';
import { fetchFeed } from '../../src/sources/fetcher.js';
import { parseFeed, type ParsedFeed } from '../../src/sources/parse.js';
import { hardenXml } from '../../src/sources/xml-safety.js';
import { startFeedServer } from '../fakes/feed-server.js';

const CORPUS = resolve(import.meta.dirname, '../../../shared/corpus/feeds');
const present = existsSync(CORPUS);
if (!present) console.log(`corpus test skipped: ${CORPUS} is absent`);

interface Outcome {
  file: string;
  ms: number;
  charset: string;
  feed?: ParsedFeed;
  error?: unknown;
}

function files(): string[] {
  return readdirSync(CORPUS, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(CORPUS.length + 1))
    .sort();
}

async function run(file: string): Promise<Outcome> {
  let bytes = readFileSync(join(CORPUS, file));
  const started = performance.now();
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const { text, charset } = decodeBody(bytes);
  try {
    const feed = await parseFeed(text, { baseUrl: `https://feeds.example.com/${file}` });
    return { file, ms: performance.now() - started, charset, feed };
  } catch (error) {
    return { file, ms: performance.now() - started, charset, error };
  }
}

describe.skipIf(!present)('corpus', () => {
  it('parses every file or rejects it with a typed error, and prints the figures', async () => {
    const outcomes: Outcome[] = [];
    for (const f of files()) outcomes.push(await run(f));
    const rejected: Record<string, number> = {};
    const quiet: string[] = [];
    for (const o of outcomes) {
      if (o.feed?.entries.length === 0) {
        quiet.push(o.file); // a real feed with no entries: quiet, not an error (issue 12)
      } else if (o.feed) {
        expect.soft(o.feed.entries.length, o.file).toBeGreaterThan(0);
        expect
          .soft(
            o.feed.entries.some((e) => e.title || e.link),
            o.file,
          )
          .toBe(true);
      } else {
        expect.soft(o.error, `${o.file}: ${String(o.error)}`).toBeInstanceOf(ParseError);
        const code = (o.error as ParseError).code;
        rejected[code] = (rejected[code] ?? 0) + 1;
      }
      if (process.env.CORPUS_VERBOSE) {
        const e = o.feed?.entries[0];
        console.log(
          o.feed ? 'ok ' : 'rej',
          o.file,
          o.charset,
          o.ms.toFixed(1),
          o.feed
            ? `${o.feed.entries.length} "${e?.title?.slice(0, 40)}" ${e?.link?.slice(0, 60)}`
            : `${(o.error as ParseError).code} ${(o.error as Error).message.slice(0, 100)}`,
        );
      }
    }
    const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
    const parsed = outcomes.filter((o) => o.feed).length;
    const byCode = Object.entries(rejected)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    console.log(
      `corpus: ${outcomes.length} files, ${parsed} parsed (${quiet.length} quiet: ${quiet.join(', ')}), ${outcomes.length - parsed} rejected (${byCode}), slowest ${slowest.file} ${slowest.ms.toFixed(1)} ms`,
    );
    expect(outcomes.length).toBeGreaterThan(0);
  });
});

async function parseFile(file: string): Promise<ParsedFeed> {
  const { text } = decodeBody(readFileSync(join(CORPUS, file)));
  return parseFeed(text, { baseUrl: 'https://feeds.example.com/' });
}

async function parseError(file: string): Promise<ParseError> {
  const err = await parseFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ParseError);
  return err as ParseError;
}

describe.skipIf(!present)('corpus: Chinese charsets', () => {
  it('sniffs undeclared GB2312 (feedparser/gb2312.xml)', async () => {
    const feed = await parseFile('feedparser/gb2312.xml');
    expect(feed.entries[0].title).toBe('不归移民漫画系列：专业工作');
  });

  it('sniffs undeclared Big5 (feedparser/big5.xml, a feed with a title and no entries: quiet, not an error)', async () => {
    const feed = await parseFile('feedparser/big5.xml');
    expect(feed.entries).toEqual([]);
    expect(feed.title).toContain('我希望');
    expect(feed.title).toContain('很容易');
    expect(feed.title).toContain('感');
  });

  it.each([
    ['chardet/w3cn.org.xml', '网页设计师', '如何以及何时使用sIFR'],
    ['chardet/softsea.net.xml', '系统工具', 'Trojan Remover'],
    ['chardet/cnblog.org.xml', 'CNBlog', '出版商oreilly推出了开放图书项目'],
    ['chardet/coolloud.org.tw.xml', '苦勞網', '不見棺材不走人'],
    ['chardet/sinica.edu.tw.xml', '', '新年快樂'],
  ])('decodes %s into correct Chinese', async (file, feedTitle, entryText) => {
    const feed = await parseFile(file);
    expect(feed.title ?? '').toContain(feedTitle);
    expect(feed.entries.map((e) => e.title).join('\n')).toContain(entryText);
    expect(feed.entries.map((e) => `${e.title}${e.summary}`).join('')).not.toContain('\uFFFD');
  });
});

const ATTACKS = [
  'defusedxml/xmlbomb.xml',
  'defusedxml/xmlbomb2.xml',
  'defusedxml/quadratic.xml',
  'defusedxml/cyclic.xml',
  'defusedxml/external.xml',
  'defusedxml/external_file.xml',
  'defusedxml/dtd.xml',
  'feedparser/always_strip_doctype.xml',
  'feedparser/entity_in_doctype.xml',
  'feedparser/doctype_contains_entity_decl.xml',
];

/** The attack's DOCTYPE kept, its root element replaced by a feed whose title uses the same body. */
function feedShaped(attack: string): string {
  const doctypeEnd = attack.search(/\]\s*>/) + attack.slice(attack.search(/\]\s*>/)).indexOf('>') + 1;
  const doctype = attack.slice(0, doctypeEnd);
  const inner = /<(bomb|root)>([\s\S]*)<\/\1>/.exec(attack)?.[2] ?? '';
  return `${doctype}\n<rss version="2.0"><channel><item><title>${inner}</title><link>https://x.example/1</link></item></channel></rss>`;
}

describe.skipIf(!present)('corpus: XML attacks', () => {
  it.each(ATTACKS)('%s: no DTD survives, nothing expands, typed outcome', async (file) => {
    const started = performance.now();
    const outcome = await parseFile(file).then(
      (feed) => ({ feed }),
      (error: unknown) => ({ error }),
    );
    const ms = performance.now() - started;
    console.log(`attack ${file}: ${ms.toFixed(1)} ms`);
    if ('error' in outcome) expect(outcome.error).toBeInstanceOf(ParseError);
    const raw = readFileSync(join(CORPUS, file), 'utf8');
    const hardened = hardenXml(raw);
    expect(hardened.text).not.toMatch(/<!DOCTYPE|<!ENTITY/i);
    expect(hardened.text.length).toBeLessThanOrEqual(raw.length + 64 * (raw.match(/&/g)?.length ?? 0));
  });

  it.each(['defusedxml/xmlbomb.xml', 'defusedxml/quadratic.xml', 'defusedxml/cyclic.xml'])(
    '%s as a feed: entity references stay literal, never expanded',
    async (file) => {
      const attack = readFileSync(join(CORPUS, file), 'utf8');
      const feed = await parseFeed(feedShaped(attack), { baseUrl: 'https://x.example/' });
      const title = feed.entries[0].title ?? '';
      expect(title).not.toMatch(/1234567890|BBBBBBBBBB/);
      expect(title).toMatch(/&[abc];/);
      expect(title.length).toBeLessThan(attack.length);
    },
  );

  it('external.xml: the SYSTEM entity URL (pointed at a local server) is never requested', async () => {
    const server = await startFeedServer();
    try {
      server.set('/note.xml', { body: '<note>LEAKED-FROM-SERVER</note>' });
      const dir = mkdtempSync(join(tmpdir(), 'xxe-'));
      const copy = join(dir, 'external.xml');
      writeFileSync(
        copy,
        feedShaped(readFileSync(join(CORPUS, 'defusedxml/external.xml'), 'utf8').replace('http://www.w3schools.com/xml/note.xml', server.url('/note.xml'))),
      );
      expect(readFileSync(copy, 'utf8')).toContain(server.url('/note.xml'));
      const feed = await parseFeed(readFileSync(copy, 'utf8'), { baseUrl: 'https://x.example/' });
      expect(JSON.stringify(feed)).not.toContain('LEAKED');
      await parseFeed(readFileSync(join(CORPUS, 'defusedxml/external.xml'), 'utf8'), { baseUrl: 'https://x.example/' }).catch(() => {});
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('external_file.xml: the file:// entity is never read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxe-'));
    const secret = join(dir, 'secret.xml');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    const attack = readFileSync(join(CORPUS, 'defusedxml/external_file.xml'), 'utf8').replace(
      'file:///PATH/TO/xmltestdata/simple.xml',
      pathToFileURL(secret).href,
    );
    const feed = await parseFeed(feedShaped(attack), { baseUrl: 'https://x.example/' });
    expect(JSON.stringify(feed)).not.toContain('TOP-SECRET');
    // `&ee;` happens to be an HTML5 entity name (ⅇ); it may become that character, never the file.
    expect(['&ee;', '\u2147']).toContain(feed.entries[0].title);
  });
});

describe.skipIf(!present)('corpus: over HTTP', () => {
  it('fetches the gzipped corpus file served with Content-Encoding: gzip', async () => {
    const server = await startFeedServer();
    try {
      const gz = readFileSync(join(CORPUS, 'node-feedparser/invalid-characters-gzipped.xml'));
      server.set('/nshipster.xml', { body: gz, headers: { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' } });
      const res = await fetchFeed(server.url('/nshipster.xml'), { allowPrivateAddresses: true, timeoutMs: 5000 });
      expect(res.status).toBe('ok');
      if (res.status !== 'ok') return;
      expect(res.bytes).toBeGreaterThan(gz.length * 3);
      const feed = await parseFeed(res.text, { baseUrl: res.finalUrl });
      expect(feed.entries.length).toBe(25);
      expect(feed.entries[0].title).toBe('NSOperation');
    } finally {
      await server.close();
    }
  });
});
