// The SSRF guard on real connections: direct, via redirect, via a name resolving to loopback.
import type { LookupFunction } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../../src/sources/errors.js';
import { fetchFeed, type FetchOptions } from '../../../src/sources/fetcher.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';

const RSS = '<rss version="2.0"><channel><item><title>ok</title></item></channel></rss>';

/** A resolver for tests: fixed names → addresses, everything else unknown. */
function fakeDns(map: Record<string, string>): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    const address = map[hostname];
    if (!address) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const family = address.includes(':') ? 6 : 4;
    options.all ? cb(null, [{ address, family }]) : cb(null, address, family);
  }) as unknown as LookupFunction;
}

let pub: FeedServer; // stands in for a public host: reached as feeds.example → 127.0.0.1, explicitly allowed
let internal: FeedServer; // an "internal" host on 127.0.0.2 that must never be reached
beforeEach(async () => {
  pub = await startFeedServer();
  internal = await startFeedServer({ host: '127.0.0.2' });
  internal.set('/secret', { body: RSS });
  pub.set('/feed.xml', { body: RSS });
});
afterEach(async () => {
  await pub.close();
  await internal.close();
});

const asPublic = (): FetchOptions => ({
  timeoutMs: 5000,
  allowAddresses: ['127.0.0.1'],
  lookup: fakeDns({ 'feeds.example': '127.0.0.1', 'intranet.example': '127.0.0.2', 'meta.example': '169.254.169.254' }),
});

async function code(url: string, opts: FetchOptions): Promise<string> {
  const err = await fetchFeed(url, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return (err as FetchError).code;
}

describe('SSRF guard', () => {
  it('lets the allowed stand-in host through (the control case)', async () => {
    const res = await fetchFeed(`http://feeds.example:${pub.port}/feed.xml`, asPublic());
    expect(res.status).toBe('ok');
  });

  it('refuses a direct loopback URL without connecting', async () => {
    expect(await code(internal.url('/secret'), { timeoutMs: 5000 })).toBe('BLOCKED_ADDRESS');
    expect(await code(`http://[::1]:${internal.port}/secret`, { timeoutMs: 5000 })).toBe('BLOCKED_ADDRESS');
    expect(await code(`http://[::ffff:127.0.0.2]:${internal.port}/secret`, { timeoutMs: 5000 })).toBe('BLOCKED_ADDRESS');
    expect(internal.requests).toHaveLength(0);
  });

  it('refuses cloud metadata addresses and names', async () => {
    expect(await code('http://169.254.169.254/latest/meta-data/', { timeoutMs: 2000 })).toBe('BLOCKED_ADDRESS');
    expect(await code('http://metadata.google.internal/computeMetadata/v1/', { timeoutMs: 2000 })).toBe('BLOCKED_ADDRESS');
    expect(await code('http://meta.example/', asPublic())).toBe('BLOCKED_ADDRESS');
  });

  it('refuses a redirect from an allowed host to a loopback IP', async () => {
    pub.set('/hop', { redirect: internal.url('/secret') });
    const err = await fetchFeed(`http://feeds.example:${pub.port}/hop`, asPublic()).catch((e: FetchError) => e);
    expect((err as FetchError).code).toBe('BLOCKED_ADDRESS');
    expect(pub.requests.map((r) => r.path)).toEqual(['/hop']);
    expect(internal.requests).toHaveLength(0);
  });

  it('refuses a redirect to a name that resolves to a private address (checked at connect)', async () => {
    pub.set('/hop', { redirect: `http://intranet.example:${internal.port}/secret` });
    expect(await code(`http://feeds.example:${pub.port}/hop`, asPublic())).toBe('BLOCKED_ADDRESS');
    expect(internal.requests).toHaveLength(0);
  });

  it('refuses a name that resolves to 127.0.0.1 (localhost, real DNS)', async () => {
    expect(await code(`http://localhost:${pub.port}/feed.xml`, { timeoutMs: 5000 })).toBe('BLOCKED_ADDRESS');
    expect(pub.requests).toHaveLength(0);
  });

  it('reports a name that does not resolve as DNS', async () => {
    expect(await code(`http://nowhere.example:${pub.port}/`, asPublic())).toBe('DNS');
  });

  it('allowPrivateAddresses: true lets all of it through', async () => {
    const open: FetchOptions = { timeoutMs: 5000, allowPrivateAddresses: true };
    expect((await fetchFeed(internal.url('/secret'), open)).status).toBe('ok');
    expect((await fetchFeed(`http://localhost:${pub.port}/feed.xml`, open)).status).toBe('ok');
    pub.set('/hop', { redirect: internal.url('/secret') });
    expect((await fetchFeed(pub.url('/hop'), open)).status).toBe('ok');
    expect(internal.requests).toHaveLength(2);
  });
});
