// The bench's data generators and glue (not its timings): feeds parse as RSS with the intended
// mix, alerts and queries are well-formed, and a tiny pipeline run works on an in-memory store.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAlertEntries, generateFeeds, generateQueries, relevantStory, rng } from '../../bench/gen.js';
import { runPipeline, tokenize } from '../../bench/ingest.js';
import { renderTable } from '../../bench/table.js';
import { machine, percentile } from '../../bench/util.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { createClassifier } from '../../src/pipeline/classify/index.js';
import { parseFeed } from '../../src/sources/parse.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const config = resolve(import.meta.dirname, '../../config');
const knowledge = loadKnowledge(config, { firms: resolve(config, 'firms.yml'), topics: resolve(config, 'topics.yml') });

describe('bench generators', () => {
  const feeds = generateFeeds({ feeds: 8, perFeed: 25, seed: 3, now: new Date('2026-11-01T00:00:00Z') });

  it('produce RSS that the real parser reads, item for item', async () => {
    for (const f of feeds) {
      const parsed = await parseFeed(f.xml, { baseUrl: `https://${f.name}.example/` });
      expect(parsed.entries.map((e) => e.guid)).toEqual(f.items.map((i) => i.guid));
      expect(parsed.entries[0].title).toBe(f.items[0].title);
      expect(tokenize(f.xml).items).toBe(f.items.length);
    }
  });

  it('mix relevant stories (English and Chinese, some retold by another outlet) with other news, and the classifier agrees', () => {
    const items = feeds.flatMap((f) => f.items);
    const relevant = items.filter((i) => i.relevant);
    expect(relevant.length / items.length).toBeGreaterThan(0.15);
    expect(relevant.length / items.length).toBeLessThan(0.45);
    expect(relevant.some((i) => i.lang === 'zh')).toBe(true);
    expect(relevant.some((i) => i.lang === 'en')).toBe(true);
    const classifier = createClassifier(knowledge);
    const agree = items.filter((i) => classifier.classify({ title: i.title, summary: i.summary, lang: i.lang }).relevant === i.relevant).length;
    expect(agree / items.length).toBeGreaterThan(0.9);
    // A rewrite re-tells the same story in other words: same seed, different headline.
    const s = rng(42);
    const seed = Math.floor(s() * 2 ** 31);
    const a = relevantStory(rng(seed), 0);
    const b = relevantStory(rng(seed), 1);
    expect(a.title).not.toBe(b.title);
    expect(a.summary).toBe(b.summary);
  });

  it('are deterministic for a seed', () => {
    const again = generateFeeds({ feeds: 8, perFeed: 25, seed: 3, now: new Date('2026-11-01T00:00:00Z') });
    expect(again.map((f) => f.xml)).toEqual(feeds.map((f) => f.xml));
  });

  it('make archivable alert entries and varied queries', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const entries = generateAlertEntries(0, 50, { now });
    expect(new Set(entries.map((e) => e.item.id)).size).toBe(50);
    for (const e of entries) {
      expect(e.archive).toBe(true);
      expect(e.assessment.topics.length).toBe(1);
      for (const f of e.assessment.firms) expect(knowledge.canonicalFirm(f)).toBe(f);
    }
    const qs = generateQueries(200, { now });
    expect(qs.some((q) => q.firms?.length)).toBe(true);
    expect(qs.some((q) => q.topics?.length)).toBe(true);
    expect(qs.some((q) => q.since)).toBe(true);
    expect(qs.some((q) => /[\u4e00-\u9fff]/.test(q.text))).toBe(true);
  });
});

describe('bench glue', () => {
  it("runs the poller's cycle on an in-memory store and reports what it did", async () => {
    const store = SqliteStore.open({ file: ':memory:' });
    try {
      const feeds = generateFeeds({ feeds: 3, perFeed: 10, seed: 9 });
      const r = await runPipeline(store, knowledge, feeds);
      expect(r.items).toBe(30);
      // fresh: new stories archived (each delivered to the bench route); duplicates folded under one.
      expect(r.fresh).toBe(await store.countAlerts());
      expect(r.fresh).toBeGreaterThan(0);
      expect(r.delivered).toBe(r.fresh);
      expect(r.fresh + r.duplicates).toBeLessThanOrEqual(30);
      expect(r.stageMs.assess).toBeGreaterThan(0);
      expect(r.stageMs['store.ingest']).toBeGreaterThan(0);
      const again = await runPipeline(store, knowledge, feeds);
      expect(again.items).toBe(30);
      expect(again.fresh + again.duplicates + again.delivered).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('renders a table with the machine line and takes percentiles', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    const t = renderTable([{ metric: 'm', value: '1', target: '≥ 2', status: 'MISS' }], machine());
    expect(t).toMatch(/cores/);
    expect(t).toMatch(/\| m +\| 1 +\| ≥ 2 +\| MISS +\|/);
  });
});
