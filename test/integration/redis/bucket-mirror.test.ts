// The client-side bucket mirror (src/store/redis/mirror.ts) must never change what the matcher
// sees: with two clients writing one archive, and with buckets changed behind the store's back,
// every candidate pool equals the pool a fresh client (empty mirror) reads.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry, NearDupMatcher } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { bucketEntry, deletePrefix } from './helpers.js';

const t0 = Date.parse('2026-11-30T12:00:00Z');

const entry = (id: string, buckets: string[]): IngestEntry => bucketEntry(id, buckets, new Date(t0), `data-${id}`);

/** The pools the matcher is handed while `store` ingests `entries` (nothing matches). */
async function pools(store: RedisStore, entries: IngestEntry[], at: number): Promise<string[][]> {
  const seen: string[][] = [];
  const matcher: NearDupMatcher = (_a, _b, pool) => (seen.push([...(pool ?? [])]), false);
  await store.ingest({ entries, matcher, retentionSec: 3600, now: new Date(at) });
  return seen;
}

describeRedis('redis bucket mirror', () => {
  let prefix: string;
  let a: RedisStore;
  let b: RedisStore;
  const open = () => RedisStore.connect({ url: TEST_REDIS_URL, prefix });
  beforeEach(async () => {
    prefix = uniquePrefix('bmirror');
    [a, b] = [await open(), await open()];
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await deletePrefix(TEST_REDIS_URL, prefix);
  });

  /** What a client with an empty mirror would hand the matcher for the same probe (read-only: nothing is archived). */
  async function fresh(probe: IngestEntry, at: number): Promise<string[][]> {
    const c = await open();
    try {
      const seen: string[][] = [];
      const matcher: NearDupMatcher = (_a, _b, pool) => (seen.push([...(pool ?? [])]), false);
      // Not archived, so it changes no bucket; its id is fresh each time.
      await c.ingest({ entries: [{ ...probe, archive: false }], matcher, retentionSec: 3600, now: new Date(at) });
      return seen.slice(0, 1);
    } finally {
      await c.close();
    }
  }

  it('sees the other client’s archives and out-of-band bucket changes', async () => {
    const buckets = ['x', 'y', 'z'];
    let n = 0;
    const next = () => entry(`s${++n}`, buckets);
    let at = t0;
    for (let round = 0; round < 4; round++) {
      // a and b take turns; each first reads what the other wrote.
      for (const s of [a, b, a, a, b]) {
        at += 1000;
        const probeFresh = await fresh(entry(`probe-${round}-${at}`, buckets), at);
        const mine = await pools(s, [next()], at);
        expect(mine.slice(0, 1)).toEqual(probeFresh);
      }
      // Behind the store's back: a member added, then one removed.
      await a.redis.zadd(a.keys.bucket('y'), at + 1, `oob-${round}`);
      await a.redis.set(a.keys.fpData(`oob-${round}`), `data-oob-${round}`);
      at += 1000;
      const afterAdd = await fresh(entry(`probe-x-${round}`, buckets), at);
      expect((await pools(a, [next()], at)).slice(0, 1)).toEqual(afterAdd);
      await a.redis.zrem(a.keys.bucket('x'), `s${n - 2}`);
      await a.redis.del(a.keys.fpData(`s${n - 3}`));
      at += 1000;
      const afterRemove = await fresh(entry(`probe-y-${round}`, buckets), at);
      expect((await pools(a, [next()], at)).slice(0, 1)).toEqual(afterRemove);
    }
  });
});
