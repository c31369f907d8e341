// The feed server for the poll-cycle bench, run as its own process so its CPU and memory are
// not the poller's. GET /feed/<i>.xml serves a small RSS feed with an ETag and answers 304 on
// If-None-Match; POST /_bump?every=K changes every K-th feed (two new items each).
// Listens on 0.0.0.0, so 127.0.0.1 … 127.0.0.100 all reach it (Linux loopback is a /8).
import { createServer } from 'node:http';
import { rssXml, rng, irrelevantStory, relevantStory, type GenItem } from './gen.js';

const ITEMS = Number(process.env.BENCH_FEED_ITEMS ?? 5);
/** Share of relevant stories: 10,000 arbitrary feeds carry far fewer talent stories than a curated list. */
const SHARE = Number(process.env.BENCH_FEED_RELEVANT ?? 0.1);
const versions = new Map<number, number>();
const cache = new Map<number, { etag: string; body: Buffer }>();
const base = Date.now();
const stats = { ok: 0, notModified: 0, other: 0 };

function feedItems(i: number, version: number): GenItem[] {
  const items: GenItem[] = [];
  // Version v holds items v*2 … v*2+ITEMS-1: each change adds two new items, drops two old ones.
  for (let k = version * 2; k < version * 2 + ITEMS; k++) {
    const r = rng(i * 100_003 + k);
    const story = r() < SHARE ? relevantStory(r) : irrelevantStory(r);
    items.push({
      ...story,
      guid: `f${i}-${k}`,
      link: `https://outlet-${i}.example/n/${k}`,
      published: new Date(base - (1000 - k) * 60_000 - ((i * 7919) % 3_600_000)).toISOString(),
    });
  }
  return items;
}

function feed(i: number): { etag: string; body: Buffer } {
  const v = versions.get(i) ?? 0;
  let f = cache.get(i);
  if (!f || f.etag !== `"f${i}v${v}"`) {
    f = { etag: `"f${i}v${v}"`, body: Buffer.from(rssXml(`outlet-${i}`, feedItems(i, v))) };
    cache.set(i, f);
  }
  return f;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'POST' && url.pathname === '/_bump') {
    const every = Number(url.searchParams.get('every') ?? 20);
    const total = Number(url.searchParams.get('feeds') ?? 0);
    let n = 0;
    for (let i = 0; i < total; i += every) (versions.set(i, (versions.get(i) ?? 0) + 1), n++);
    res.end(JSON.stringify({ bumped: n }));
    return;
  }
  if (url.pathname === '/_stats') {
    res.end(JSON.stringify(stats));
    for (const k of Object.keys(stats) as Array<keyof typeof stats>) stats[k] = 0;
    return;
  }
  const m = /^\/feed\/(\d+)\.xml$/.exec(url.pathname);
  if (!m) {
    stats.other++;
    res.statusCode = 404;
    res.end();
    return;
  }
  const f = feed(Number(m[1]));
  if (req.headers['if-none-match'] === f.etag) {
    stats.notModified++;
    res.writeHead(304, { etag: f.etag });
    res.end();
    return;
  }
  stats.ok++;
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: f.etag, 'content-length': f.body.length });
  res.end(f.body);
});
server.keepAliveTimeout = 5000;
server.listen(Number(process.env.BENCH_FEED_PORT ?? 0), '0.0.0.0', () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  if (process.send) process.send({ port });
  else console.log(`feed host on :${port}`);
});
process.on('disconnect', () => server.close(() => process.exit(0)));
process.on('SIGTERM', () => process.exit(0));
