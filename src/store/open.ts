// Picks the backend: Redis when REDIS_URL is set, else the embedded SQLite store in DATA_DIR.
import type { Logger } from '../log.js';
import type { RedisConnection } from '../config/redis-env.js';
import { StoreUnavailableError, type Store } from './store.js';
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

/**
 * openStore, tried up to `attempts` times with doubling waits (0.5 s, 1 s, 2 s, …) while the
 * store is unreachable, so a bot started together with its Redis waits a little instead of
 * failing; then the last error is thrown and the caller exits.
 */
export async function openStoreRetrying(
  opts: Parameters<typeof openStore>[0],
  attempts: number,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<Store> {
  for (let i = 1; ; i++) {
    try {
      return await openStore(opts);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError) || i >= attempts) throw err;
      const wait = 500 * 2 ** (i - 1);
      opts.log.warn({ attempt: i, of: attempts, retryInMs: wait }, `store unreachable at start: ${err.message}`);
      await sleep(wait);
    }
  }
}
