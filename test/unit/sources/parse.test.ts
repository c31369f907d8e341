import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/sources/errors.js';
import { parseFeed } from '../../../src/sources/parse.js';
import { fixEntityReferences, hardenXml } from '../../../src/sources/xml-safety.js';

const base = 'https://news.example.com/feeds/main.xml';
const parse = (text: string, kind?: 'auto' | 'rss' | 'atom' | 'json') => parseFeed(text, { baseUrl: base, kind });
async function rejected(text: string): Promise<ParseError> {
  const err = await parse(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ParseError);
  return err as ParseError;
}

describe('parseFeed', () => {
  it('reads RSS 2.0: guid, relative link, description, content:encoded, date, author', async () => {
    const feed = await parse(`<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>News</title>
<item><title>A &amp; B</title><link>/2026/a.html</link><guid isPermaLink="false">id-1</guid>
<description><![CDATA[<p>Short & sweet</p>]]></description><content:encoded><![CDATA[<p>Full</p>]]></content:encoded>
<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate><dc:creator>Li Wei</dc:creator></item>
<item><title>Permalink guid</title><guid>https://news.example.com/p/2</guid></item>
</channel></rss>`);
    expect(feed.title).toBe('News');
    expect(feed.entries[0]).toEqual({
      guid: 'id-1',
      title: 'A & B',
      link: 'https://news.example.com/2026/a.html',
      summary: '<p>Short & sweet</p>',
      content: '<p>Full</p>',
      published: 'Sat, 28 Nov 2026 10:00:00 GMT',
      author: 'Li Wei',
    });
    expect(feed.entries[1].link).toBe('https://news.example.com/p/2');
  });

  it('reads RSS 1.0 (RDF) and RSS 0.91', async () => {
    const rdf =
      await parse(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="x"><title>R</title></channel>
<item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><dc:date>2026-11-28T10:00:00Z</dc:date></item></rdf:RDF>`);
    expect(rdf.entries[0]).toMatchObject({ title: 'One', link: 'https://r.example/1', published: '2026-11-28T10:00:00Z' });
    const old = await parse('<rss version="0.91"><channel><title>Old</title><item><title>Hi</title><link>http://o.example/1</link></item></channel></rss>');
    expect(old.entries[0].title).toBe('Hi');
  });

  it('reads Atom 1.0 with xml:base and Atom 0.3 dates', async () => {
    const feed = await parse(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/posts/">
<title>Blog</title>
<entry><id>urn:1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; move</title><link rel="alternate" href="first.html"/><updated>2026-11-28T10:00:00Z</updated><summary>Sum</summary><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
</feed>`);
    expect(feed.entries[0]).toMatchObject({
      guid: 'urn:1',
      link: 'https://blog.example.org/posts/first.html',
      summary: 'Sum',
      content: '<p>Body</p>',
      published: '2026-11-28T10:00:00.000Z',
    });
    const v03 = await parse(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
<entry><title>E</title><link rel="alternate" type="text/html" href="https://o.example/e"/><issued>2005-02-01T10:00:00+08:00</issued><id>tag:o,1</id></entry></feed>`);
    expect(v03.entries[0]).toMatchObject({ title: 'E', link: 'https://o.example/e', published: '2005-02-01T10:00:00+08:00' });
  });

  it('survives an Atom entry with an invalid date', async () => {
    const feed = await parse(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><link href="https://x.example/"/><published>someday</published></entry></feed>',
    );
    expect(feed.entries[0]).toMatchObject({ title: 'T', published: 'someday' });
  });

  it('reads JSON Feed 1.1 and resolves relative item URLs', async () => {
    const feed = await parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J',
        authors: [{ name: 'Feed Author' }],
        items: [{ id: 7, url: '/j/7', title: 'Seven', content_html: '<p>x</p>', date_published: '2026-11-28T10:00:00Z' }],
      }),
    );
    expect(feed).toEqual({
      title: 'J',
      entries: [
        {
          guid: '7',
          title: 'Seven',
          link: 'https://news.example.com/j/7',
          summary: undefined,
          content: '<p>x</p>',
          published: '2026-11-28T10:00:00Z',
          author: 'Feed Author',
        },
      ],
    });
  });

  it('rejects an HTML page as NOT_A_FEED, bad JSON as MALFORMED, nothing as EMPTY', async () => {
    expect((await rejected('<!DOCTYPE html><html><head><title>Moved</title></head><body>gone</body></html>')).code).toBe('NOT_A_FEED');
    expect((await rejected('{"version": "x", items: }')).code).toBe('MALFORMED');
    expect((await rejected('{"version": "x"}')).code).toBe('NOT_A_FEED');
    expect((await rejected('  \n ')).code).toBe('EMPTY');
    // A real feed with no entries is quiet, not an error (issue 12): `entries: []`.
    expect(await parse('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')).toEqual({ title: 'Quiet', entries: [] });
    expect((await rejected('<rss version="2.0"></rss>')).code).not.toBe('EMPTY');
    expect((await rejected('<!-- c -->\n<rss version="2.0">\n</rss')).code).toMatch(/MALFORMED|EMPTY/);
    // A document cut off mid-item is closed and read.
    expect((await parse('<rss version="2.0"><channel><item><title>cut off')).entries[0].title).toBe('cut off');
  });

  it('recovers from bare ampersands, leading whitespace, comments before the prolog and a truncated end', async () => {
    const feed = await parse(`\n\n  <!-- generated -->\n<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><item><title>Fish & Chips &nbsp;&copy; &unknown; &amp;</title><link>https://x.example/?a=1&b=2</link></item></channel></rss`);
    expect(feed.entries[0].title).toBe('Fish & Chips \u00a0© &unknown; &');
    expect(feed.entries[0].link).toBe('https://x.example/?a=1&b=2');
  });

  it('never expands entities declared in a DOCTYPE', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><item><title>&c;</title><link>https://x.example/</link></item></channel></rss>`;
    const feed = await parse(bomb);
    expect(feed.entries[0].title).toBe('&c;');
  });
});

describe('hardenXml', () => {
  it('cuts DOCTYPEs with internal subsets, quoted > and comments, and counts entity declarations', () => {
    const out = hardenXml('<!DOCTYPE x [ <!-- ] > --> <!ENTITY a "x>y"> <!ENTITY % p SYSTEM "http://evil/">%p; ]><x>&a;</x>');
    expect(out.text).toBe('<x>&amp;a;</x>');
    expect(out.doctypes).toBe(1);
    expect(out.entityDecls).toBe(2);
  });

  it('leaves CDATA and comments alone and fixes ampersands elsewhere', () => {
    expect(fixEntityReferences('<![CDATA[a & b &nbsp;]]> c & d &#169; &#x4e2d; &hellip;')).toBe('<![CDATA[a & b &nbsp;]]> c &amp; d &#169; &#x4e2d; &#8230;');
  });
});
