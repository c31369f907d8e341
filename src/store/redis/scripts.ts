// Registers the Lua scripts once per client: ioredis sends EVALSHA and falls back to EVAL when
// the server lost its script cache (e.g. after a restart), so a script call is one round trip.
import type { Redis } from 'ioredis';
import { LUA_CANDIDATES, LUA_INGEST } from './lua-ingest.js';
import { LUA_ATTEMPT, LUA_CLAIM, LUA_COMPLETE, LUA_DEAD, LUA_ENQUEUE, LUA_RETRY, LUA_STATS } from './lua-outbox.js';
import { LUA_ALERTS_RANGE, LUA_LEASE, LUA_LEASE_MANY, LUA_PURGE, LUA_PURGE_SCAN, LUA_RELEASE, LUA_RENEW, LUA_SAVE_STATE, LUA_STATES } from './lua-misc.js';
import { LUA_SEARCH } from './lua-search-v2.js';
import { LUA_MIGRATE } from './lua-migrate.js';

type Run = (...args: Array<string | number>) => Promise<unknown>;

const ONE_KEY = {
  ingest: LUA_INGEST,
  candidates: LUA_CANDIDATES,
  enqueue: LUA_ENQUEUE,
  claim: LUA_CLAIM,
  complete: LUA_COMPLETE,
  retry: LUA_RETRY,
  dead: LUA_DEAD,
  attempt: LUA_ATTEMPT,
  stats: LUA_STATS,
  saveState: LUA_SAVE_STATE,
  states: LUA_STATES,
  alertsRange: LUA_ALERTS_RANGE,
  search: LUA_SEARCH,
  migrate: LUA_MIGRATE,
  purge: LUA_PURGE,
  purgeScan: LUA_PURGE_SCAN,
  renew: LUA_RENEW,
  release: LUA_RELEASE,
  leaseMany: LUA_LEASE_MANY,
} as const;

export type Scripts = Record<keyof typeof ONE_KEY | 'lease', Run>;

export function defineScripts(redis: Redis): Scripts {
  const out: Partial<Scripts> = {};
  const r = redis as unknown as Record<string, Run>;
  for (const [name, lua] of Object.entries(ONE_KEY)) {
    redis.defineCommand(`tr_${name}`, { numberOfKeys: 1, lua });
    out[name as keyof typeof ONE_KEY] = (...args) => r[`tr_${name}`](...args);
  }
  redis.defineCommand('tr_lease', { numberOfKeys: 2, lua: LUA_LEASE });
  out.lease = (...args) => r.tr_lease(...args);
  return out as Scripts;
}
