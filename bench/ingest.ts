// Ingest throughput: the poller's own cycle over every feed at once (pollAll: lease the cycle →
// parse → normalize → assess → exact keys + fingerprint → route → store.ingest in slices, oldest
// first → source states), against the loop hand-written bots use (rss-parser parseString, a
// keyword regex, one awaited Redis SET NX per item) and against a bare tag-tokenizer pass over the
// same bytes. One process: the bot's own thread, plus redis-server's for the Redis backend.
import Parser from 'rss-parser';
import type { Redis } from 'ioredis';
import type { Knowledge } from '../src/knowledge/index.js';
import { createClassifier } from '../src/pipeline/classify/index.js';
import { parseConfig } from '../src/config/load.js';
import { Metrics } from '../src/metrics.js';
import { buildPollDeps } from '../src/pipeline/poll-deps.js';
import { pollAll } from '../src/pipeline/poll-all.js';
import { normalizeEntry } from '../src/pipeline/normalize.js';
import { parseFeed } from '../src/sources/parse.js';
import type { Store } from '../src/store/store.js';
import type { Item } from '../src/types.js';
import type { GenFeed } from './gen.js';
import { quietLog, timed } from './util.js';

export type Stage = 'lease' | 'parse+normalize' | 'assess' | 'store.ingest' | 'state' | 'rest';
export interface PipelineResult {
  items: number;
  ms: number;
  itemsPerSec: number;
  fresh: number;
  duplicates: number;
  archived: number;
  delivered: number;
  /**
   * Where the wall time went. lease: leaseSources/leaseSource/renewLease; parse+normalize: the
   * cycle's fetch phase (every feed is read before the first item is assessed; the fetch itself is
   * answered from memory) less its lease; assess and store.ingest: time inside those calls; state:
   * saveSourceState; rest: the remainder (exact keys, fingerprints, routing, slicing), floored at 0
   * when a slice's assessment overlaps the previous slice's store ingest.
   */
  stageMs: Record<Stage, number>;
  matcherCalls: number;
  matcherMs: number;
}

/**
 * The poller's own cycle (`pollAll`, deps from `buildPollDeps` as the bot builds them, a console
 * route) over every feed at once, the fetch answered from memory: lease the cycle → parse →
 * normalize → assess → exact keys + fingerprint → route → store.ingest in slices, oldest first →
 * source states. Sources start initialized (a later poll, not a first one) so every fresh relevant
 * item is delivered: the outbox gets its full share of work.
 */
export async function runPipeline(store: Store, knowledge: Knowledge, feeds: GenFeed[], now?: Date): Promise<PipelineResult> {
  const config = parseConfig({
    sources: feeds.map((f) => ({ name: f.name, url: `https://${f.name}.example/feed.xml` })),
    routes: [{ platform: 'console', channel: 'bench' }],
    schedule: { maxAgeHours: 24 * 365 },
  });
  const byUrl = new Map(feeds.map((f) => [`https://${f.name}.example/feed.xml`, f.xml]));
  const owner = 'bench';
  for (const s of config.sources) {
    await store.leaseSource(s.name, owner, 60_000);
    await store.saveSourceState({ name: s.name, url: s.url, consecutiveFailures: 0, initialized: true, disabled: false }, { name: s.name, owner });
  }
  const deps = buildPollDeps(config, { store, knowledge, owner, log: quietLog(), metrics: new Metrics(), ...(now ? { now: () => now } : {}) });
  const stageMs: Record<Stage, number> = { lease: 0, 'parse+normalize': 0, assess: 0, 'store.ingest': 0, state: 0, rest: 0 };
  let firstAssess = 0;
  let leaseInFetch = 0;
  const time =
    <A extends unknown[], R>(stage: Stage, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t0 = performance.now();
      try {
        return await fn(...a);
      } finally {
        stageMs[stage] += performance.now() - t0;
      }
    };
  let matcherCalls = 0;
  let matcherMs = 0;
  const inner = deps.matcher;
  deps.matcher = (a, b, pool) => {
    matcherCalls++;
    const t0 = performance.now();
    const r = inner(a, b, pool);
    matcherMs += performance.now() - t0;
    return r;
  };
  deps.fetchFeed = async (url) => {
    const text = byUrl.get(url);
    if (text === undefined) throw new Error(`no bench feed at ${url}`);
    return { status: 'ok', text, finalUrl: url, bytes: text.length, charset: 'utf-8' };
  };
  const assessor = deps.assessor;
  const assess = time('assess', assessor.assess.bind(assessor));
  deps.assessor = {
    assess: (items, hints) => {
      if (!firstAssess) ((firstAssess = performance.now()), (leaseInFetch = stageMs.lease));
      return assess(items, hints);
    },
  };
  // The store as the cycle sees it, with the timed methods in front (a Proxy: `this` stays the store).
  const timedMethods: Partial<Record<keyof Store, unknown>> = {
    ingest: time('store.ingest', store.ingest.bind(store)),
    leaseSources: time('lease', store.leaseSources.bind(store)),
    leaseSource: time('lease', store.leaseSource.bind(store)),
    renewLease: time('lease', store.renewLease.bind(store)),
    saveSourceState: time('state', store.saveSourceState.bind(store)),
  };
  const timedStore = new Proxy(store, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in timedMethods) return timedMethods[prop as keyof Store];
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  deps.store = timedStore;
  const t0 = performance.now();
  const { ms, value: cycle } = await timed(() =>
    pollAll(config.sources, deps, { force: true, concurrency: config.fetch.concurrency, perHost: config.fetch.perHostConcurrency }),
  );
  if (cycle.errors) throw new Error(`bench cycle: ${cycle.errors} sources failed: ${cycle.reports.find((r) => r.outcome === 'error')?.error}`);
  stageMs['parse+normalize'] = Math.max(0, (firstAssess || t0 + ms) - t0 - leaseInFetch);
  const busy = stageMs.lease + stageMs['parse+normalize'] + stageMs.assess + stageMs['store.ingest'] + stageMs.state;
  stageMs.rest = Math.max(0, ms - busy);
  for (const k of Object.keys(stageMs) as Stage[]) stageMs[k] = Math.round(stageMs[k]);
  const archived = await store.countAlerts();
  return {
    items: cycle.items,
    ms,
    itemsPerSec: (cycle.items / ms) * 1000,
    fresh: cycle.fresh,
    duplicates: cycle.duplicates,
    archived,
    delivered: cycle.delivered,
    stageMs,
    matcherCalls,
    matcherMs: Math.round(matcherMs),
  };
}

/** Only the rule engine, over already-normalized items. */
export async function runClassifyOnly(knowledge: Knowledge, feeds: GenFeed[]): Promise<{ items: number; ms: number; itemsPerSec: number; relevant: number }> {
  const classifier = createClassifier(knowledge);
  const now = new Date();
  const items: Item[] = [];
  for (const f of feeds) {
    const parsed = await parseFeed(f.xml, { baseUrl: `https://${f.name}.example/` });
    for (const raw of parsed.entries) items.push(normalizeEntry(raw, { source: f.name, fetchedAt: now, baseUrl: `https://${f.name}.example/` }));
  }
  let relevant = 0;
  const { ms } = await timed(() => {
    for (const it of items) if (classifier.classify(it).relevant) relevant++;
  });
  return { items: items.length, ms, itemsPerSec: (items.length / ms) * 1000, relevant };
}

const KEYWORDS =
  /\b(hires?|hired|poach(?:es|ed)?|joins?|leaves?|departs?|super[- ]?app|talent|researcher|chief scientist)\b|加盟|离职|跳槽|挖角|超级应用|超级App/i;

/** The hand-written bot: rss-parser, a keyword regex, one awaited SET NX per item. */
export async function runBaseline(
  redis: Redis,
  prefix: string,
  feeds: GenFeed[],
): Promise<{ items: number; ms: number; itemsPerSec: number; matched: number }> {
  const parser = new Parser();
  let items = 0;
  let matched = 0;
  const { ms } = await timed(async () => {
    for (const f of feeds) {
      const feed = await parser.parseString(f.xml);
      for (const it of feed.items) {
        items++;
        const isNew = await redis.set(`${prefix}seen:${it.guid ?? it.link}`, '1', 'EX', 86400, 'NX');
        if (isNew && KEYWORDS.test(`${it.title ?? ''} ${it.contentSnippet ?? it.content ?? ''}`)) matched++;
      }
    }
  });
  return { items, ms, itemsPerSec: (items / ms) * 1000, matched };
}

/** A bare tokenizer: finds every tag and text run and counts `<item>` opens. The floor of any XML work. */
export function tokenize(xml: string): { tags: number; items: number; textChars: number } {
  let tags = 0;
  let items = 0;
  let textChars = 0;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      textChars += n - i;
      break;
    }
    textChars += lt - i;
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) break;
    tags++;
    if (xml.startsWith('<item', lt) && (xml[lt + 5] === '>' || xml[lt + 5] === ' ')) items++;
    i = gt + 1;
  }
  return { tags, items, textChars };
}

export async function runRawTokenize(feeds: GenFeed[], rounds = 5): Promise<{ items: number; ms: number; itemsPerSec: number; mbPerSec: number }> {
  let items = 0;
  let bytes = 0;
  const { ms } = await timed(() => {
    for (let r = 0; r < rounds; r++)
      for (const f of feeds) {
        items += tokenize(f.xml).items;
        bytes += f.xml.length;
      }
  });
  return { items: items / rounds, ms: ms / rounds, itemsPerSec: (items / ms) * 1000, mbPerSec: bytes / 1e6 / (ms / 1000) };
}
