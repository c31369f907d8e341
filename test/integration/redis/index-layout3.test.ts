// Search index layout 3 (src/store/redis/lua-postings.ts: day postings as intsets of ≤ 512 doc
// numbers, intersected in C) answers every query exactly as layout 2 (packed day shards) on the
// same data: hits, order, totals and capped flags, for both strategies (exact and walk, cut walks,
// deep pages, since boundaries), with a token's busiest days spread over several chunks. Then a
// layout 2 archive migrates to layout 3 while ingest goes on, and purge removes postings, chunks
// and counts alike on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import { startMigration } from '../../../src/store/redis/migrate.js';
import type { Scripts } from '../../../src/store/redis/scripts.js';
import type { IngestEntry, SearchQuery } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { deletePrefix, keysLike, layoutAnswers, layoutEntries } from './helpers.js';

const DAY = 86400_000;
const base = Date.parse('2026-03-01T00:00:00Z');
// Two thirds on the two newest days (more than 512 postings a day for "story" and the common
// words: several chunks); the rest over 40 days. Some published times repeat exactly, so ties are
// ordered by member as ZSETs do.
const entry = layoutEntries({
  seed: 11,
  idPrefix: 'T',
  rareP: 0.2,
  zhP: 0.4,
  publishedAt: (i, rnd) => (i % 11 === 0 ? base - 5 * 3600_000 : i % 3 ? base - Math.floor(rnd() * 2 * DAY) : base - Math.floor(rnd() * 40 * DAY)),
});

const sinces = [base - 12 * DAY, base - DAY - 7 * 3600_000, base - 3600_000].map((t) => new Date(t).toISOString());
const queries: SearchQuery[] = [];
for (const text of ['talent', 'story', 'joins researcher', 'rare3', 'rare5 talent', '团队', 'story talent leaves', 'talent -rare1', '"joins researcher"']) {
  queries.push({ text, limit: 10 }, { text, limit: 7, offset: 3 }, { text, limit: 5, offset: 120 }, { text, limit: 10, offset: 700 });
  for (const since of sinces) queries.push({ text, limit: 10, since }, { text, limit: 4, offset: 40, since });
  queries.push(
    { text, firms: ['Delta'], limit: 10 },
    { text, firms: ['Alpha', 'Delta'], topics: ['talent'], limit: 10 },
    { text, topics: ['superapp'], limit: 10, since: sinces[1] },
    { text, lang: 'zh', since: sinces[0], limit: 10 },
  );
}
queries.push(
  { text: '', firms: ['Beta'], limit: 10 },
  { text: '', topics: ['talent'], since: sinces[1], limit: 10 },
  // A filter driver walked to its stop, past a first chunk, and in a deep page.
  { text: 'story', firms: ['Delta'], limit: 10 },
  { text: 'story talent', firms: ['Beta'], limit: 10, offset: 150 },
  { text: 'story', firms: ['Alpha', 'Gamma'], topics: ['superapp'], lang: 'en', limit: 10 },
);

const tunings = [
  {},
  { exactMax: 3, scanMax: 1e6 },
  { exactMax: 3, scanMax: 40, countCap: 20 },
  { exactMax: 3, scanMax: 1e6, countCap: 20 },
  { exactMax: 50, scanMax: 900, countCap: 300 },
];

const answers = (stores: RedisStore[]) => layoutAnswers(stores, queries);

describeRedis('redis search index layout 3', () => {
  const p3 = uniquePrefix('lay3');
  const p2 = uniquePrefix('lay2m');
  const opened: RedisStore[] = [];
  const open = async (prefix: string, search = {}) => {
    const s = await RedisStore.connect({ url: TEST_REDIS_URL, prefix, search });
    opened.push(s);
    return s;
  };
  let v3: RedisStore[];
  let v2: RedisStore[];
  const older = Array.from({ length: 300 }, (_, i) => entry(i));
  const first = Array.from({ length: 1800 }, (_, i) => entry(300 + i));
  const more = Array.from({ length: 300 }, (_, i) => entry(2100 + i));
  const ingest = (s: RedisStore, entries: IngestEntry[], now = base) =>
    s.ingest({ entries, matcher: () => false, retentionSec: 86400 * 400, now: new Date(now) });

  beforeAll(async () => {
    v3 = await Promise.all(tunings.map((t) => open(p3, t)));
    v2 = await Promise.all(tunings.map((t) => open(p2, t)));
    // Connecting set the empty archive on layout 3; this one is kept on layout 2.
    await v2[0].redis.set(`${v2[0].keys.base}ix`, '2');
    for (const s of [v3[0], v2[0]]) {
      // Archived earlier (purged below), then in batches as polls would.
      await ingest(s, older, base - 10 * DAY);
      for (let i = 0; i < first.length; i += 300) await ingest(s, first.slice(i, i + 300));
    }
  }, 180_000);
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await deletePrefix(TEST_REDIS_URL, p3);
    await deletePrefix(TEST_REDIS_URL, p2);
  }, 180_000);

  describe('', () => {
    it('layout 3 answers as layout 2, with every strategy', async () => {
      const r = v3[0].redis;
      expect(await r.get(`${v3[0].keys.base}ver`)).toBe('2');
      expect(await r.get(`${v3[0].keys.base}ix`)).toBe('3');
      expect(await keysLike(v3[0], 'x:*')).toEqual([]);
      expect(await keysLike(v2[0], 'xi:*')).toEqual([]);
      // Busy days are split in chunks of at most 512, each still an intset.
      const chunked = await r.hgetall(`${v3[0].keys.base}xc`);
      expect(Object.keys(chunked).length).toBeGreaterThan(0);
      for (const [sk, n] of Object.entries(chunked)) {
        for (let j = 0; j < Number(n); j++) {
          const k = `${v3[0].keys.base}xi:${sk}:${j}`;
          expect(await r.scard(k)).toBeLessThanOrEqual(512);
          expect(await r.object('ENCODING', k)).toBe('intset');
        }
      }
      const a = await answers(v2);
      expect(a.some((x) => (x as { capped: boolean }).capped)).toBe(true);
      expect(await answers(v3)).toEqual(a);
    }, 180_000);

    it('migrates layout 2 in steps while ingest goes on, then drops the shards', async () => {
      const scripts = (v2[0] as unknown as { scripts: Scripts }).scripts;
      const b = v2[0].keys.base;
      const m = await startMigration(scripts, v2[0].keys, undefined, 20);
      m.stop();
      await m.done;
      expect(await v2[0].redis.get(`${b}ix`)).toBe('m');
      // Ingest writes both while the migration runs; search still reads layout 2.
      await ingest(v2[0], more.slice(0, 150));
      await ingest(v3[0], more.slice(0, 150));
      expect(await answers(v2)).toEqual(await answers(v3));
      const m2 = await startMigration(scripts, v2[0].keys, undefined, 20);
      await ingest(v2[0], more.slice(150));
      await ingest(v3[0], more.slice(150));
      await m2.done;
      expect(await v2[0].redis.get(`${b}ix`)).toBe('3');
      expect(await v2[0].redis.exists(`${b}ix:cur`, `${b}ix:cln`)).toBe(0);
      expect(await keysLike(v2[0], 'x:*')).toEqual([]);
      expect(await v2[0].redis.hgetall(`${b}xn`)).toEqual(await v3[0].redis.hgetall(`${v3[0].keys.base}xn`));
      expect(await v2[0].redis.hgetall(`${b}xc`)).toEqual(await v3[0].redis.hgetall(`${v3[0].keys.base}xc`));
      const names = async (s: RedisStore) => (await keysLike(s, 'xi:*')).map((k) => k.slice(s.keys.base.length)).sort();
      expect(await names(v2[0])).toEqual(await names(v3[0]));
      expect(await answers(v2)).toEqual(await answers(v3));
    }, 180_000);

    it('purge removes postings, chunks, counts and empty days', async () => {
      // The older batch first: both stores answer alike after it.
      await Promise.all([v3[0].purge(new Date(base - 5 * DAY), 0), v2[0].purge(new Date(base - 5 * DAY), 0)]);
      expect(await answers(v2)).toEqual(await answers(v3));
      await v3[0].purge(new Date(base + DAY), 0);
      const r = v3[0].redis;
      const b = v3[0].keys.base;
      expect(await r.hlen(`${b}xn`)).toBe(0);
      expect(await r.hlen(`${b}xc`)).toBe(0);
      expect(await r.zcard(`${b}xd`)).toBe(0);
      expect(await keysLike(v3[0], 'xi:*')).toEqual([]);
      expect((await v3[0].search({ text: 'talent', limit: 10 })).total).toBe(0);
      // A purged archive takes new alerts again from chunk 0.
      await ingest(v3[0], [entry(5000)]);
      expect((await v3[0].search({ text: 'story', limit: 10 })).hits.map((h) => h.alert.id)).toEqual(['T5000']);
    }, 180_000);
  });
});
