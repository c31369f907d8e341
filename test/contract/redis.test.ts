// The store contract on the Redis backend. Each store gets its own key prefix, deleted after.
import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redis/index.js';
import type { Store } from '../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis.js';
import { runStoreContract } from './store-contract.js';

async function deletePrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { protocol: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

describeRedis('redis store', () => {
  runStoreContract(
    'redis',
    () => RedisStore.connect({ url: TEST_REDIS_URL, prefix: uniquePrefix('contract') }),
    async (s: Store) => {
      const prefix = (s as RedisStore).keys.prefix;
      await s.close();
      await deletePrefix(TEST_REDIS_URL, prefix);
    },
  );
});
