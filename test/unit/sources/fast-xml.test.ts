// The fast reader must build exactly what xml2js builds (rss-parser's mapping runs over it), or
// step aside. Every accepted case is checked against xml2js itself, key order included.
import { describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { readXml } from '../../../src/sources/fast-xml.js';

// xml2js ships no types; rss-parser's own instance is the one parse.ts falls back to.
type Xml2js = { parseStringPromise(xml: string): Promise<unknown> };
const Xml2jsParser = (new Parser() as unknown as { xmlParser: { constructor: new (o: object) => Xml2js } }).xmlParser.constructor;
const viaXml2js = (xml: string): Promise<unknown> => new Xml2jsParser({ strict: true }).parseStringPromise(xml);

describe('readXml', () => {
  it.each([
    [
      'plain RSS',
      '<rss version="2.0"><channel><title>T</title><item><title>A &amp; B &#x4E2D;&#20013;</title><guid isPermaLink="false">g</guid></item><item/></channel></rss>',
    ],
    [
      'whitespace, CDATA, comments, PIs',
      '<!-- c -->\n<feed>\n  <entry><title>  </title><summary><![CDATA[ ]]></summary><content><![CDATA[<p>x</p>]]> tail<!-- k --></content></entry>\n<?pi x?></feed>\n',
    ],
    [
      'mixed content and repeated children',
      `<rss><channel><item><description>Hi <b>there</b> and <b>again</b></description><category>a</category><category>b</category></item></channel></rss>`,
    ],
    [
      'attributes without text, single quotes, spaces around =',
      `<feed><entry><link rel = 'alternate' href="https://x.example/a?b=1&amp;c=2"/><link href="/r" /></entry></feed>`,
    ],
    ['carriage returns and non-breaking spaces', '<rss>\r\n<channel><title>\u00a0</title><item><title>a\r\nb</title></item></channel></rss>'],
  ])('%s: same document as xml2js', async (_name, xml) => {
    const doc = readXml(xml);
    expect(doc).toBeDefined();
    expect(JSON.stringify(doc)).toBe(JSON.stringify(await viaXml2js(xml)));
  });

  it.each([
    ['mismatched close tag', '<rss><channel></chanel></rss>'],
    ['unclosed root', '<rss><channel></channel>'],
    ['an entity xml2js rejects', '<rss><title>&nbsp;</title></rss>'],
    ['an invalid character reference', '<rss><title>&#0;</title></rss>'],
    ['text outside the root', 'junk<rss/>'],
    ['a second root', '<rss/><rss/>'],
    ['an unquoted attribute', '<rss version=2/>'],
    ['a duplicate attribute', '<rss a="1" a="2"/>'],
    ['a DOCTYPE', '<!DOCTYPE rss><rss/>'],
    ['a non-ASCII name', '<rss><é/></rss>'],
    ['a child named like xml2js bookkeeping', '<rss><_>x</_></rss>'],
  ])('%s: steps aside', (_name, xml) => {
    expect(readXml(xml)).toBeUndefined();
  });
});
