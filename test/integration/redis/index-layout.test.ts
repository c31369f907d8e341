// Search index layouts (src/store/redis/lua-postings.ts): an archive written on layout 1 (ZSETs per
// token) answers every query exactly as one written on layout 2 (packed day shards), before,
// during and after the migration, for both search strategies (exact and walk, with a cut walk);
// purge removes postings and the day and count bookkeeping with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import { startMigration } from '../../../src/store/redis/migrate.js';
import type { Scripts } from '../../../src/store/redis/scripts.js';
import type { IngestEntry, SearchQuery } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { deletePrefix, keysLike, layoutAnswers, layoutEntries } from './helpers.js';

const base = Date.parse('2026-03-01T00:00:00Z');
// Some published times repeat exactly, so ties are ordered by member as ZSETs do.
const entry = layoutEntries({
  seed: 7,
  idPrefix: 'L',
  rareP: 0.3,
  zhP: 0.5,
  publishedAt: (i, rnd) => base - (i % 9 === 0 ? 5 * 3600_000 : Math.floor(rnd() * 40 * 86400_000)),
});

const since = new Date(base - 12 * 86400_000).toISOString();
const queries: SearchQuery[] = [];
for (const text of ['talent', 'joins researcher', 'rare3', 'rare5 talent', '团队', 'story']) {
  queries.push({ text, limit: 10 }, { text, limit: 7, offset: 3 }, { text, limit: 10, since }, { text, limit: 5, offset: 120 });
  queries.push(
    { text, firms: ['Delta'], limit: 10 },
    { text, firms: ['Alpha', 'Delta'], topics: ['talent'], limit: 10 },
    { text, lang: 'zh', since, limit: 10 },
  );
}
queries.push({ text: '', firms: ['Beta'], limit: 10 }, { text: '"joins researcher"', limit: 10 }, { text: 'talent -rare1', limit: 10 });

const tunings = [{}, { exactMax: 3, scanMax: 1e6 }, { exactMax: 3, scanMax: 40, countCap: 20 }];

const answers = (stores: RedisStore[]) => layoutAnswers(stores, queries);

describeRedis('redis search index layouts', () => {
  const pa = uniquePrefix('lay2');
  const pb = uniquePrefix('lay1');
  const opened: RedisStore[] = [];
  const open = async (prefix: string, search = {}) => {
    const s = await RedisStore.connect({ url: TEST_REDIS_URL, prefix, search });
    opened.push(s);
    return s;
  };
  let v2: RedisStore[];
  let legacy: RedisStore;
  let l1: RedisStore[];
  const first = Array.from({ length: 400 }, (_, i) => entry(i));
  const more = Array.from({ length: 100 }, (_, i) => entry(400 + i));
  const ingest = (s: RedisStore, entries: IngestEntry[]) => s.ingest({ entries, matcher: () => false, retentionSec: 86400 * 400, now: new Date(base) });

  beforeAll(async () => {
    v2 = await Promise.all(tunings.map((t) => open(pa, t)));
    // Opened before the archive is marked layout 1, so connecting does not start the migration.
    [legacy, ...l1] = await Promise.all([{}, ...tunings].map((t) => open(pb, t)));
    await legacy.redis.set(`${legacy.keys.base}ver`, '1');
    await ingest(v2[0], first);
    await ingest(legacy, first);
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await deletePrefix(TEST_REDIS_URL, pa);
    await deletePrefix(TEST_REDIS_URL, pb);
  }, 60_000);

  describe('', () => {
    it('layout 2 answers as layout 1, with every strategy', async () => {
      expect(await legacy.redis.get(`${v2[0].keys.base}ver`)).toBe('2');
      expect(await legacy.redis.exists(`${legacy.keys.base}s:talent`)).toBe(1);
      const a = await answers(v2);
      expect(a.some((r) => (r as { capped: boolean }).capped)).toBe(true);
      expect(await answers(l1)).toEqual(a);
    });

    it('reads alerts archived before the doc left the hash, and counts their reports once', async () => {
      const r = legacy.redis;
      const b = legacy.keys.base;
      const id = 'L5';
      const doc = (await r.get(`${b}ad:${id}`))!;
      const fields = await r.hkeys(`${b}a:${id}`);
      const marker = fields.find((f) => f.startsWith('r:'))!;
      const e = first[5];
      // The shape older versions wrote: doc in the hash, the raw source + link marker.
      await r.hset(`${b}a:${id}`, 'doc', doc, `r:${e.item.source}\u0001${e.item.link}`, '1');
      await r.hdel(`${b}a:${id}`, marker);
      await r.del(`${b}ad:${id}`);
      expect((await legacy.getAlert(id))?.title).toBe(e.item.title);
      const again = { ...e, item: { ...e.item, id: 'L5-again' } };
      const other = { ...e, item: { ...e.item, id: 'L5-other', source: 'elsewhere' } };
      const out = await ingest(legacy, [again, other]);
      expect(out.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
      const alert = await legacy.getAlert(id);
      expect(alert?.alsoReportedBy.map((x) => x.source)).toEqual(['elsewhere']);
      // The same on the layout 2 store, so the two stay comparable.
      await ingest(v2[0], [again, other]);
    });

    it('migrates layout 1 in batches while ingest goes on, then drops the old sets', async () => {
      const scripts = (legacy as unknown as { scripts: Scripts }).scripts;
      const m = await startMigration(scripts, legacy.keys, undefined, 50);
      m.stop();
      await m.done;
      expect(await legacy.redis.get(`${legacy.keys.base}ver`)).toBe('m');
      await ingest(legacy, more);
      await ingest(v2[0], more);
      await (
        await startMigration(scripts, legacy.keys, undefined, 50)
      ).done;
      expect(await legacy.redis.get(`${legacy.keys.base}ver`)).toBe('2');
      expect(await legacy.redis.exists(`${legacy.keys.base}s:talent`)).toBe(0);
      expect(await answers(l1)).toEqual(await answers(v2));
      expect(await legacy.redis.hgetall(`${legacy.keys.base}xn`)).toEqual(await legacy.redis.hgetall(`${v2[0].keys.base}xn`));
    });

    it('purge removes postings, counts and empty days', async () => {
      await v2[0].purge(new Date(base + 86400_000), 0);
      const r = v2[0].redis;
      const b = v2[0].keys.base;
      expect(await r.hlen(`${b}xn`)).toBe(0);
      expect(await r.zcard(`${b}xd`)).toBe(0);
      const left = await keysLike(v2[0], 'x:*');
      expect(left).toEqual([]);
      expect((await v2[0].search({ text: 'talent', limit: 10 })).total).toBe(0);
    });
  });
});
