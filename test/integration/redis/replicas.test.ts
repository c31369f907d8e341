// Two RedisStore instances (two connections, as two replicas would have) on one Redis and one
// prefix: leases go to exactly one owner, and concurrent ingests never make one story new twice,
// for exact keys and for near-duplicates decided between the two round trips.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry, NearDupMatcher } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { deletePrefix } from './helpers.js';

const now = new Date();

function entry(id: string, source: string, keys: string[], fp?: { buckets: string[]; data: string }): IngestEntry {
  return {
    item: {
      id,
      source,
      title: `Story ${id}`,
      summary: '',
      link: `https://${source}.example/${id}`,
      lang: 'en',
      published: now.toISOString(),
      fetchedAt: now.toISOString(),
    },
    assessment: { relevant: true, topics: ['talent'], score: 0.7, firms: [], moves: [], why: [], summary: '' },
    keys,
    fingerprint: fp,
    archive: true,
    targets: [{ platform: 'console', channel: 'out' }],
  };
}

describeRedis('redis replicas', () => {
  let a: RedisStore;
  let b: RedisStore;
  beforeEach(async () => {
    const prefix = uniquePrefix('replicas');
    a = await RedisStore.connect({ url: TEST_REDIS_URL, prefix });
    b = await RedisStore.connect({ url: TEST_REDIS_URL, prefix });
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await deletePrefix(TEST_REDIS_URL, a.keys.prefix);
  });

  it('a source lease goes to exactly one of two replicas asking at once', async () => {
    for (let i = 0; i < 30; i++) {
      const [x, y] = await Promise.all([a.leaseSource(`s${i}`, 'replica-a', 10_000), b.leaseSource(`s${i}`, 'replica-b', 10_000)]);
      expect([x, y].filter(Boolean)).toHaveLength(1);
    }
    // Only the holder renews and releases.
    const holderA = await a.renewLease('s0', 'replica-a', 10_000);
    expect(holderA).toBe(!(await b.renewLease('s0', 'replica-b', 10_000)));
  });

  it('the same story ingested by both replicas at once is new exactly once, delivered once', async () => {
    const rounds = 20;
    for (let i = 0; i < rounds; i++) {
      const [x, y] = await Promise.all([
        a.ingest({ entries: [entry(`wire:${i}`, 'wire', [`url:${i}`])], matcher: () => false, retentionSec: 3600, now }),
        b.ingest({ entries: [entry(`agency:${i}`, 'agency', [`url:${i}`])], matcher: () => false, retentionSec: 3600, now }),
      ]);
      const statuses = [x[0].status, y[0].status].sort();
      expect(statuses).toEqual(['duplicate', 'new']);
      const winner = x[0].status === 'new' ? x[0].id : y[0].id;
      expect([x[0], y[0]].find((o) => o.status === 'duplicate')?.duplicateOf).toBe(winner);
    }
    expect(await a.countAlerts()).toBe(rounds);
    const claimed = await b.claimDeliveries('worker', 100, 30_000);
    expect(claimed).toHaveLength(rounds);
    expect(new Set(claimed.map((d) => d.id)).size).toBe(rounds);
  });

  it('near-duplicates arriving on both replicas at once are still folded into one story', async () => {
    const matcher: NearDupMatcher = (x, y) => x.split('#')[0] === y.split('#')[0];
    for (let i = 0; i < 20; i++) {
      const fp = (n: number) => ({ buckets: [`lsh:${i}`], data: `story-${i}#${n}` });
      const [x, y] = await Promise.all([
        a.ingest({ entries: [entry(`en:${i}`, 'en', [`url:en:${i}`], fp(1))], matcher, retentionSec: 3600, now }),
        b.ingest({ entries: [entry(`zh:${i}`, 'zh', [`url:zh:${i}`], fp(2))], matcher, retentionSec: 3600, now }),
      ]);
      expect([x[0].status, y[0].status].sort()).toEqual(['duplicate', 'new']);
    }
    expect(await a.countAlerts()).toBe(20);
    const alerts = await a.latestAlerts(50);
    expect(alerts.every((al) => al.alsoReportedBy.length === 1)).toBe(true);
  });
});
