// Near-duplicate buckets hold bare alert ids; the fingerprint data is stored once per alert
// (key d:<id>, same TTL as the buckets) and read with the members in round trip 1. Buckets
// written before (member = id \1 data) are still read.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry, NearDupMatcher } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { bucketEntry, deletePrefix } from './helpers.js';

const t0 = new Date();

const entry = (id: string, buckets: string[]): IngestEntry => bucketEntry(id, buckets, t0, `data-${id}`);

describeRedis('redis near-duplicate buckets', () => {
  let store: RedisStore;
  beforeEach(async () => {
    store = await RedisStore.connect({ url: TEST_REDIS_URL, prefix: uniquePrefix('bmembers') });
  });
  afterEach(async () => {
    await store.close();
    await deletePrefix(TEST_REDIS_URL, store.keys.prefix);
  });

  it('stores bare ids in buckets and the data once, with the retention TTL', async () => {
    await store.ingest({ entries: [entry('one', ['b1', 'b2', 'b3'])], matcher: () => false, retentionSec: 3600, now: t0 });
    for (const b of ['b1', 'b2', 'b3']) expect(await store.redis.zrange(store.keys.bucket(b), '0', '-1')).toEqual(['one']);
    expect(await store.redis.get(store.keys.fpData('one'))).toBe('data-one');
    const ttl = await store.redis.ttl(store.keys.fpData('one'));
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
  });

  it('hands the matcher each candidate with its data, old-style members included', async () => {
    await store.ingest({ entries: [entry('one', ['b1', 'b2'])], matcher: () => false, retentionSec: 3600, now: t0 });
    await store.redis.zadd(store.keys.bucket('b2'), t0.getTime() + 1, 'legacy\u0001data-legacy');
    const pools: string[][] = [];
    const matcher: NearDupMatcher = (_a, _b, pool) => (pools.push([...(pool ?? [])]), false);
    await store.ingest({ entries: [entry('two', ['b1', 'b2'])], matcher, retentionSec: 3600, now: new Date(t0.getTime() + 2) });
    expect(pools[0]).toEqual(['data-one', 'data-legacy']);
  });
});
