// fetchFeed against a real local feed server: conditional GET, redirects, limits, encodings.
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../../src/sources/errors.js';
import { fetchFeed, type FetchOptions } from '../../../src/sources/fetcher.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';

const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Hello</title><link>https://example.com/a</link></item></channel></rss>';
const local: FetchOptions = { allowPrivateAddresses: true, timeoutMs: 5000 };

let s: FeedServer;
beforeEach(async () => {
  s = await startFeedServer();
});
afterEach(async () => {
  await s.close();
});

async function fetchError(url: string, opts: FetchOptions): Promise<FetchError> {
  const err = await fetchFeed(url, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('fetchFeed', () => {
  it('fetches, decodes and sends an honest User-Agent and Accept-Encoding', async () => {
    s.set('/a.xml', { body: RSS, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
    const res = await fetchFeed(s.url('/a.xml'), local);
    expect(res.status).toBe('ok');
    if (res.status !== 'ok') return;
    expect(res.text).toContain('<title>Hello</title>');
    expect(res.charset).toBe('utf-8');
    expect(res.bytes).toBe(Buffer.byteLength(RSS));
    expect(res.finalUrl).toBe(s.url('/a.xml'));
    expect(s.requests[0].headers['user-agent']).toMatch(/^talent-radar\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/talent-radar\/talent-radar\)$/);
    expect(s.requests[0].headers['accept-encoding']).toContain('gzip');
  });

  it('sends If-None-Match and treats 304 as not modified', async () => {
    s.set('/e.xml', { body: RSS, etag: '"v1"' });
    const first = await fetchFeed(s.url('/e.xml'), local);
    expect(first.status === 'ok' && first.etag).toBe('"v1"');
    const second = await fetchFeed(s.url('/e.xml'), { ...local, etag: '"v1"' });
    expect(second).toEqual({ status: 'not_modified', finalUrl: s.url('/e.xml') });
    expect(s.requests[1].headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since and treats 304 as not modified', async () => {
    const lm = 'Wed, 21 Oct 2026 07:28:00 GMT';
    s.set('/m.xml', { body: RSS, lastModified: lm });
    const first = await fetchFeed(s.url('/m.xml'), local);
    expect(first.status === 'ok' && first.lastModified).toBe(lm);
    const second = await fetchFeed(s.url('/m.xml'), { ...local, lastModified: lm });
    expect(second.status).toBe('not_modified');
    expect(s.requests[1].headers['if-modified-since']).toBe(lm);
  });

  it('follows redirects and reports the final URL', async () => {
    s.set('/old', { redirect: '/mid', status: 301 });
    s.set('/mid', { redirect: s.url('/new.xml'), status: 307 });
    s.set('/new.xml', { body: RSS });
    const res = await fetchFeed(s.url('/old'), local);
    expect(res.status === 'ok' && res.finalUrl).toBe(s.url('/new.xml'));
    expect(s.requests.map((r) => r.path)).toEqual(['/old', '/mid', '/new.xml']);
  });

  it('detects a redirect loop', async () => {
    s.set('/a', { redirect: '/b' });
    s.set('/b', { redirect: '/a' });
    const err = await fetchError(s.url('/a'), local);
    expect(err.code).toBe('REDIRECT_LOOP');
    expect(s.requests.length).toBe(2);
  });

  it('stops after maxRedirects', async () => {
    for (let i = 0; i < 8; i++) s.set(`/r${i}`, { redirect: `/r${i + 1}` });
    s.set('/r8', { body: RSS });
    const err = await fetchError(s.url('/r0'), { ...local, maxRedirects: 5 });
    expect(err.code).toBe('TOO_MANY_REDIRECTS');
    expect(s.requests.length).toBe(6);
    expect((await fetchFeed(s.url('/r3'), { ...local, maxRedirects: 5 })).status).toBe('ok');
  });

  it('times out a slow drip and really closes the socket', async () => {
    s.set('/drip', { drip: { everyMs: 50 } });
    const err = await fetchError(s.url('/drip'), { ...local, timeoutMs: 400 });
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/fetch\.timeout/);
    await s.allClosed(3000);
    expect(s.connections.closed).toBe(s.connections.opened);
  });

  it('times out a server that never answers', async () => {
    s.set('/late', { delayMs: 10_000, body: RSS });
    const err = await fetchError(s.url('/late'), { ...local, timeoutMs: 300 });
    expect(err.code).toBe('TIMEOUT');
    await s.allClosed(3000);
  });

  it('cuts an endless body at maxBytes', async () => {
    s.set('/endless', { endless: true });
    const err = await fetchError(s.url('/endless'), { ...local, maxBytes: 256 * 1024 });
    expect(err.code).toBe('TOO_LARGE');
    await s.allClosed(3000);
  });

  it('refuses a Content-Length over the cap before reading', async () => {
    s.set('/big', { body: 'x'.repeat(2000) });
    const err = await fetchError(s.url('/big'), { ...local, maxBytes: 1000 });
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(/Content-Length 2000/);
  });

  it('caps the decompressed size of a gzip bomb', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    s.set('/bomb', { body: bomb, headers: { 'content-encoding': 'gzip' } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await fetchError(s.url('/bomb'), { ...local, maxBytes: 1024 * 1024 });
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(/decompressed/);
  });

  it.each(['gzip', 'deflate', 'deflate-raw', 'br'] as const)('decodes %s bodies', async (encoding) => {
    s.set('/z.xml', { body: RSS, encoding });
    const res = await fetchFeed(s.url('/z.xml'), local);
    expect(res.status === 'ok' && res.text).toBe(RSS);
  });

  it('reports a corrupt compressed body as a network error', async () => {
    s.set('/bad', { body: 'not gzip at all', headers: { 'content-encoding': 'gzip' } });
    expect((await fetchError(s.url('/bad'), local)).code).toBe('NETWORK');
  });

  it('maps HTTP status codes to HTTP_STATUS with the status', async () => {
    s.set('/gone', { status: 410, body: 'gone' });
    s.set('/boom', { status: 503, body: 'down' });
    const gone = await fetchError(s.url('/gone'), local);
    expect([gone.code, gone.status]).toEqual(['HTTP_STATUS', 410]);
    expect(gone.message).toMatch(/remove the source/);
    expect((await fetchError(s.url('/boom'), local)).status).toBe(503);
  });

  it('decodes a charset given only in the header', async () => {
    const body = iconv.encode('<rss version="2.0"><channel><item><title>Привет мир</title></item></channel></rss>', 'koi8-r');
    s.set('/k.xml', { body, headers: { 'content-type': 'text/xml; charset=KOI8-R' } });
    const res = await fetchFeed(s.url('/k.xml'), local);
    expect(res.status === 'ok' && res.charset).toBe('koi8-r');
    expect(res.status === 'ok' && res.text).toContain('Привет мир');
  });

  it('ignores a wrong header charset when the bytes are UTF-8', async () => {
    s.set('/w.xml', { body: RSS.replace('Hello', 'Café – 你好'), headers: { 'content-type': 'text/xml; charset=iso-8859-1' } });
    const res = await fetchFeed(s.url('/w.xml'), local);
    expect(res.status === 'ok' && res.text).toContain('Café – 你好');
  });

  it('sniffs GB18030 when no charset is declared anywhere', async () => {
    const body = iconv.encode(
      '<rss version="2.0"><channel><item><title>人工智能研究员加入字节跳动，负责大模型团队的研究工作</title></item></channel></rss>',
      'gb18030',
    );
    s.set('/gb.xml', { body, headers: { 'content-type': 'text/xml' } });
    const res = await fetchFeed(s.url('/gb.xml'), local);
    expect(res.status === 'ok' && res.text).toContain('人工智能研究员加入字节跳动');
  });

  it('stops with ABORTED when the caller aborts (shutdown) and closes the socket', async () => {
    s.set('/drip', { drip: { everyMs: 50 } });
    const ac = new AbortController();
    const pending = fetchFeed(s.url('/drip'), { ...local, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const err = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as FetchError).code).toBe('ABORTED');
    await s.allClosed(3000);
  });

  it('refuses non-http schemes', async () => {
    expect((await fetchError('file:///etc/passwd', local)).code).toBe('BAD_URL');
  });

  it('reports a refused connection as NETWORK', async () => {
    const port = s.port;
    await s.close();
    s = await startFeedServer();
    const err = await fetchError(`http://127.0.0.1:${port}/x`, local);
    expect(['NETWORK']).toContain(err.code);
  });
});
