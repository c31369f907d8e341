// Ingest throughput: the poller's path per feed (lease → parse → normalize → assess → exact keys
// + fingerprint → store.ingest with state and lease release), against the loop hand-written bots
// use (rss-parser parseString, a keyword regex, one awaited Redis SET NX per item) and against a
// bare tag-tokenizer pass over the same bytes. Single process, sequential: one core.
import Parser from 'rss-parser';
import type { Redis } from 'ioredis';
import type { Knowledge } from '../src/knowledge/index.js';
import { createClassifier } from '../src/pipeline/classify/index.js';
import { createAssessor } from '../src/llm/index.js';
import { createMatcher, exactKeys, fingerprint } from '../src/pipeline/dedupe/index.js';
import { normalizeEntry } from '../src/pipeline/normalize.js';
import { parseFeed } from '../src/sources/parse.js';
import type { IngestEntry, NearDupMatcher, Store } from '../src/store/store.js';
import type { Item, SourceState } from '../src/types.js';
import type { GenFeed } from './gen.js';
import { quietLog, timed } from './util.js';

export type Stage = 'lease' | 'parse' | 'normalize' | 'assess' | 'keys+fingerprint' | 'store.ingest';
export interface PipelineResult {
  items: number;
  ms: number;
  itemsPerSec: number;
  fresh: number;
  duplicates: number;
  archived: number;
  stageMs: Record<Stage, number>;
  matcherCalls: number;
  matcherMs: number;
}

/** Runs every feed through the real pipeline into `store`, one ingest call per feed. */
export async function runPipeline(store: Store, knowledge: Knowledge, feeds: GenFeed[], now = new Date()): Promise<PipelineResult> {
  const classifier = createClassifier(knowledge);
  const assessor = createAssessor({ classifier, log: quietLog(), config: { timeout: 10_000, borderline: [0.3, 0.6], abstractiveSummaries: false } });
  const inner = createMatcher();
  let matcherCalls = 0;
  let matcherMs = 0;
  // The pool goes through: the matcher weighs each candidate against the others (as in poll.ts).
  const matcher: NearDupMatcher = (a, b, pool) => {
    matcherCalls++;
    const t0 = performance.now();
    const r = inner(a, b, pool);
    matcherMs += performance.now() - t0;
    return r;
  };
  const owner = 'bench';
  let items = 0;
  let fresh = 0;
  let duplicates = 0;
  let archived = 0;
  const stageMs: Record<Stage, number> = { lease: 0, parse: 0, normalize: 0, assess: 0, 'keys+fingerprint': 0, 'store.ingest': 0 };
  let t = performance.now();
  const lap = (s: Stage) => {
    const x = performance.now();
    stageMs[s] += x - t;
    t = x;
  };
  const { ms } = await timed(async () => {
    for (const feed of feeds) {
      const url = `https://${feed.name}.example/feed.xml`;
      t = performance.now();
      const lease = await store.leaseSource(feed.name, owner, 60_000);
      const prev: SourceState = lease?.state ?? { name: feed.name, url, consecutiveFailures: 0, initialized: false, disabled: false };
      lap('lease');
      const parsed = await parseFeed(feed.xml, { baseUrl: url });
      lap('parse');
      const seen = new Set<string>();
      const batch: Item[] = [];
      for (const raw of parsed.entries) {
        const item = normalizeEntry(raw, { source: feed.name, fetchedAt: now, baseUrl: url });
        if (!seen.has(item.id)) (seen.add(item.id), batch.push(item));
      }
      lap('normalize');
      const assessments = await assessor.assess(batch);
      lap('assess');
      const entries: IngestEntry[] = batch.map((item, i) => {
        const a = assessments[i];
        return {
          item,
          assessment: a,
          keys: exactKeys(item),
          fingerprint: a.relevant ? fingerprint(item, a) : undefined,
          archive: a.relevant,
          targets: a.relevant ? [{ platform: 'console', channel: 'bench' }] : [],
        };
      });
      lap('keys+fingerprint');
      const state: SourceState = {
        ...prev,
        initialized: true,
        lastPollAt: now.toISOString(),
        lastSuccessAt: now.toISOString(),
        itemsSeen: (prev.itemsSeen ?? 0) + batch.length,
      };
      const out = await store.ingest({ entries, matcher, retentionSec: 30 * 86400, sourceState: state, release: { name: feed.name, owner }, now });
      lap('store.ingest');
      items += entries.length;
      out.forEach((o, i) => {
        if (o.status === 'duplicate') duplicates++;
        else if (o.status === 'new') (fresh++, entries[i].archive && archived++);
      });
    }
  });
  for (const k of Object.keys(stageMs) as Stage[]) stageMs[k] = Math.round(stageMs[k]);
  return { items, ms, itemsPerSec: (items / ms) * 1000, fresh, duplicates, archived, stageMs, matcherCalls, matcherMs: Math.round(matcherMs) };
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
