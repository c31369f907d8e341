import { describe, expect, it } from 'vitest';
import { canonicalUrl, clip, FIELD_CAPS, htmlToText, normalizeEntry, toIsoDate, detectLang } from '../../../src/pipeline/normalize.js';

describe('canonicalUrl', () => {
  it.each([
    ['https://www.Example.COM/a?utm_source=x&utm_medium=rss&id=3', 'https://example.com/a?id=3'],
    ['https://example.com/a?fbclid=1&gclid=2&spm=a.b.c&mc_cid=1&mc_eid=2&igshid=z&ref=hn&ref_src=twsrc&_ga=1.2', 'https://example.com/a'],
    ['https://example.com/a?b=2&a=1&c=0', 'https://example.com/a?a=1&b=2&c=0'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['https://example.com/a#comments', 'https://example.com/a'],
    ['https://example.com/news/story/amp/', 'https://example.com/news/story/'],
    ['https://example.com/amp/news/story', 'https://example.com/news/story'],
    ['https://example.com/news/story.amp.html', 'https://example.com/news/story.html'],
    ['https://example.com/news/story?amp=1', 'https://example.com/news/story'],
    ['https://example.com/news/story?outputType=amp&id=1', 'https://example.com/news/story?id=1'],
    ['https://amp.example.com/news/story', 'https://example.com/news/story'],
    ['https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story', 'https://example.com/news/story'],
    ['https://www.google.com/amp/s/www.example.com/news/story/amp', 'https://example.com/news/story/'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
    ['https://example.com/search?q=a%20b&page=2', 'https://example.com/search?page=2&q=a+b'],
  ])('%s → %s', (input, out) => {
    expect(canonicalUrl(input)).toBe(out);
  });

  it('resolves relative links against a base and leaves non-URLs alone', () => {
    expect(canonicalUrl('../b?utm_campaign=x', 'https://www.site.cn/news/a/')).toBe('https://site.cn/news/b');
    expect(canonicalUrl('  not a url ')).toBe('not a url');
    expect(canonicalUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  });

  it('keeps a query parameter that merely looks like an entity', () => {
    expect(canonicalUrl('https://example.com/?page=1&copy=2')).toBe('https://example.com/?copy=2&page=1');
  });
});

describe('htmlToText', () => {
  it('drops scripts, styles and comments, decodes entities, folds whitespace', () => {
    const html =
      '<p>Hello&nbsp;<b>world</b> &amp; &eacute;t&eacute; &#8212; &#x4E2D;&#25991;</p>\n<script>alert(1)</script><style>p{}</style><!-- hidden <script>x</script> -->\n\t<div>Next</div>';
    expect(htmlToText(html)).toBe('Hello world & été — 中文 Next');
  });

  it('handles comment tricks and unclosed scripts', () => {
    expect(htmlToText('sa<!-- -- nonwhitespace >fe<script>alert(1);</script>')).toBe('sa');
    expect(htmlToText('ok <script>never ends')).toBe('ok');
  });

  it('strips double-escaped HTML but keeps plain angle brackets in text', () => {
    expect(htmlToText('&lt;p&gt;Escaped &lt;b&gt;bold&lt;/b&gt;&lt;/p&gt;')).toBe('Escaped bold');
    expect(htmlToText('1 &lt; 2 and 3 &gt; 2')).toBe('1 < 2 and 3 > 2');
  });
});

describe('toIsoDate', () => {
  const fetchedAt = new Date('2026-11-29T04:00:00Z');
  it.each([
    ['Tue, 17 Oct 2017 12:17:00 +0000', '2017-10-17T12:17:00.000Z'],
    ['Tue, 17 Oct 2017 12:17:00 GMT', '2017-10-17T12:17:00.000Z'],
    ['Mon, 16 Oct 2017 15:10:00 EST', '2017-10-16T20:10:00.000Z'],
    ['2026-11-28T10:00:00+08:00', '2026-11-28T02:00:00.000Z'],
    ['2005-12-28 10:00:00', '2005-12-28T10:00:00.000Z'],
    ['1518478934', '2018-02-12T23:42:14.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(toIsoDate(raw, fetchedAt)).toBe(iso);
  });
  it('uses the fetch time when missing, invalid or in the future', () => {
    for (const raw of [undefined, '', 'not a date', '2031-01-01T00:00:00Z']) expect(toIsoDate(raw, fetchedAt)).toBe(fetchedAt.toISOString());
  });
});

describe('toIsoDate: time zones, Chinese formats, future clamp', () => {
  const fetchedAt = new Date('2026-11-29T04:00:00Z');
  it('reads CST as China time on a Chinese or Asia/Shanghai source, US Central elsewhere', () => {
    const raw = 'Sat, 28 Nov 2026 10:00:00 CST';
    expect(toIsoDate(raw, fetchedAt, { lang: 'zh' })).toBe('2026-11-28T02:00:00.000Z');
    expect(toIsoDate(raw, fetchedAt, { timeZone: 'Asia/Shanghai', lang: 'en' })).toBe('2026-11-28T02:00:00.000Z');
    expect(toIsoDate(raw, fetchedAt, { lang: 'en' })).toBe('2026-11-28T16:00:00.000Z');
    expect(toIsoDate(raw, fetchedAt)).toBe('2026-11-28T16:00:00.000Z');
  });
  it.each([
    ['2026年10月31日 10:00', '2026-10-31T02:00:00.000Z'],
    ['2026年10月31日10:00:30', '2026-10-31T02:00:30.000Z'],
    ['2026年10月31日 下午3:05', '2026-10-31T07:05:00.000Z'],
    ['2026年10月31日 10时05分', '2026-10-31T02:05:00.000Z'],
    ['2026年10月31日', '2026-10-30T16:00:00.000Z'],
    ['2026-10-31 10:00:00', '2026-10-31T02:00:00.000Z'],
    ['2026/10/31 10:00', '2026-10-31T02:00:00.000Z'],
    ['2026-10-31 10:00 北京时间', '2026-10-31T02:00:00.000Z'],
  ])('zh source: %s → %s', (raw, iso) => {
    expect(toIsoDate(raw, fetchedAt, { lang: 'zh' })).toBe(iso);
  });
  it('reads zoneless dates in the source time zone, across DST', () => {
    expect(toIsoDate('2026-07-01 09:00', fetchedAt, { timeZone: 'America/New_York' })).toBe('2026-07-01T13:00:00.000Z');
    expect(toIsoDate('2026-01-15 09:00', fetchedAt, { timeZone: 'America/New_York' })).toBe('2026-01-15T14:00:00.000Z');
    expect(toIsoDate('2026年10月31日 10:00', fetchedAt, { timeZone: 'Asia/Tokyo' })).toBe('2026-10-31T01:00:00.000Z');
    // An explicit offset always wins over the source zone.
    expect(toIsoDate('2026-11-28T10:00:00+08:00', fetchedAt, { timeZone: 'America/New_York' })).toBe('2026-11-28T02:00:00.000Z');
  });
  it('clamps a date beyond a 10-minute skew to the fetch time and says so; a small skew passes', () => {
    const notes: Array<{ raw: string; reason: string }> = [];
    const onAdjust = (n: { raw: string; reason: string }) => notes.push(n);
    expect(toIsoDate('2026-11-29T04:05:00Z', fetchedAt, { onAdjust })).toBe('2026-11-29T04:05:00.000Z');
    expect(notes).toEqual([]);
    expect(toIsoDate('2026-11-29T05:00:00Z', fetchedAt, { onAdjust })).toBe(fetchedAt.toISOString());
    expect(notes).toMatchObject([{ raw: '2026-11-29T05:00:00Z', reason: 'future' }]);
    // A China-time date read as US Central would be 14 hours in the future: the zone fixes it.
    expect(toIsoDate('Sun, 29 Nov 2026 11:30:00 CST', fetchedAt, { lang: 'zh', onAdjust })).toBe('2026-11-29T03:30:00.000Z');
    expect(notes).toHaveLength(1);
  });
});

describe('detectLang', () => {
  it('says zh when Han characters dominate, even with Latin names', () => {
    expect(detectLang('OpenAI 研究员加入字节跳动 Seed 团队')).toBe('zh');
    expect(detectLang('ByteDance hires a researcher from OpenAI, 张三, to lead its model team', 'zh')).toBe('zh');
    expect(detectLang('ByteDance hires a researcher from OpenAI, 张三, to lead its model team')).toBe('en');
    expect(detectLang('Something in German', 'de-DE')).toBe('de');
  });
});

describe('normalizeEntry', () => {
  const ctx = { source: 'techwire', fetchedAt: new Date('2026-11-29T04:00:00Z'), baseUrl: 'https://www.techwire.example/feed.xml' };

  it('builds a clean item with a guid-based id', () => {
    const item = normalizeEntry(
      {
        guid: ' abc-1 ',
        title: ' <b>Hello</b> &amp; bye ',
        link: '/p/1?utm_source=rss#top',
        summary: '<p>Body&nbsp;text</p>',
        published: 'Tue, 17 Oct 2017 12:17:00 +0000',
      },
      ctx,
    );
    expect(item).toEqual({
      id: 'techwire:abc-1',
      source: 'techwire',
      guid: 'abc-1',
      title: 'Hello & bye',
      summary: 'Body text',
      link: 'https://techwire.example/p/1',
      lang: 'en',
      published: '2017-10-17T12:17:00.000Z',
      fetchedAt: '2026-11-29T04:00:00.000Z',
    });
  });

  it('hashes link, title and raw date when there is no guid, stable across polls', () => {
    const raw = { title: 'T', link: 'https://example.com/a?utm_medium=x' };
    const a = normalizeEntry(raw, ctx);
    const b = normalizeEntry({ ...raw, link: 'https://www.example.com/a' }, { ...ctx, fetchedAt: new Date('2026-11-30T00:00:00Z') });
    expect(a.id).toMatch(/^techwire:[0-9a-f]{16}$/);
    expect(b.id).toBe(a.id);
    expect(normalizeEntry({ ...raw, title: 'U' }, ctx).id).not.toBe(a.id);
    expect(a.guid).toBeUndefined();
  });

  it('falls back to the summary for a missing title and to the feed URL for a missing link', () => {
    const item = normalizeEntry({ summary: '字节跳动从谷歌挖来了一位研究员' }, ctx);
    expect(item.title).toBe('字节跳动从谷歌挖来了一位研究员');
    expect(item.link).toBe('https://techwire.example/feed.xml');
    expect(item.lang).toBe('zh');
  });
});

describe('field caps at normalize time', () => {
  const ctx = { source: 's', fetchedAt: new Date('2026-01-01T00:00:00Z'), baseUrl: 'https://feed.example/rss' };

  it('caps title, summary, link and guid, whatever the feed sends', () => {
    const huge = 'AI 人才 '.repeat(200_000); // ~1.4 MB
    const item = normalizeEntry(
      {
        title: huge,
        summary: `<p>${huge}</p>`,
        guid: 'g'.repeat(5000),
        link: `https://x.example/${'a'.repeat(10_000)}`,
        published: '2026-01-01T00:00:00Z'.repeat(10_000),
      },
      ctx,
    );
    expect(item.title.length).toBeLessThanOrEqual(FIELD_CAPS.title);
    expect(item.title.startsWith('AI 人才 AI')).toBe(true);
    expect(item.summary.length).toBeLessThanOrEqual(FIELD_CAPS.summary);
    expect(item.summary.length).toBeGreaterThan(FIELD_CAPS.summary - 10);
    // A cut URL points nowhere: the feed URL stands in.
    expect(item.link).toBe('https://feed.example/rss');
    expect(item.guid).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(item.id.length).toBeLessThan(100);
    expect(JSON.stringify(item).length).toBeLessThan(6000);
  });

  it('a long guid hashes to a stable, distinct id; normal fields are untouched', () => {
    const a = normalizeEntry({ title: 't', guid: `${'g'.repeat(600)}1` }, ctx);
    const b = normalizeEntry({ title: 't', guid: `${'g'.repeat(600)}2` }, ctx);
    expect(a.id).toBe(normalizeEntry({ title: 't', guid: `${'g'.repeat(600)}1` }, ctx).id);
    expect(a.id).not.toBe(b.id);
    const plain = normalizeEntry({ title: 'OpenAI hires', guid: 'abc', link: 'https://x.example/a' }, ctx);
    expect(plain).toMatchObject({ id: 's:abc', guid: 'abc', title: 'OpenAI hires', link: 'https://x.example/a' });
  });

  it('clip never leaves half a surrogate pair', () => {
    expect(clip('ab😀cd', 3)).toBe('ab');
    expect(clip('ab😀cd', 4)).toBe('ab😀');
    expect(clip('abc', 5)).toBe('abc');
  });
});

describe('htmlToText through a real tokenizer (issue 12)', () => {
  it.each([
    ['<a title="1>2">x</a> y', 'x y'],
    ['<a title=\'a>b\' href="/x?q=<p>">link</a> text', 'link text'],
    ['<img alt="2>1 leak" src=x>caption', 'caption'],
    ['<p data-x="</p><p>leak">kept</p>', 'kept'],
    ['<![CDATA[OpenAI hires]]> <b>researcher</b>', 'OpenAI hires researcher'],
    ['<svg><text>drawn</text></svg>shown', 'shown'],
    ['A<br>B<br/>C', 'A B C'],
    ['<b>Open</b><i>AI</i>', 'OpenAI'],
    ['&lt;a title="1&gt;2"&gt;x&lt;/a&gt; y', 'x y'],
  ])('%s → %s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
