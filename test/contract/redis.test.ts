// The store contract on the Redis backend. Each store gets its own key prefix, deleted after.
import { RedisStore } from '../../src/store/redis/index.js';
import type { Store } from '../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis.js';
import { runStoreContract } from './store-contract.js';
import { deletePrefix } from '../integration/redis/helpers.js';

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
