// One poll cycle over many local feeds, in a process of its own so its peak RSS is the
// poller's alone. Deps come from buildPollDeps, as the bot's do (console route, no model).
// Args: JSON in argv[2].
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load.js';
import { loadKnowledgeFor } from '../src/knowledge/for-config.js';
import { Metrics } from '../src/metrics.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { RedisStore } from '../src/store/redis/index.js';
import type { Store } from '../src/store/store.js';
import { quietLog } from './util.js';
import { createFetchAgent } from '../src/sources/fetcher.js';
import { buildPollDeps } from '../src/pipeline/poll-deps.js';

export interface PollChildArgs {
  port: number;
  sharedAgent: boolean;
  feeds: number;
  hosts: number;
  backend: 'sqlite' | 'redis';
  dbFile: string;
  redisUrl: string;
  prefix: string;
  concurrency?: number;
  perHost?: number;
}
export interface PollChildResult {
  wallMs: number;
  ok: number;
  notModified: number;
  errors: number;
  fresh: number;
  maxRssMB: number;
  rssAfterMB: number;
  heapUsedMB: number;
  cpuUserMs: number;
  cpuSysMs: number;
  firstErrors: string[];
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as PollChildArgs;
  const root = resolve(fileURLToPath(import.meta.url), '../../..');
  const config = parseConfig({
    sources: Array.from({ length: args.feeds }, (_, i) => ({ name: `feed-${i}`, url: `http://127.0.0.${1 + (i % args.hosts)}:${args.port}/feed/${i}.xml` })),
    routes: [{ platform: 'console', channel: 'console' }],
    fetch: {
      allowPrivateAddresses: true,
      ...(args.concurrency ? { concurrency: args.concurrency } : {}),
      ...(args.perHost ? { perHostConcurrency: args.perHost } : {}),
    },
  });
  const log = quietLog();
  const knowledge = loadKnowledgeFor(config);
  const store: Store =
    args.backend === 'redis'
      ? await RedisStore.connect({ url: args.redisUrl, prefix: args.prefix, commandTimeoutMs: 30_000 })
      : SqliteStore.open({ file: args.dbFile });
  // One agent for the whole cycle (keep-alive per host) unless the run compares the per-call default.
  const agent = args.sharedAgent ? createFetchAgent({ allowPrivateAddresses: config.fetch.allowPrivateAddresses, timeoutMs: config.fetch.timeout }) : undefined;
  const deps = buildPollDeps(config, { store, knowledge, agent, owner: `bench:${process.pid}`, log, metrics: new Metrics() });
  const { pollAll } = await import('../src/pipeline/poll-all.js');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await pollAll(config.sources, deps, { force: true, concurrency: config.fetch.concurrency, perHost: config.fetch.perHostConcurrency });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result: PollChildResult = {
    wallMs,
    ok: r.ok,
    notModified: r.notModified,
    errors: r.errors,
    fresh: r.fresh,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    rssAfterMB: process.memoryUsage().rss / 2 ** 20,
    heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
    cpuUserMs: cpu.user / 1000,
    cpuSysMs: cpu.system / 1000,
    firstErrors: r.reports
      .filter((x) => x.outcome === 'error')
      .slice(0, 3)
      .map((x) => `${x.source}: ${x.error}`),
  };
  await agent?.close();
  await store.close();
  process.send?.(result);
  if (!process.send) console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
