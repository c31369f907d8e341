// Redis commands and round trips per feed poll, counted on the store's own ioredis client
// (see instrument() in util.ts), through the real pollSource against a local feed server:
// a poll with 50 new items, a poll with the same 50 items again (changed ETag), a 304 poll.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knowledge } from '../src/knowledge/index.js';
import { createClassifier } from '../src/pipeline/classify/index.js';
import { createAssessor } from '../src/llm/index.js';
import { createMatcher } from '../src/pipeline/dedupe/index.js';
import { fetchFeed } from '../src/sources/fetcher.js';
import { parseFeed } from '../src/sources/parse.js';
import { Metrics } from '../src/metrics.js';
import { RedisStore } from '../src/store/redis/index.js';
import type { PollDeps } from '../src/pipeline/poll.js';
import type { SourceConfig } from '../src/config/schema.js';
import { generateFeeds } from './gen.js';
import { deletePrefix, instrument, quietLog } from './util.js';

export interface PollRoundTrips {
  case: string;
  outcome: string;
  items: number;
  fresh: number;
  commands: number;
  roundTrips: number;
  byCommand: Record<string, number>;
}

export async function runRoundTrips(knowledge: Knowledge, redisUrl: string): Promise<PollRoundTrips[]> {
  const [a, b] = generateFeeds({ feeds: 2, perFeed: 50, seed: 11, relevantShare: 0.5 });
  let body = a.xml;
  let etag = '"v1"';
  const server: Server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const prefix = `bench-rt-${process.pid}-${Date.now()}:`;
  const store = await RedisStore.connect({ url: redisUrl, prefix });
  const counter = instrument(store.redis);
  const classifier = createClassifier(knowledge);
  const log = quietLog();
  const deps: PollDeps = {
    store,
    assessor: createAssessor({ classifier, log, config: { timeout: 10_000, borderline: [0.3, 0.6], abstractiveSummaries: false } }),
    matcher: createMatcher(),
    fetchFeed,
    parseFeed,
    routes: [{ platform: 'console', channel: 'console', minScore: 0, mode: 'realtime' }],
    subscriptions: async () => [],
    settings: {
      defaultIntervalMs: 900_000,
      maxAgeHours: 72,
      maxBackoffMs: 6 * 3600_000,
      failuresBeforeDisable: 10,
      retentionSec: 30 * 86400,
      fetch: { allowPrivateAddresses: true, timeoutMs: 15_000 },
    },
    owner: 'bench-rt',
    log,
    metrics: new Metrics(),
  };
  const source: SourceConfig = { name: 'rt-source', url: `http://127.0.0.1:${port}/feed.xml`, kind: 'auto', firms: [], topics: [], backfill: 0, enabled: true };
  const { pollSource } = await import('../src/pipeline/poll.js');
  const out: PollRoundTrips[] = [];
  const measure = async (name: string) => {
    counter.reset();
    const r = await pollSource(source, deps, { force: true });
    out.push({
      case: name,
      outcome: r.outcome,
      items: r.items,
      fresh: r.fresh,
      commands: counter.commands,
      roundTrips: counter.roundTrips,
      byCommand: Object.fromEntries(counter.names),
    });
  };
  try {
    await measure('first poll (backlog recorded)');
    body = b.xml;
    etag = '"v2"';
    await measure('50 new items');
    etag = '"v3"';
    await measure('50 already-seen items');
    await measure('304 Not Modified');
  } finally {
    await deletePrefix(store.redis, prefix);
    await store.close();
    server.close();
  }
  return out;
}
