// When several archived alerts match, the near-duplicate goes to the oldest: the story's first report.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { bucketEntry, deletePrefix } from './helpers.js';

const t0 = new Date();

const entry = (id: string, buckets: string[]): IngestEntry => bucketEntry(id, buckets, t0);

describeRedis('redis near-duplicate order', () => {
  let store: RedisStore;
  beforeEach(async () => {
    store = await RedisStore.connect({ url: TEST_REDIS_URL, prefix: uniquePrefix('ndorder') });
  });
  afterEach(async () => {
    await store.close();
    await deletePrefix(TEST_REDIS_URL, store.keys.prefix);
  });

  it('picks the oldest matching candidate whatever the bucket order', async () => {
    await store.ingest({ entries: [entry('old', ['b2'])], matcher: () => false, retentionSec: 3600, now: t0 });
    await store.ingest({ entries: [entry('young', ['b1'])], matcher: () => false, retentionSec: 3600, now: new Date(t0.getTime() + 60_000) });
    const out = await store.ingest({ entries: [entry('late', ['b1', 'b2'])], matcher: () => true, retentionSec: 3600, now: new Date(t0.getTime() + 120_000) });
    expect(out[0]).toMatchObject({ status: 'duplicate', duplicateOf: 'old' });
  });
});
