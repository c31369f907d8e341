// Picks the backend: Redis when REDIS_URL is set, else the embedded SQLite store in DATA_DIR.
import type { Logger } from '../log.js';
import type { RedisConnection } from '../config/redis-env.js';
import type { Store } from './store.js';
import { SqliteStore } from './sqlite/index.js';
import { RedisStore } from './redis/index.js';

export async function openStore(opts: { redisUrl?: string; redis?: RedisConnection; dataDir: string; log: Logger }): Promise<Store> {
  if (opts.redis || opts.redisUrl) {
    // `redis` (from readEnv: REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER) wins over a bare URL.
    const store = await RedisStore.connect({ url: opts.redisUrl, connection: opts.redis, log: opts.log.child({ mod: 'store' }) });
    opts.log.info({ backend: 'redis', mode: opts.redis?.mode ?? 'standalone' }, 'store: redis');
    return store;
  }
  const store = SqliteStore.open({ dir: opts.dataDir, log: opts.log.child({ mod: 'store' }) });
  opts.log.info({ backend: 'sqlite', dir: opts.dataDir }, 'store: embedded sqlite');
  return store;
}
