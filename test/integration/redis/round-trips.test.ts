// Round trips per hot method, counted on the client's socket: ingest ≤ 2 whatever the batch
// size, leaseSource / claimDeliveries / search / saveSourceState 1.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry } from '../../../src/store/store.js';
import type { Item } from '../../../src/types.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { countRoundTrips, deletePrefix } from './helpers.js';

const now = new Date();

function entries(n: number, tag: string): IngestEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const item: Item = {
      id: `src:${tag}-${i}`,
      source: 'src',
      title: `Researcher ${i} leaves lab ${tag} for startup`,
      summary: `Story ${i} about talent moving.`,
      link: `https://news.example/${tag}/${i}`,
      lang: 'en',
      published: now.toISOString(),
      fetchedAt: now.toISOString(),
    };
    return {
      item,
      assessment: { relevant: true, topics: ['talent'], score: 0.8, firms: ['OpenAI'], moves: [], why: [], summary: item.title },
      keys: [`url:${tag}-${i}`, `guid:src:${tag}-${i}`, `title:${tag}-${i}`],
      fingerprint: { buckets: Array.from({ length: 8 }, (_, b) => `lsh:${b}:${tag}-${i % 10}`), data: `sig-${tag}-${i}` },
      archive: true,
      targets: [{ platform: 'slack', channel: 'C1' }],
    };
  });
}

describeRedis('redis round trips', () => {
  let store: RedisStore;
  beforeEach(async () => {
    store = await RedisStore.connect({ url: TEST_REDIS_URL, prefix: uniquePrefix('trips') });
    // Warm the script cache: a fresh server answers NOSCRIPT once and ioredis resends with EVAL.
    await store.ingest({ entries: entries(1, 'warm'), matcher: () => false, retentionSec: 3600, now });
    await store.claimDeliveries('warm', 10, 1000);
    await store.leaseSource('warm', 'w', 1000);
    await store.search({ text: 'warm', limit: 1 });
    await store.saveSourceState({ name: 'warm', url: 'https://w.example', consecutiveFailures: 0, initialized: true, disabled: false });
  });
  afterEach(async () => {
    await store.close();
    await deletePrefix(TEST_REDIS_URL, store.keys.prefix);
  });

  it('ingest of 50 entries takes at most 2 round trips: first poll, re-poll and near-duplicates', async () => {
    const state = { name: 'src', url: 'https://src.example', consecutiveFailures: 0, initialized: true, disabled: false };
    await store.leaseSource('src', 'me', 10_000);
    const first = await countRoundTrips(store, () =>
      store.ingest({
        entries: entries(50, 'a'),
        matcher: (x, y) => x.slice(0, 6) === y.slice(0, 6),
        retentionSec: 3600,
        now,
        sourceState: state,
        release: { name: 'src', owner: 'me' },
      }),
    );
    expect(first.trips).toBeLessThanOrEqual(2);
    expect(first.commands).toBeGreaterThan(50);
    // Every entry shares buckets with earlier ones and the matcher says yes: one new per bucket group.
    expect(first.result.filter((o) => o.status === 'new')).toHaveLength(10);
    expect(first.result.filter((o) => o.status === 'duplicate')).toHaveLength(40);
    const again = await countRoundTrips(store, () => store.ingest({ entries: entries(50, 'a'), matcher: () => true, retentionSec: 3600, now }));
    expect(again.trips).toBeLessThanOrEqual(2);
    expect(again.result.every((o) => o.status === 'seen')).toBe(true);
    // The lease was released inside the same script.
    expect(await store.leaseSource('src', 'other', 10_000)).not.toBeNull();
  });

  it('leaseSource, saveSourceState, claimDeliveries and search take one round trip each', async () => {
    await store.ingest({ entries: entries(20, 'b'), matcher: () => false, retentionSec: 3600, now });
    const lease = await countRoundTrips(store, () => store.leaseSource('b', 'me', 10_000));
    expect(lease.trips).toBe(1);
    expect(lease.result).toEqual({ state: null });
    const save = await countRoundTrips(store, () =>
      store.saveSourceState({ name: 'b', url: 'https://b.example', consecutiveFailures: 0, initialized: true, disabled: false }, { name: 'b', owner: 'me' }),
    );
    expect(save.trips).toBe(1);
    const claim = await countRoundTrips(store, () => store.claimDeliveries('worker', 50, 30_000));
    expect(claim.trips).toBe(1);
    expect(claim.result.length).toBeGreaterThanOrEqual(20);
    const found = await countRoundTrips(store, () => store.search({ text: 'researcher startup', firms: ['OpenAI'], limit: 5 }));
    expect(found.trips).toBe(1);
    expect(found.result.total).toBe(21); // the 20 plus the warm-up alert
  });
});
