// The two search strategies agree: exact intersection (small candidate sets) and the newest-first
// walk of the rarest set (used when every term is common). Same data, one prefix, two tunings.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry, SearchQuery } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { deletePrefix } from './helpers.js';

const base = Date.now();

function entry(i: number): IngestEntry {
  const published = new Date(base - i * 3600_000).toISOString();
  const title = `Talent move ${i}${i % 3 === 0 ? ' OpenAI researcher' : ''}${i % 5 === 0 ? ' joins Grab' : ''}`;
  const item = {
    id: `w:${i}`,
    source: 'w',
    title,
    summary: `summary ${i}`,
    link: `https://w.example/${i}`,
    lang: i % 4 === 0 ? 'zh' : 'en',
    published,
    fetchedAt: published,
  };
  const firms = [i % 2 ? 'Alpha' : 'Beta', ...(i % 7 === 0 ? ['Gamma'] : [])];
  return {
    item,
    assessment: { relevant: true, topics: [i % 6 === 0 ? 'superapp' : 'talent'], score: 0.5, firms, moves: [], why: [], summary: '' },
    keys: [`url:${i}`],
    archive: true,
    targets: [],
  };
}

const queries: SearchQuery[] = [
  { text: 'talent openai', limit: 10 },
  { text: 'talent openai', limit: 4, offset: 8 },
  { text: 'talent move', firms: ['Alpha', 'Gamma'], limit: 10 },
  { text: '', firms: ['Alpha', 'Gamma'], topics: ['talent'], limit: 7, offset: 3 },
  { text: '', firms: ['Beta'], lang: 'zh', limit: 10 },
  { text: 'move', since: new Date(base - 40 * 3600_000).toISOString(), firms: ['Beta'], limit: 10 },
  { text: 'talent researcher', topics: ['superapp', 'talent'], lang: 'en', limit: 5, offset: 2 },
];

describeRedis('redis search strategies', () => {
  let exact: RedisStore;
  let walk: RedisStore;
  let capped: RedisStore;
  beforeAll(async () => {
    const prefix = uniquePrefix('walk');
    exact = await RedisStore.connect({ url: TEST_REDIS_URL, prefix, search: { exactMax: 1e9 } });
    walk = await RedisStore.connect({ url: TEST_REDIS_URL, prefix, search: { exactMax: 3, scanMax: 1e6 } });
    capped = await RedisStore.connect({ url: TEST_REDIS_URL, prefix, search: { exactMax: 3, scanMax: 30 } });
    await exact.ingest({ entries: Array.from({ length: 150 }, (_, i) => entry(i)), matcher: () => false, retentionSec: 3600, now: new Date(base) });
  });
  afterAll(async () => {
    await Promise.all([exact.close(), walk.close(), capped.close()]);
    await deletePrefix(TEST_REDIS_URL, exact.keys.prefix);
  });

  it('returns the same hits and totals either way', async () => {
    for (const q of queries) {
      const a = await exact.search(q);
      const b = await walk.search(q);
      expect(a.total, JSON.stringify(q)).toBeGreaterThan(0);
      expect(b.total, JSON.stringify(q)).toBe(a.total);
      expect(b.capped, JSON.stringify(q)).toBeFalsy();
      expect(
        b.hits.map((h) => h.alert.id),
        JSON.stringify(q),
      ).toEqual(a.hits.map((h) => h.alert.id));
    }
  });

  it('a walk cut short still returns the newest page, with the total as a lower bound', async () => {
    const q: SearchQuery = { text: '', firms: ['Alpha'], topics: ['talent'], limit: 5 };
    const a = await exact.search(q);
    const c = await capped.search(q);
    expect(c.hits.map((h) => h.alert.id)).toEqual(a.hits.map((h) => h.alert.id));
    expect(a.capped).toBeFalsy();
    expect(c.capped).toBe(true);
    expect(c.total).toBeGreaterThanOrEqual(5);
    expect(c.total).toBeLessThanOrEqual(a.total);
  });
});
