// Picks the backend: Redis when REDIS_URL is set, else the embedded SQLite store in DATA_DIR.
import type { Logger } from '../log.js';
import type { Store } from './store.js';
import { SqliteStore } from './sqlite/index.js';
import { RedisStore } from './redis/index.js';

export async function openStore(opts: { redisUrl?: string; dataDir: string; log: Logger }): Promise<Store> {
  if (opts.redisUrl) {
    const store = await RedisStore.connect({ url: opts.redisUrl, log: opts.log.child({ mod: 'store' }) });
    opts.log.info({ backend: 'redis' }, 'store: redis');
    return store;
  }
  const store = SqliteStore.open({ dir: opts.dataDir, log: opts.log.child({ mod: 'store' }) });
  opts.log.info({ backend: 'sqlite', dir: opts.dataDir }, 'store: embedded sqlite');
  return store;
}
